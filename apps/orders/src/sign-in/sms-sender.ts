import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rows } from '../shared/transaction';

/**
 * How long one request to an SMS provider may take. With the retry budget of {@link SmsDelivery}
 * a send ends within ~4.5 s, inside the gateway's 5 s relay timeout, so the customer's answer is
 * the real outcome rather than a timeout behind which a code may still go out.
 */
export const SMS_REQUEST_TIMEOUT_MS = 2000;

/** A one-time code on its way to a phone: the text for free-text providers, the code for templated ones. */
export interface CodeMessage {
  /** E.164, as the orders service keeps numbers. */
  readonly phone: string;
  readonly code: string;
  readonly text: string;
}

/**
 * Why a provider did not deliver: `invalid-number` (the number cannot take a text; asking again
 * will not help), `refused` (the provider said no for this message: a limit, the account, the
 * template), `transient` (the provider or the network failed and may not next time: retried).
 */
export type SmsFailureKind = 'invalid-number' | 'refused' | 'transient';

/** A message the provider did not accept; carries the provider's own code for logs, never credentials. */
export class SmsDeliveryError extends Error {
  constructor(
    readonly kind: SmsFailureKind,
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends text messages (one-time sign-in codes). The default keeps them in a development outbox
 * that the admin page shows; the SMS providers (Alibaba Cloud, Twilio) implement the same
 * interface. Sending happens in the transaction that issues the code, and a send that throws
 * rolls it back, so a code is never valid without its message having been accepted.
 */
export abstract class SmsSender {
  /** Resolves once the message is accepted; throws {@link SmsDeliveryError} when it is not. */
  abstract send(manager: EntityManager, message: CodeMessage): Promise<void>;
  /** The messages kept for the admin page, newest first; undefined when this sender keeps none. */
  abstract outbox(manager: EntityManager, limit: number): Promise<{ id: string; phone: string; text: string; createdAt: string }[] | undefined>;
}

/** The development outbox: messages are stored, not sent. */
@Injectable()
export class OutboxSmsSender extends SmsSender {
  async send(manager: EntityManager, message: CodeMessage): Promise<void> {
    await rows(manager, `INSERT INTO @.sms_outbox ("id", "phone", "text") VALUES ($1, $2, $3)`, [randomUUID(), message.phone, message.text]);
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

/** A sender that talks to a provider keeps no outbox. */
export abstract class ProviderSmsSender extends SmsSender {
  async outbox(): Promise<undefined> {
    return undefined;
  }
}
