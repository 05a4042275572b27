import { Injectable } from '@nestjs/common';
import type { CallStartedV1, LiveCall } from '@callcart/contracts';
import { ApiError } from '../shared/api-error';
import { GatewaySql, type SqlTransaction } from '../shared/sql';
import { ROUTING_CHANNEL, type RoutingNotice } from './routing-notice';

/** A call as routing sees it: the shape the live protocol carries to the desk (`call.assigned`, …). */
export type RoutedCall = LiveCall;

interface CallRow {
  call_id: string;
  caller_number: string;
  started_at: Date;
  status: RoutedCall['status'];
  agent_id: string | null;
  queued_at: Date;
  assigned_at: Date | null;
  ended_at: Date | null;
}

export const toRoutedCall = (row: CallRow): RoutedCall => ({
  callId: row.call_id,
  callerNumber: row.caller_number,
  startedAt: row.started_at.toISOString(),
  status: row.status,
  agentId: row.agent_id,
  queuedAt: row.queued_at.toISOString(),
  assignedAt: row.assigned_at?.toISOString() ?? null,
  endedAt: row.ended_at?.toISOString() ?? null,
});

/**
 * Routes calls to agents, in PostgreSQL so that every gateway replica agrees: a call waits in
 * the queue (`routed_call.status = 'queued'`) until an available agent with no call takes it,
 * the longest idle first. Each assignment is one short transaction under a dispatch advisory
 * lock (replicas take turns, so the oldest call meets the longest idle agent) that locks the
 * call and the agent with `FOR UPDATE SKIP LOCKED` (stepping over rows an agent is accepting
 * right now), so no call or agent is ever handed out twice. Every change is announced with `pg_notify` in the same
 * transaction (delivered on commit) so each replica can push it to its own sockets.
 */
@Injectable()
export class CallRoutingService {
  constructor(private readonly sql: GatewaySql) {}

