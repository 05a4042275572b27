import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { GatewaySql } from '../shared/sql';
import type { Principal, StaffRole } from './principal';

/** The session cookie's name. */
export const SESSION_COOKIE = 'cc_session';

interface SessionRow {
  kind: 'staff' | 'customer';
  staff_id: string | null;
  username: string | null;
  role: StaffRole | null;
  customer_id: string | null;
  customer_phone: string | null;
}

/** Only this hash of a token is stored: a copy of the table signs nobody in. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Server-side sessions: a random 256-bit token in the `cc_session` cookie, its SHA-256 in the
 * database with an expiry that slides on every request (idle timeout) and an absolute lifetime
 * from sign-in (`GATEWAY_SESSION_MAX_HOURS`) that no activity extends, so a stolen cookie kept
 * busy still dies. Signing out deletes the row; deactivating a staff account or changing its
 * password ends its other sessions at once.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sql: GatewaySql,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Opens a session and returns its token (for the cookie; never stored). */
  async open(principal: Principal): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.sql.query(
      `INSERT INTO @.session ("token_hash", "kind", "staff_id", "customer_id", "customer_phone", "expires_at")
       VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')`,
      [
        tokenHash(token),
        principal.kind,
        principal.kind === 'staff' ? principal.staffId : null,
        principal.kind === 'customer' ? principal.customerId : null,
        principal.kind === 'customer' ? principal.phone : null,
        this.config.sessionIdleMs,
      ],
    );
    await this.sql.query(`DELETE FROM @.session WHERE "expires_at" < now() - interval '1 day' OR "created_at" < now() - $1 * interval '1 millisecond' - interval '1 day'`, [
      this.config.sessionMaxMs,
    ]);
    return token;
  }

  /** The principal of a live session, sliding its expiry; undefined when unknown, expired or deactivated. */
  async resolve(token: string | undefined): Promise<Principal | undefined> {
    if (!token || token.length > 100) return undefined;
    const [row] = await this.sql.query<SessionRow>(
      `WITH touched AS (
         UPDATE @.session SET "expires_at" = now() + $2 * interval '1 millisecond'
         WHERE "token_hash" = $1 AND "expires_at" > now() AND "created_at" > now() - $3 * interval '1 millisecond'
         RETURNING "kind", "staff_id", "customer_id", "customer_phone")
       SELECT t.*, a."username", a."role" FROM touched t
       LEFT JOIN @.staff_account a ON a."id" = t."staff_id"
       WHERE t."kind" = 'customer' OR a."active"`,
      [tokenHash(token), this.config.sessionIdleMs, this.config.sessionMaxMs],
    );
    if (!row) return undefined;
    if (row.kind === 'staff') return { kind: 'staff', staffId: row.staff_id!, username: row.username!, role: row.role! };
    return { kind: 'customer', customerId: row.customer_id!, phone: row.customer_phone! };
  }

  /** Whether a session is still live, without sliding it (an open socket is not activity). */
  async isLive(token: string): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 FROM @.session s LEFT JOIN @.staff_account a ON a."id" = s."staff_id"
       WHERE s."token_hash" = $1 AND s."expires_at" > now() AND s."created_at" > now() - $2 * interval '1 millisecond'
         AND (s."kind" = 'customer' OR a."active")`,
      [tokenHash(token), this.config.sessionMaxMs],
    );
    return rows.length > 0;
  }

  /** Ends every session of a staff account but the one given (the admin's own, when it is theirs). */
  async endStaffSessions(staffId: string, keepToken?: string): Promise<void> {
    await this.sql.query(`DELETE FROM @.session WHERE "staff_id" = $1 AND "token_hash" <> $2`, [staffId, keepToken ? tokenHash(keepToken) : '']);
  }

  async close(token: string | undefined): Promise<void> {
    if (token) await this.sql.query(`DELETE FROM @.session WHERE "token_hash" = $1`, [tokenHash(token)]);
  }

  /** The `Set-Cookie` value carrying a session token (a browser-session cookie; the server enforces the idle expiry). */
  cookieFor(token: string): string {
    return [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', ...(this.config.cookieSecure ? ['Secure'] : [])].join('; ');
  }

  /** The `Set-Cookie` value that removes the session cookie. */
  clearingCookie(): string {
    return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(this.config.cookieSecure ? ['Secure'] : [])].join('; ');
  }
}

/** Reads one cookie from a `Cookie` header; a value that is not valid percent-encoding reads as absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
