import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rows } from '../shared/transaction';

/**
 * Sends text messages (one-time sign-in codes). The default keeps them in a development outbox
 * that the admin page shows; a production SMS provider implements the same interface. Sending
 * happens in the transaction that issues the code, so a code is never valid without its message.
 */
export abstract class SmsSender {
  abstract send(manager: EntityManager, phone: string, text: string): Promise<void>;
  /** The messages kept for the admin page, newest first; undefined when this sender keeps none. */
  abstract outbox(manager: EntityManager, limit: number): Promise<{ id: string; phone: string; text: string; createdAt: string }[] | undefined>;
}

/** The development outbox: messages are stored, not sent. */
@Injectable()
export class OutboxSmsSender extends SmsSender {
  async send(manager: EntityManager, phone: string, text: string): Promise<void> {
    await rows(manager, `INSERT INTO @.sms_outbox ("id", "phone", "text") VALUES ($1, $2, $3)`, [randomUUID(), phone, text]);
  }

  async outbox(manager: EntityManager, limit: number) {
    const messages = await rows<{ id: string; phone: string; text: string; created_at: Date }>(
      manager,
      `SELECT "id", "phone", "text", "created_at" FROM @.sms_outbox ORDER BY "created_at" DESC LIMIT $1`,
      [limit],
    );
    return messages.map((message) => ({ id: message.id, phone: message.phone, text: message.text, createdAt: message.created_at.toISOString() }));
  }
}
