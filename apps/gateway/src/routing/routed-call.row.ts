import type { AgentStatusReason, LiveAgentStatus, LiveCall } from '@callcart/contracts';
import type { SqlTransaction } from '../shared/sql';
import { ROUTING_CHANNEL, type RoutingNotice } from './routing-notice';

/** A `routed_call` row as PostgreSQL returns it. */
export interface CallRow {
  call_id: string;
  caller_number: string;
  started_at: Date;
  status: LiveCall['status'];
  agent_id: string | null;
  queued_at: Date;
  assigned_at: Date | null;
  ring_deadline: Date | null;
  answered_at: Date | null;
  on_hold: boolean;
  transfer_to: string | null;
  transfer_deadline: Date | null;
  ended_at: Date | null;
  notes: string | null;
}

export const toRoutedCall = (row: CallRow): LiveCall => ({
  callId: row.call_id,
  callerNumber: row.caller_number,
  startedAt: row.started_at.toISOString(),
  status: row.status,
  agentId: row.agent_id,
  queuedAt: row.queued_at.toISOString(),
  assignedAt: row.assigned_at?.toISOString() ?? null,
  ringDeadline: row.ring_deadline?.toISOString() ?? null,
  answeredAt: row.answered_at?.toISOString() ?? null,
  onHold: row.on_hold,
  transferTo: row.transfer_to,
  transferDeadline: row.transfer_deadline?.toISOString() ?? null,
  endedAt: row.ended_at?.toISOString() ?? null,
  notes: row.notes,
});

interface PresenceRow {
  staff_id: string;
  available: boolean;
  wrap_up_until: Date | null;
  wrap_up_call_id: string | null;
  reason: string | null;
  wrapping_up: boolean;
}

/** The agent's status as their desk sees it (no presence row yet: not available). */
export async function agentStatusOf(tx: Pick<SqlTransaction, 'query'>, staffId: string): Promise<LiveAgentStatus> {
  const [row] = await tx.query<PresenceRow>(
    `SELECT *, coalesce("wrap_up_until" > clock_timestamp(), false) AS "wrapping_up" FROM @.agent_presence WHERE "staff_id" = $1`,
    [staffId],
  );
  if (!row) return { staffId, available: false, wrapUpUntil: null, wrapUpCallId: null, reason: null };
  return {
    staffId,
    available: row.available && !row.wrapping_up,
    wrapUpUntil: row.wrapping_up ? row.wrap_up_until!.toISOString() : null,
    wrapUpCallId: row.wrapping_up ? row.wrap_up_call_id : null,
    reason: row.wrapping_up ? 'wrap-up' : (row.reason as AgentStatusReason | null),
  };
}

/** Announces a routing change to every replica; delivered when the transaction commits. */
export async function notify(tx: SqlTransaction, notice: RoutingNotice): Promise<void> {
  await tx.query(`SELECT pg_notify($1, $2)`, [ROUTING_CHANNEL, JSON.stringify(notice)]);
}

/** Announces the agent's current status to their desk (on commit). */
export async function notifyAgentStatus(tx: SqlTransaction, staffId: string): Promise<void> {
  await notify(tx, { kind: 'agent-status', status: await agentStatusOf(tx, staffId) });
}
