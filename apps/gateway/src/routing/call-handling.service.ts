import { Inject, Injectable } from '@nestjs/common';
import { callControlV1, voiceSessionCloseV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError, forbidden } from '../shared/api-error';
import { GatewaySql, type SqlTransaction } from '../shared/sql';
import { requeueCall } from './call-requeue';
import { CallRoutingService, type RoutedCall } from './call-routing.service';
import { type CallRow, notify, notifyAgentStatus, toRoutedCall } from './routed-call.row';

/** How long after a call its agent may still write its notes. */
const NOTES_WINDOW = `interval '1 day'`;

/**
 * What an agent does with a call routed to them: answer it (a call ringing at their desk, or a
 * colleague's transfer), hold it, hang up, write notes; and what happens when their audio is
 * lost. Each change is one transaction on the call's row (`FOR UPDATE`), so an answer racing the
 * ring timeout or the caller's hang-up settles once; call-ingest is told after the commit.
 */
@Injectable()
export class CallHandlingService {
  constructor(
    private readonly sql: GatewaySql,
    private readonly bus: MessageBus,
    private readonly routing: CallRoutingService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The agent answers the call ringing at their desk, or takes over a colleague's call they were transferred. */
  async answer(staffId: string, callId: string): Promise<RoutedCall> {
    const { call, handedOverBy } = await this.sql.transaction(async (tx) => {
      const held = await lockCall(tx, callId);
      if (held.status === 'ringing' && held.agent_id === staffId) return { call: await this.connect(tx, held, staffId), handedOverBy: null };
      if (held.status === 'connected' && held.transfer_to === staffId) return this.takeOver(tx, held, staffId);
      throw new ApiError(409, 'CALL_NOT_RINGING', 'the call is not ringing at your desk (answered elsewhere, timed out, or ended)');
    });
    if (handedOverBy) await this.bus.publish(voiceSessionCloseV1, { callId, agentId: handedOverBy, reason: 'transferred' });
    await this.routing.connectCaller(callId, staffId);
    return call;
  }

  private async connect(tx: SqlTransaction, held: CallRow, staffId: string): Promise<RoutedCall> {
    const [row] = await tx.query<CallRow>(
      `UPDATE @.routed_call SET "status" = 'connected', "answered_at" = clock_timestamp(), "ring_deadline" = NULL WHERE "call_id" = $1 RETURNING *`,
      [held.call_id],
    );
    const call = toRoutedCall(row);
    await notify(tx, { kind: 'updated', call, to: staffId });
    return call;
  }

  /** A transfer answered: the call becomes the target's; the first agent wraps it up. */
  private async takeOver(tx: SqlTransaction, held: CallRow, staffId: string): Promise<{ call: RoutedCall; handedOverBy: string }> {
    const first = held.agent_id!;
    const [row] = await tx.query<CallRow>(
      `UPDATE @.routed_call SET "agent_id" = $2, "answered_at" = clock_timestamp(), "on_hold" = false,
         "transfer_to" = NULL, "transfer_deadline" = NULL
       WHERE "call_id" = $1 RETURNING *`,
      [held.call_id, staffId],
    );
    await this.startWrapUp(tx, first, held.call_id);
    const call = toRoutedCall(row);
    await notify(tx, { kind: 'left', call, to: first });
    await notify(tx, { kind: 'updated', call, to: staffId });
    await notifyAgentStatus(tx, first);
    return { call, handedOverBy: first };
  }

  /** The agent is free of the call and wraps it up (`GATEWAY_WRAP_UP_SECONDS`; 0: none). */
  private async startWrapUp(tx: SqlTransaction, staffId: string, callId: string): Promise<void> {
    const wrapUpMs = this.config.routing.wrapUpMs;
    await tx.query(
      `UPDATE @.agent_presence SET "current_call_id" = NULL, "idle_since" = clock_timestamp(),
         "wrap_up_until" = CASE WHEN $3 > 0 THEN clock_timestamp() + $3 * interval '1 millisecond' END,
         "wrap_up_call_id" = CASE WHEN $3 > 0 THEN $2 END
       WHERE "staff_id" = $1`,
      [staffId, callId, wrapUpMs],
    );
  }

  /** The connected agent puts the caller on hold (waiting audio) or takes them back. */
  async hold(staffId: string, callId: string, onHold: boolean): Promise<RoutedCall> {
    const call = await this.sql.transaction(async (tx) => {
      const held = await lockCall(tx, callId);
      requireConnectedAgent(held, staffId);
      const [row] = await tx.query<CallRow>(`UPDATE @.routed_call SET "on_hold" = $2 WHERE "call_id" = $1 RETURNING *`, [callId, onHold]);
      const changed = toRoutedCall(row);
      await notify(tx, { kind: 'updated', call: changed, to: staffId });
      return changed;
    });
    await this.bus.publish(callControlV1, { callId, command: onHold ? 'hold' : 'connect', agentId: onHold ? undefined : staffId, issuedAt: new Date().toISOString() });
    return call;
  }

  /** The connected agent hangs up: call-ingest ends the call, whose call-ended event then ends the routed call. */
  async hangUp(staffId: string, callId: string): Promise<void> {
    const held = await this.routing.find(callId);
    if (!held) throw new ApiError(404, 'CALL_NOT_FOUND', 'no such call');
    if (held.agentId !== staffId) throw forbidden('this call is not yours');
    if (held.status !== 'connected') throw new ApiError(409, 'CALL_NOT_CONNECTED', 'only a connected call can be hung up');
    await this.bus.publish(callControlV1, { callId, command: 'hangup', issuedAt: new Date().toISOString() });
  }

  /** Stores the agent's notes on a call they had (during it, or within a day after it ended). */
  async saveNotes(staffId: string, callId: string, notes: string): Promise<RoutedCall> {
    return this.sql.transaction(async (tx) => {
      const held = await lockCall(tx, callId);
      if (held.agent_id !== staffId) throw forbidden('this call is not yours');
      const [row] = await tx.query<CallRow>(
        `UPDATE @.routed_call SET "notes" = $2 WHERE "call_id" = $1 AND ("ended_at" IS NULL OR "ended_at" > now() - ${NOTES_WINDOW}) RETURNING *`,
        [callId, notes],
      );
      if (!row) throw new ApiError(409, 'CALL_CLOSED', 'the call ended over a day ago');
      return toRoutedCall(row);
    });
  }

  /**
   * The voice service lost the agent's audio: if they still hold the call it goes back to the
   * queue at its place (the caller hears the waiting audio), they become unavailable
   * (`audio-lost`) and the next agent is rung. A redelivery, or a report about an agent who no
   * longer holds the call, changes nothing.
   */
  async agentAudioLost(callId: string, agentId: string): Promise<void> {
    const requeued = await this.sql.transaction(async (tx) => {
      const [held] = await tx.query<CallRow>(`SELECT * FROM @.routed_call WHERE "call_id" = $1 FOR UPDATE`, [callId]);
      if (!held || held.status !== 'connected' || held.agent_id !== agentId) return false;
      await requeueCall(tx, held, 'audio-lost');
      return true;
    });
    if (!requeued) return;
    await this.bus.publish(callControlV1, { callId, command: 'hold', issuedAt: new Date().toISOString() });
    await this.bus.publish(voiceSessionCloseV1, { callId, agentId, reason: 'requeued' });
    await this.routing.dispatch();
  }
}

/**
 * The call's row, locked for this transaction when it is held by an agent; 404 when there is
 * none. A queued call is returned unlocked (every command here refuses it): a lock on it would
 * make dispatch step over it (SKIP LOCKED) and leave it waiting.
 */
export async function lockCall(tx: SqlTransaction, callId: string): Promise<CallRow> {
  const [seen] = await tx.query<CallRow>(`SELECT * FROM @.routed_call WHERE "call_id" = $1`, [callId]);
  if (!seen) throw new ApiError(404, 'CALL_NOT_FOUND', 'no such call');
  if (seen.status === 'queued') return seen;
  const [held] = await tx.query<CallRow>(`SELECT * FROM @.routed_call WHERE "call_id" = $1 FOR UPDATE`, [callId]);
  return held;
}

/** 403 unless the agent holds the call, 409 unless it is connected. */
export function requireConnectedAgent(held: CallRow, staffId: string): void {
  if (held.agent_id !== staffId) throw forbidden('this call is not yours');
  if (held.status !== 'connected') throw new ApiError(409, 'CALL_NOT_CONNECTED', 'the call is not connected');
}
