import { Inject, Injectable } from '@nestjs/common';
import { callControlV1, type CallStartedV1, type LiveAgentStatus, type LiveCall } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError } from '../shared/api-error';
import { GatewaySql, type SqlTransaction } from '../shared/sql';
import { deskOpenSql } from './desk-open.sql';
import { agentStatusOf, type CallRow, notify, notifyAgentStatus, toRoutedCall } from './routed-call.row';

export { toRoutedCall } from './routed-call.row';

/** A call as routing sees it: the shape the live protocol carries to the desk (`call.ringing`, …). */
export type RoutedCall = LiveCall;

/**
 * Routes calls to agents, in PostgreSQL so that every gateway replica agrees (decisions 0050,
 * 0051): a call waits in the queue until an available agent with no call and no wrap-up is free;
 * it then rings at the longest idle one's desk (only an agent with a desk open is rung) until `ringDeadline` (the sweeper gives it to the
 * next agent after that) and is connected when they answer. Each offer is one short transaction
 * under a dispatch advisory lock (replicas take turns, so the oldest call meets the longest idle
 * agent) that locks the call and the agent with `FOR UPDATE SKIP LOCKED`, so no call ever rings
 * at two desks. Every change is announced with `pg_notify` in the same transaction (delivered on
 * commit) so each replica can push it to its own sockets.
 */
