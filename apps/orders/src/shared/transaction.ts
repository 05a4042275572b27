import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows, type SqlRow } from '@callcart/service-kit';

/** One row as PostgreSQL returns it: bigint columns arrive as strings. */
export type Row = SqlRow;

/**
 * Runs work in one PostgreSQL transaction and tells listeners (the outbox relay) once it has
 * committed, so events written in it go out at once rather than at the next poll.
 */
@Injectable()
export class Transactions {
  private readonly committedListeners: (() => void)[] = [];

  constructor(readonly dataSource: DataSource) {}

  onCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction('READ COMMITTED', work);
    for (const listener of this.committedListeners) listener();
    return result;
  }

  /**
   * Runs a command that answers with a typed reply: a failure reply rolls the transaction back,
   * so a refused command writes nothing at all.
   */
  async decide<R extends { ok: boolean }>(work: (manager: EntityManager) => Promise<R>): Promise<R> {
    try {
      return await this.run(async (manager) => {
        const reply = await work(manager);
        if (!reply.ok) throw new RolledBack(reply);
        return reply;
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.reply as R;
      throw error;
    }
  }

  /** A read outside any transaction (`@.` stands for the orders schema). */
  async query<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.dataSource, sql, params);
  }
}

class RolledBack extends Error {
  constructor(readonly reply: unknown) {
    super('rolled back: the command was refused');
  }
}

/** Runs a query in the caller's transaction and returns its rows (the service-kit helper, typed for orders). */
export async function rows<T extends Row = Row>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return queryRows<T>(manager, sql, params);
}

/** bigint columns (money) come back as strings; all amounts here are safe integers. */
export function toAmount(value: unknown): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount)) throw new Error(`amount ${String(value)} is not a safe integer`);
  return amount;
}

export function toIso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
