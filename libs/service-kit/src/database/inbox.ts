import type { EntityManager } from 'typeorm';
import { queryRows } from './schema-sql';

/**
 * Records that `consumer` acted on `messageId`, inside the caller's transaction. Returns false
 * when it already had: the caller then skips the effect, so a redelivered message acts once.
 */
export async function claimInboxMessage(manager: EntityManager, consumer: string, messageId: string): Promise<boolean> {
  const rows = await queryRows(
    manager,
    `INSERT INTO @.inbox_message ("consumer", "message_id") VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING "message_id"`,
    [consumer, messageId],
  );
  return rows.length === 1;
}
