import type { EntityManager } from 'typeorm';
import { rows } from '../shared/transaction';

/** Rows deleted per statement, so a large backlog is pruned in short transactions. */
export const PRUNE_BATCH = 1000;

/**
 * Deletes up to {@link PRUNE_BATCH} published outbox events and as many processed inbox messages
 * older than the retention; returns how many rows it deleted (a full batch means more may be waiting).
 * Unpublished and parked events are never pruned: they are work or evidence. The inbox must keep
 * a message id longer than JetStream could redeliver it, hence a retention of days, not minutes.
 */
export async function pruneDelivered(manager: EntityManager, retentionMs: number): Promise<number> {
  const published = await rows(
    manager,
    `DELETE FROM @.outbox_event WHERE "seq" IN (
       SELECT "seq" FROM @.outbox_event WHERE "published_at" < now() - make_interval(secs => $1::double precision / 1000)
       LIMIT ${PRUNE_BATCH}) RETURNING "seq"`,
    [retentionMs],
  );
  const processed = await rows(
    manager,
    `DELETE FROM @.inbox_message WHERE ("consumer", "message_id") IN (
       SELECT "consumer", "message_id" FROM @.inbox_message WHERE "processed_at" < now() - make_interval(secs => $1::double precision / 1000)
       LIMIT ${PRUNE_BATCH}) RETURNING "message_id"`,
    [retentionMs],
  );
  return published.length + processed.length;
}

/** How often to prune: a quarter of the retention, between the poll interval and ten minutes. */
export function pruneIntervalMs(retentionMs: number, pollIntervalMs: number): number {
  return Math.min(Math.max(Math.floor(retentionMs / 4), pollIntervalMs), 600_000);
}
