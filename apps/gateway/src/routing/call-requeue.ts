import type { SqlTransaction } from '../shared/sql';
import { type CallRow, notify, notifyAgentStatus, toRoutedCall } from './routed-call.row';
import type { RoutedCall } from './call-routing.service';

/**
 * Puts a ringing or connected call back in the queue at its original place (its `queuedAt` is
 * kept) and makes the agent who had it unavailable for `reason`, so it does not come straight
 * back to them; a transfer it was ringing for is withdrawn. Their desk hears `withdrawn` (it was
 * only ringing) or `left` (they had answered). The caller must already have its row locked.
 */
export async function requeueCall(
  tx: SqlTransaction,
  held: CallRow,
  reason: 'missed-call' | 'audio-lost' | 'desk-closed',
): Promise<RoutedCall> {
  const [row] = await tx.query<CallRow>(
    `UPDATE @.routed_call SET "status" = 'queued', "agent_id" = NULL, "assigned_at" = NULL, "ring_deadline" = NULL,
       "answered_at" = NULL, "on_hold" = false, "transfer_to" = NULL, "transfer_deadline" = NULL
     WHERE "call_id" = $1 RETURNING *`,
    [held.call_id],
  );
  const call = toRoutedCall(row);
  if (held.agent_id) {
    await tx.query(
      `UPDATE @.agent_presence SET "current_call_id" = NULL, "available" = false, "reason" = $3
       WHERE "staff_id" = $1 AND "current_call_id" = $2`,
      [held.agent_id, held.call_id, reason],
    );
    await notify(tx, { kind: held.status === 'ringing' ? 'withdrawn' : 'left', call, to: held.agent_id });
    await notifyAgentStatus(tx, held.agent_id);
  }
  if (held.transfer_to) {
    await tx.query(`UPDATE @.agent_presence SET "current_call_id" = NULL WHERE "staff_id" = $1 AND "current_call_id" = $2`, [held.transfer_to, held.call_id]);
    await notify(tx, { kind: 'withdrawn', call, to: held.transfer_to });
  }
  await notify(tx, { kind: 'queued', call });
  return call;
}