@Injectable()
export class CallRoutingService {
  constructor(
    private readonly sql: GatewaySql,
    private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

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

  /**
   * A call ended (exactly once, whatever the redeliveries): it leaves the queue, stops ringing,
   * or frees its agent, who wraps up (`GATEWAY_WRAP_UP_SECONDS`) before the next call; then dispatch.
   */
  async callEnded(callId: string, endedAt: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const [before] = await tx.query<CallRow>(`SELECT * FROM @.routed_call WHERE "call_id" = $1 FOR UPDATE`, [callId]);
      const [row] = await tx.query<CallRow>(
        `INSERT INTO @.routed_call ("call_id", "caller_number", "started_at", "status", "ended_at") VALUES ($1, '', $2, 'ended', $2)
         ON CONFLICT ("call_id") DO UPDATE SET "status" = 'ended', "ended_at" = EXCLUDED."ended_at", "ring_deadline" = NULL,
           "on_hold" = false, "transfer_to" = NULL, "transfer_deadline" = NULL
         WHERE @.routed_call."status" <> 'ended' RETURNING *`,
        [callId, endedAt],
      );
      if (!row) return;
      const call = toRoutedCall(row);
      if (before?.agent_id) {
        const talked = before.status === 'connected';
        await tx.query(
          `UPDATE @.agent_presence SET "current_call_id" = NULL, "idle_since" = clock_timestamp(),
             "wrap_up_until" = CASE WHEN $3 THEN clock_timestamp() + $4 * interval '1 millisecond' ELSE "wrap_up_until" END,
             "wrap_up_call_id" = CASE WHEN $3 THEN "current_call_id" ELSE "wrap_up_call_id" END
           WHERE "staff_id" = $1 AND "current_call_id" = $2`,
          [before.agent_id, callId, talked && this.config.routing.wrapUpMs > 0, this.config.routing.wrapUpMs],
        );
        if (!talked) await notify(tx, { kind: 'withdrawn', call, to: before.agent_id });
        await notifyAgentStatus(tx, before.agent_id);
      }
      if (before?.transfer_to) await this.freeTransferTarget(tx, call, before.transfer_to);
      await notify(tx, { kind: 'ended', call });
    });
    await this.dispatch();
  }

  /** The colleague a transfer rang stops ringing. */
  private async freeTransferTarget(tx: SqlTransaction, call: RoutedCall, target: string): Promise<void> {
    await tx.query(`UPDATE @.agent_presence SET "current_call_id" = NULL WHERE "staff_id" = $1 AND "current_call_id" = $2`, [target, call.callId]);
    await notify(tx, { kind: 'withdrawn', call, to: target });
  }

  /** An agent starts (or stops) taking calls; starting makes them idle from now. */
  async setAvailability(staffId: string, available: boolean, reason: LiveAgentStatus['reason'] = null): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO @.agent_presence ("staff_id", "available", "reason") VALUES ($1, $2, $3)
         ON CONFLICT ("staff_id") DO UPDATE SET "available" = EXCLUDED."available", "reason" = EXCLUDED."reason",
           "idle_since" = CASE WHEN EXCLUDED."available" AND NOT @.agent_presence."available" THEN clock_timestamp()
                               ELSE @.agent_presence."idle_since" END`,
        [staffId, available, reason],
      );
      await notifyAgentStatus(tx, staffId);
    });
    if (available) await this.dispatch();
  }

  /** The agent ends their wrap-up now: calls may be routed to them again. */
  async ready(staffId: string): Promise<LiveAgentStatus> {
    const status = await this.sql.transaction(async (tx) => {
      await tx.query(`UPDATE @.agent_presence SET "wrap_up_until" = NULL, "wrap_up_call_id" = NULL WHERE "staff_id" = $1`, [staffId]);
      await notifyAgentStatus(tx, staffId);
      return agentStatusOf(tx, staffId);
    });
    await this.dispatch();
    return status;
  }

  async isAvailable(staffId: string): Promise<boolean> {
    const [row] = await this.sql.query<{ available: boolean }>(`SELECT "available" FROM @.agent_presence WHERE "staff_id" = $1`, [staffId]);
    return row?.available ?? false;
  }

  async agentStatus(staffId: string): Promise<LiveAgentStatus> {
    return agentStatusOf(this.sql, staffId);
  }

  /** An agent picks a queued call themselves (they must not be on another call): connected at once. */
  async accept(staffId: string, callId: string): Promise<RoutedCall> {
    const call = await this.sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO @.agent_presence ("staff_id") VALUES ($1) ON CONFLICT DO NOTHING`, [staffId]);
      const [agent] = await tx.query<{ current_call_id: string | null }>(
        `SELECT "current_call_id" FROM @.agent_presence WHERE "staff_id" = $1 FOR UPDATE`,
        [staffId],
      );
      if (agent.current_call_id) throw new ApiError(409, 'AGENT_BUSY', `finish call ${agent.current_call_id} first`);
      const [row] = await tx.query<CallRow>(
        `UPDATE @.routed_call SET "status" = 'connected', "agent_id" = $2, "assigned_at" = clock_timestamp(), "answered_at" = clock_timestamp()
         WHERE "call_id" = $1 AND "status" = 'queued' RETURNING *`,
        [callId, staffId],
      );
      if (!row) throw new ApiError(409, 'CALL_NOT_QUEUED', 'the call is no longer waiting (taken by another agent, or ended)');
      await tx.query(
        `UPDATE @.agent_presence SET "current_call_id" = $2, "wrap_up_until" = NULL, "wrap_up_call_id" = NULL WHERE "staff_id" = $1`,
        [staffId, callId],
      );
      const accepted = toRoutedCall(row);
      await notify(tx, { kind: 'updated', call: accepted, to: staffId });
      await notifyAgentStatus(tx, staffId);
      return accepted;
    });
    await this.connectCaller(call.callId, staffId);
    return call;
  }

  /** Tells call-ingest the caller now hears `agentId` (a state, so repeating it is harmless). */
  async connectCaller(callId: string, agentId: string): Promise<void> {
    await this.bus.publish(callControlV1, { callId, command: 'connect', agentId, issuedAt: new Date().toISOString() });
  }

  /** Offers queued calls to free agents until one of the two runs out. */
  async dispatch(): Promise<void> {
    while (await this.offerOne()) {
      // one offer per transaction keeps lock times short
    }
  }

  private async offerOne(): Promise<boolean> {
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
           AND (p."wrap_up_until" IS NULL OR p."wrap_up_until" <= clock_timestamp()) AND ${deskOpenSql('p."staff_id"')}
         ORDER BY p."idle_since", p."staff_id" LIMIT 1 FOR UPDATE OF p SKIP LOCKED`,
      );
      if (!agent) return false;
      const [row] = await tx.query<CallRow>(
        `UPDATE @.routed_call SET "status" = 'ringing', "agent_id" = $2, "assigned_at" = clock_timestamp(),
           "ring_deadline" = clock_timestamp() + $3 * interval '1 millisecond'
         WHERE "call_id" = $1 RETURNING *`,
        [call.call_id, agent.staff_id, this.config.routing.ringTimeoutMs],
      );
      await tx.query(
        `UPDATE @.agent_presence SET "current_call_id" = $2, "wrap_up_until" = NULL, "wrap_up_call_id" = NULL WHERE "staff_id" = $1`,
        [agent.staff_id, call.call_id],
      );
      await notify(tx, { kind: 'ringing', call: toRoutedCall(row), to: agent.staff_id });
      return true;
    });
  }

  /** The agent's calls: the one ringing or on the line, and the ended ones of the last hour (to finish an order). */
  async callsOf(staffId: string): Promise<RoutedCall[]> {
    const rows = await this.sql.query<CallRow>(
      `SELECT * FROM @.routed_call WHERE ("agent_id" = $1 AND ("status" IN ('ringing', 'connected') OR "ended_at" > now() - interval '1 hour'))
         OR ("transfer_to" = $1 AND "status" = 'connected')
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
