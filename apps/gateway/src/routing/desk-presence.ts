import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { GatewaySql, type SqlTransaction } from '../shared/sql';
import { requeueCall } from './call-requeue';
import { DESK_HEARTBEAT_MS, deskOpenSql } from './desk-open.sql';
import { type CallRow, notifyAgentStatus } from './routed-call.row';


/**
 * Which agents have a desk open (decision 0051): each replica counts its agents' live sockets and
 * keeps a row per agent in `agent_desk` fresh with a heartbeat. Dispatch rings only agents with a
 * fresh row with sockets ({@link deskOpenSql}); the sweeper makes an agent whose every desk closed
 * (past the reload grace) unavailable (`desk-closed`) and re-offers a call ringing there.
 */
@Injectable()
export class DeskPresence implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeskPresence.name);
  private readonly replicaId = randomUUID();
  private readonly sockets = new Map<string, number>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly sql: GatewaySql,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.heartbeat = setInterval(() => {
      this.refresh([...this.sockets.keys()]).catch((error: unknown) => this.logger.warn({ msg: 'desk heartbeat failed', err: error }));
    }, DESK_HEARTBEAT_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.sql.query(`DELETE FROM @.agent_desk WHERE "replica_id" = $1`, [this.replicaId]).catch(() => undefined);
  }

  /** A staff member's live socket opened on this replica. */
  async opened(staffId: string): Promise<void> {
    this.sockets.set(staffId, (this.sockets.get(staffId) ?? 0) + 1);
    await this.refresh([staffId]);
  }

  /** One of their sockets closed; at the last one the row keeps the closing time for the grace. */
  async closed(staffId: string): Promise<void> {
    const left = (this.sockets.get(staffId) ?? 1) - 1;
    if (left > 0) this.sockets.set(staffId, left);
    else this.sockets.delete(staffId);
    await this.write(staffId, Math.max(left, 0));
  }

  private async refresh(staffIds: string[]): Promise<void> {
    for (const staffId of staffIds) await this.write(staffId, this.sockets.get(staffId) ?? 0);
  }

  private async write(staffId: string, sockets: number): Promise<void> {
    await this.sql.query(
      `INSERT INTO @.agent_desk ("staff_id", "replica_id", "sockets", "seen_at") VALUES ($1, $2, $3, clock_timestamp())
       ON CONFLICT ("staff_id", "replica_id") DO UPDATE SET "sockets" = EXCLUDED."sockets", "seen_at" = EXCLUDED."seen_at"`,
      [staffId, this.replicaId, sockets],
    );
  }

  /**
   * Agents whose every desk has closed: calls ringing there go back to the queue at their place,
   * and available agents become unavailable (`desk-closed`). Returns how many changed.
   */
  async closeAbandonedDesks(): Promise<number> {
    let changed = 0;
    // Calls first (the call's row, then the agent's, as everywhere else).
    while (
      await this.sql.transaction(async (tx) => {
        const [held] = await tx.query<CallRow>(
          `SELECT c.* FROM @.routed_call c WHERE c."status" = 'ringing' AND ${deskClosedSql('c."agent_id"')}
           LIMIT 1 FOR UPDATE OF c SKIP LOCKED`,
          [this.config.routing.deskGraceMs],
        );
        if (!held) return false;
        await requeueCall(tx, held, 'desk-closed');
        return true;
      })
    ) {
      changed += 1;
    }
    changed += await this.sql.transaction(async (tx: SqlTransaction) => {
      const gone = await tx.query<{ staff_id: string }>(
        `UPDATE @.agent_presence p SET "available" = false, "reason" = 'desk-closed'
         WHERE p."available" AND ${deskClosedSql('p."staff_id"')}
         RETURNING p."staff_id"`,
        [this.config.routing.deskGraceMs],
      );
      for (const { staff_id } of gone) await notifyAgentStatus(tx, staff_id);
      return gone.length;
    });
    return changed;
  }
}

/** SQL: every desk of the agent (`staffColumn`) closed longer ago than the grace (`$1`, ms), or they never opened one. */
function deskClosedSql(staffColumn: string): string {
  return `NOT ${deskOpenSql(staffColumn)} AND NOT EXISTS (
    SELECT 1 FROM @.agent_desk g WHERE g."staff_id" = ${staffColumn} AND g."seen_at" > clock_timestamp() - $1 * interval '1 millisecond')`;
}
