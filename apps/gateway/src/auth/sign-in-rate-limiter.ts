import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError } from '../shared/api-error';
import { GatewaySql } from '../shared/sql';

/** One throttled key and how many counted events it is allowed before the backoff starts. */
export interface ThrottleKey {
  readonly key: string;
  readonly freeEvents: number;
}

/** How long a key counts its events: an hour without one forgives them all. */
const WINDOW = `interval '1 hour'`;

/**
 * Slows sign-in guessing down without letting anyone lock an owner out (decision 0075). Each key
 * (a client address, or an account or phone number *with* the address) counts failed attempts
 * within the last hour; past its free allowance the next attempt must wait
 * `GATEWAY_SIGN_IN_BACKOFF_BASE_SECONDS × 2^(extra failures)`, at most
 * `GATEWAY_SIGN_IN_BACKOFF_MAX_SECONDS`, after the latest one. An attempt refused while waiting
 * is not counted, so hammering does not lengthen the wait; and since no key names an account
 * alone, failures from one address never slow the owner down at another. Rows are in PostgreSQL,
 * so every gateway replica sees the same counts.
 */
@Injectable()
export class SignInRateLimiter {
  constructor(
    private readonly sql: GatewaySql,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Throws 429 (with the seconds to wait, also as `retryAfterSeconds` for the screen) when any key is still backing off; counts nothing. */
  async check(keys: readonly ThrottleKey[]): Promise<void> {
    let waitMs = 0;
    for (const { key, freeEvents } of keys) {
      const [row] = await this.sql.query<{ count: string; last: Date | null }>(
        `SELECT count(*) AS count, max("at") AS last FROM @.sign_in_attempt WHERE "key" = $1 AND "at" > now() - ${WINDOW}`,
        [key],
      );
      const extra = Number(row.count) - freeEvents;
      if (extra < 0 || !row.last) continue;
      const backoffMs = Math.min(this.config.signInBackoff.baseMs * 2 ** Math.min(extra, 30), this.config.signInBackoff.maxMs);
      waitMs = Math.max(waitMs, row.last.getTime() + backoffMs - Date.now());
    }
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new ApiError(429, 'RATE_LIMITED', `too many attempts: try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
  }

  /** Counts one event (a failed attempt, or a code sent) on every key. */
  async count(keys: readonly ThrottleKey[]): Promise<void> {
    for (const { key } of keys) {
      await this.sql.query(`DELETE FROM @.sign_in_attempt WHERE "key" = $1 AND "at" < now() - ${WINDOW}`, [key]);
      await this.sql.query(`INSERT INTO @.sign_in_attempt ("key") VALUES ($1)`, [key]);
    }
  }

  /** Forgets a key's failures (a successful sign-in of that account from that address). */
  async forget(key: ThrottleKey): Promise<void> {
    await this.sql.query(`DELETE FROM @.sign_in_attempt WHERE "key" = $1`, [key.key]);
  }
}
