import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../auth/password-hasher';
import type { StaffPrincipal, StaffRole } from '../auth/principal';
import { SessionsService } from '../auth/sessions.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError } from '../shared/api-error';
import { GatewaySql } from '../shared/sql';

/** A staff account as the admin page lists it (never its password hash). */
export interface StaffAccount {
  readonly staffId: string;
  readonly username: string;
  readonly role: StaffRole;
  readonly active: boolean;
  readonly createdAt: string;
}

interface StaffRow {
  id: string;
  username: string;
  password_hash: string;
  role: StaffRole;
  active: boolean;
  created_at: Date;
}

const toAccount = (row: StaffRow): StaffAccount => ({
  staffId: row.id,
  username: row.username,
  role: row.role,
  active: row.active,
  createdAt: row.created_at.toISOString(),
});

/**
 * Staff accounts: created by admins, signed in with a scrypt-hashed password. At start the first
 * admin comes from configuration when no admin exists yet; without one configured, a warning
 * says that nobody can administer the gateway.
 */
@Injectable()
export class StaffAccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StaffAccountsService.name);

  constructor(
    private readonly sql: GatewaySql,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly sessions: SessionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [admin] = await this.sql.query(`SELECT 1 FROM @.staff_account WHERE "role" = 'admin' AND "active" LIMIT 1`);
    if (admin) return;
    const first = this.config.firstAdmin;
    if (!first) {
      this.logger.warn({ msg: 'no admin account exists and GATEWAY_ADMIN_USERNAME/GATEWAY_ADMIN_PASSWORD are unset: nobody can create staff accounts' });
      return;
    }
    const hash = await hashPassword(first.password);
    await this.sql.query(
      `INSERT INTO @.staff_account ("id", "username", "password_hash", "role") VALUES ($1, $2, $3, 'admin')
       ON CONFLICT ("username") DO NOTHING`,
      [randomUUID(), first.username, hash],
    );
    this.logger.log({ msg: 'first admin account created from configuration', username: first.username });
  }

  /** Creates an account; a taken username is a 409. */
  async create(input: { username: string; password: string; role: StaffRole }): Promise<StaffAccount> {
    const hash = await hashPassword(input.password);
    const [row] = await this.sql.query<StaffRow>(
      `INSERT INTO @.staff_account ("id", "username", "password_hash", "role") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("username") DO NOTHING RETURNING *`,
      [randomUUID(), input.username, hash, input.role],
    );
    if (!row) throw new ApiError(409, 'USERNAME_TAKEN', `the username ${input.username} is taken`);
    return toAccount(row);
  }

  async list(): Promise<StaffAccount[]> {
    return (await this.sql.query<StaffRow>(`SELECT * FROM @.staff_account ORDER BY "username"`)).map(toAccount);
  }

  /**
   * Changes an account's role, activity or password. Deactivating it or setting a new password
   * ends its sessions at once, all but `keepToken` (the session making the change, when the
   * admin changes their own password): whoever knew the old password is signed out everywhere.
   */
  async update(staffId: string, change: { role?: StaffRole; active?: boolean; password?: string }, keepToken?: string): Promise<StaffAccount> {
    const hash = change.password ? await hashPassword(change.password) : null;
    const [row] = await this.sql.query<StaffRow>(
      `UPDATE @.staff_account SET "role" = COALESCE($2, "role"), "active" = COALESCE($3, "active"),
         "password_hash" = COALESCE($4, "password_hash") WHERE "id" = $1 RETURNING *`,
      [staffId, change.role ?? null, change.active ?? null, hash],
    );
    if (!row) throw new ApiError(404, 'STAFF_NOT_FOUND', 'no such staff account');
    if (!row.active || hash) await this.sessions.endStaffSessions(staffId, keepToken);
    return toAccount(row);
  }

  /** The account a username and password sign in, or undefined; the same work is done either way. */
  async authenticate(username: string, password: string): Promise<StaffPrincipal | undefined> {
    const [row] = await this.sql.query<StaffRow>(`SELECT * FROM @.staff_account WHERE "username" = $1`, [username]);
    const matches = await verifyPassword(password, row?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!row || !matches || !row.active) return undefined;
    return { kind: 'staff', staffId: row.id, username: row.username, role: row.role };
  }
}