  /** A call came in: queue it (once, whatever the redeliveries), then dispatch. */
  async callStarted(call: CallStartedV1): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const [row] = await tx.query<CallRow>(
        `INSERT INTO @.routed_call ("call_id", "caller_number", "started_at", "status") VALUES ($1, $2, $3, 'queued')
         ON CONFLICT ("call_id") DO NOTHING RETURNING *`,
        [call.callId, call.callerNumber, call.startedAt],
      );
      if (row) await notify(tx, { kind: 'queued', call: toRoutedCall(row) });
    });
    await this.dispatch();
  }

  /** A call ended: it leaves the queue or frees its agent, who is idle from now; then dispatch. */
  async callEnded(callId: string, endedAt: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const [row] = await tx.query<CallRow>(
        `INSERT INTO @.routed_call ("call_id", "caller_number", "started_at", "status", "ended_at") VALUES ($1, '', $2, 'ended', $2)
         ON CONFLICT ("call_id") DO UPDATE SET "status" = 'ended', "ended_at" = EXCLUDED."ended_at"
         WHERE @.routed_call."status" <> 'ended' RETURNING *`,
        [callId, endedAt],
      );
      if (!row) return;
      if (row.agent_id) {
        await tx.query(
          `UPDATE @.agent_presence SET "current_call_id" = NULL, "idle_since" = clock_timestamp()
           WHERE "staff_id" = $1 AND "current_call_id" = $2`,
          [row.agent_id, callId],
        );
      }
      await notify(tx, { kind: 'ended', call: toRoutedCall(row) });
    });
    await this.dispatch();
  }

  /** An agent starts (or stops) taking calls; starting makes them idle from now. */
  async setAvailability(staffId: string, available: boolean): Promise<void> {
    await this.sql.query(
      `INSERT INTO @.agent_presence ("staff_id", "available") VALUES ($1, $2)
       ON CONFLICT ("staff_id") DO UPDATE SET "available" = EXCLUDED."available",
         "idle_since" = CASE WHEN EXCLUDED."available" AND NOT @.agent_presence."available" THEN clock_timestamp()
                             ELSE @.agent_presence."idle_since" END`,
      [staffId, available],
    );
    if (available) await this.dispatch();
  }

  async isAvailable(staffId: string): Promise<boolean> {
    const [row] = await this.sql.query<{ available: boolean }>(`SELECT "available" FROM @.agent_presence WHERE "staff_id" = $1`, [staffId]);
    return row?.available ?? false;
  }

  /** An agent picks a queued call themselves (they must not be on another call). */
  async accept(staffId: string, callId: string): Promise<RoutedCall> {
    return this.sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO @.agent_presence ("staff_id") VALUES ($1) ON CONFLICT DO NOTHING`, [staffId]);
      const [agent] = await tx.query<{ current_call_id: string | null }>(
        `SELECT "current_call_id" FROM @.agent_presence WHERE "staff_id" = $1 FOR UPDATE`,
        [staffId],
      );
      if (agent.current_call_id) throw new ApiError(409, 'AGENT_BUSY', `finish call ${agent.current_call_id} first`);
      const [row] = await tx.query<CallRow>(
        `UPDATE @.routed_call SET "status" = 'assigned', "agent_id" = $2, "assigned_at" = clock_timestamp()
         WHERE "call_id" = $1 AND "status" = 'queued' RETURNING *`,
        [callId, staffId],
      );
      if (!row) throw new ApiError(409, 'CALL_NOT_QUEUED', 'the call is no longer waiting (taken by another agent, or ended)');
      await tx.query(`UPDATE @.agent_presence SET "current_call_id" = $2 WHERE "staff_id" = $1`, [staffId, callId]);
      const call = toRoutedCall(row);
      await notify(tx, { kind: 'assigned', call });
      return call;
    });
  }

  /** Hands queued calls to free agents until one of the two runs out. */
  async dispatch(): Promise<void> {
    while (await this.assignOne()) {
      // one assignment per transaction keeps lock times short
    }
  }

  private async assignOne(): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      // Dispatchers take turns (a few ms each), so the oldest call always meets the longest idle
      // agent; SKIP LOCKED then only steps over rows an agent is accepting at this moment.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('callcart:gateway:dispatch'))`);
      const [call] = await tx.query<{ call_id: string }>(
        `SELECT "call_id" FROM @.routed_call WHERE "status" = 'queued' ORDER BY "queued_at", "call_id" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!call) return false;
      const [agent] = await tx.query<{ staff_id: string }>(
        `SELECT p."staff_id" FROM @.agent_presence p JOIN @.staff_account a ON a."id" = p."staff_id"
         WHERE p."available" AND p."current_call_id" IS NULL AND a."active"
         ORDER BY p."idle_since", p."staff_id" LIMIT 1 FOR UPDATE OF p SKIP LOCKED`,
      );
      if (!agent) return false;
      const [row] = await tx.query<CallRow>(
        `UPDATE @.routed_call SET "status" = 'assigned', "agent_id" = $2, "assigned_at" = clock_timestamp() WHERE "call_id" = $1 RETURNING *`,
        [call.call_id, agent.staff_id],
      );
      await tx.query(`UPDATE @.agent_presence SET "current_call_id" = $2 WHERE "staff_id" = $1`, [agent.staff_id, call.call_id]);
      await notify(tx, { kind: 'assigned', call: toRoutedCall(row) });
      return true;
    });
  }

  /** The agent's calls: the one on the line and the ended ones of the last hour (to finish an order). */
  async callsOf(staffId: string): Promise<RoutedCall[]> {
    const rows = await this.sql.query<CallRow>(
      `SELECT * FROM @.routed_call WHERE "agent_id" = $1 AND ("status" = 'assigned' OR "ended_at" > now() - interval '1 hour')
       ORDER BY "assigned_at" DESC LIMIT 20`,
      [staffId],
    );
    return rows.map(toRoutedCall);
  }

  /** The waiting calls, oldest first. */
  async queue(): Promise<RoutedCall[]> {
    const rows = await this.sql.query<CallRow>(`SELECT * FROM @.routed_call WHERE "status" = 'queued' ORDER BY "queued_at" LIMIT 100`);
    return rows.map(toRoutedCall);
  }

  async find(callId: string): Promise<RoutedCall | undefined> {
    const [row] = await this.sql.query<CallRow>(`SELECT * FROM @.routed_call WHERE "call_id" = $1`, [callId]);
    return row ? toRoutedCall(row) : undefined;
  }
}

async function notify(tx: SqlTransaction, notice: RoutingNotice): Promise<void> {
  await tx.query(`SELECT pg_notify($1, $2)`, [ROUTING_CHANNEL, JSON.stringify(notice)]);
}
