import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError } from '../shared/api-error';
import { GatewaySql } from '../shared/sql';

/**
 * Limits sign-in attempts per client address and per username (or phone number) within a
 * sliding minute. Attempts are rows in PostgreSQL, so every gateway replica counts the same
 * attempts; rows older than a minute are deleted as the key is checked.
 */
@Injectable()
export class SignInRateLimiter {
  constructor(
    private readonly sql: GatewaySql,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Counts an attempt on every key; throws 429 when any of them is past the limit. */
  async attempt(keys: readonly string[]): Promise<void> {
    let limited = false;
    for (const key of keys) {
      await this.sql.query(`DELETE FROM @.sign_in_attempt WHERE "key" = $1 AND "at" < now() - interval '1 minute'`, [key]);
      const [row] = await this.sql.query<{ count: string }>(
        `WITH added AS (INSERT INTO @.sign_in_attempt ("key") VALUES ($1) RETURNING 1)
         SELECT count(*) + 1 AS count FROM @.sign_in_attempt WHERE "key" = $1`,
        [key],
      );
      if (Number(row.count) > this.config.signInPerMinute) limited = true;
    }
    if (limited) throw new ApiError(429, 'RATE_LIMITED', 'too many sign-in attempts: wait a minute and try again');
  }
}
