import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError } from '../shared/api-error';
import { GatewaySql, type SqlTransaction } from '../shared/sql';
import { lockCall, requireConnectedAgent } from './call-handling.service';
import type { RoutedCall } from './call-routing.service';
import { deskOpenSql } from './desk-open.sql';
import { type CallRow, notify, toRoutedCall } from './routed-call.row';

/** An agent as the transfer menu lists them. */
export interface TransferCandidate {
  readonly staffId: string;
  readonly username: string;
  readonly available: boolean;
  readonly onCall: boolean;
  readonly wrappingUp: boolean;
}

/**
 * Transfers (decision 0051): the connected agent rings a free colleague's desk for the same call
 * until `transferDeadline`; the colleague answers with the ordinary answer (CallHandlingService),
 * or the transfer is cancelled or lapses and the first agent keeps the call. While it rings the
 * colleague's presence row holds the call, so dispatch does not ring them with another one.
 */
@Injectable()
export class CallTransferService {
  constructor(
    private readonly sql: GatewaySql,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Active agents for the transfer menu. */
  async candidates(): Promise<TransferCandidate[]> {
    return this.sql.query<TransferCandidate>(
      `SELECT a."id" AS "staffId", a."username",
         coalesce(p."available", false) AS "available",
         p."current_call_id" IS NOT NULL AS "onCall",
         coalesce(p."wrap_up_until" > clock_timestamp(), false) AS "wrappingUp"
       FROM @.staff_account a LEFT JOIN @.agent_presence p ON p."staff_id" = a."id"
       WHERE a."active" AND a."role" = 'agent' ORDER BY a."username"`,
    );
  }

  /** The connected agent rings `toAgentId` to take the call over. */
  async start(staffId: string, callId: string, toAgentId: string): Promise<RoutedCall> {
    return this.sql.transaction(async (tx) => {
      const held = await lockCall(tx, callId);
      requireConnectedAgent(held, staffId);
      if (held.transfer_to) throw new ApiError(409, 'TRANSFER_PENDING', 'a transfer of this call is already ringing');
      if (toAgentId === staffId) throw new ApiError(409, 'TRANSFER_TO_SELF', 'choose a colleague, not yourself');
      const [target] = await tx.query<{ free: boolean }>(
        `SELECT p."available" AND p."current_call_id" IS NULL AND (p."wrap_up_until" IS NULL OR p."wrap_up_until" <= clock_timestamp())
           AND ${deskOpenSql('p."staff_id"')} AS "free"
         FROM @.agent_presence p JOIN @.staff_account a ON a."id" = p."staff_id"
         WHERE p."staff_id" = $1 AND a."active" AND a."role" = 'agent' FOR UPDATE OF p`,
        [toAgentId],
      );
      if (!target) throw new ApiError(409, 'AGENT_UNKNOWN', 'no active agent with this id');
      if (!target.free) throw new ApiError(409, 'AGENT_NOT_FREE', 'the agent is unavailable, on a call or wrapping up');
      await tx.query(`UPDATE @.agent_presence SET "current_call_id" = $2 WHERE "staff_id" = $1`, [toAgentId, callId]);
      const [row] = await tx.query<CallRow>(
        `UPDATE @.routed_call SET "transfer_to" = $2, "transfer_deadline" = clock_timestamp() + $3 * interval '1 millisecond'
         WHERE "call_id" = $1 RETURNING *`,
        [callId, toAgentId, this.config.routing.ringTimeoutMs],
      );
      const call = toRoutedCall(row);
      await notify(tx, { kind: 'ringing', call, to: toAgentId });
      await notify(tx, { kind: 'updated', call, to: staffId });
      return call;
    });
  }

  /** The connected agent stops ringing their colleague. */
  async cancel(staffId: string, callId: string): Promise<RoutedCall> {
    return this.sql.transaction(async (tx) => {
      const held = await lockCall(tx, callId);
      requireConnectedAgent(held, staffId);
      if (!held.transfer_to) throw new ApiError(409, 'NO_TRANSFER', 'no transfer of this call is ringing');
      return withdrawTransfer(tx, held);
    });
  }

  /** Withdraws the transfers whose deadline passed (the sweeper, on every replica; each lapses once). */
  async lapseTransfers(): Promise<number> {
    let lapsed = 0;
    while (
      await this.sql.transaction(async (tx) => {
        const [held] = await tx.query<CallRow>(
          `SELECT * FROM @.routed_call WHERE "transfer_to" IS NOT NULL AND "transfer_deadline" <= clock_timestamp()
           LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!held) return false;
        await withdrawTransfer(tx, held);
        return true;
      })
    ) {
      lapsed += 1;
    }
    return lapsed;
  }
}

/** The colleague's desk stops ringing; the first agent keeps the call. */
async function withdrawTransfer(tx: SqlTransaction, held: CallRow): Promise<RoutedCall> {
  const target = held.transfer_to!;
  const [row] = await tx.query<CallRow>(
    `UPDATE @.routed_call SET "transfer_to" = NULL, "transfer_deadline" = NULL WHERE "call_id" = $1 RETURNING *`,
    [held.call_id],
  );
  await tx.query(`UPDATE @.agent_presence SET "current_call_id" = NULL WHERE "staff_id" = $1 AND "current_call_id" = $2`, [target, held.call_id]);
  const call = toRoutedCall(row);
  await notify(tx, { kind: 'withdrawn', call, to: target });
  await notify(tx, { kind: 'updated', call, to: held.agent_id! });
  return call;
}
