import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventContract, PayloadOf } from '@callcart/contracts';
import { rows } from '../shared/transaction';

/**
 * Writes an event into the transactional outbox, in the caller's transaction: it goes out if and
 * only if the state change it describes commits, so no fact is lost and none is announced that
 * did not happen. The relay publishes it with this id as its message id (JetStream drops a
 * republished one as a duplicate).
 */
export async function enqueueEvent<C extends EventContract>(
  manager: EntityManager,
  contract: C,
  payload: PayloadOf<C>,
  envelope: { callId?: string; correlationId?: string } = {},
): Promise<void> {
  const checked = contract.schema.parse(payload);
  const callId = contract.scope === 'call' ? (checked as { callId: string }).callId : envelope.callId;
  await rows(
    manager,
    `INSERT INTO @.outbox_event ("id", "subject", "payload", "call_id", "correlation_id") VALUES ($1, $2, $3, $4, $5)`,
    [randomUUID(), contract.subject, JSON.stringify(checked), callId ?? null, envelope.correlationId ?? null],
  );
}
