import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { SmsDeliveryError, SmsSender, type CodeMessage, type SmsFailureKind } from './sms-sender';

/** No retry starts later than this after the first try (see `SMS_REQUEST_TIMEOUT_MS` in sms-sender.ts). */
const RETRY_BUDGET_MS = 2500;

/** The end of a number, enough to tell messages apart in a log without logging whom we texted. */
export function maskPhone(phone: string): string {
  return `…${phone.slice(-4)}`;
}

/**
 * Hands a code to the configured sender: retries only what may succeed next time (transient
 * failures) with exponential backoff and jitter, counts what was sent and what failed, and logs
 * the provider's code (never its credentials, never the code).
 */
@Injectable()
export class SmsDelivery {
  private readonly logger = new Logger('SmsDelivery');
  private readonly sent: Counter<'sender'>;
  private readonly failed: Counter<'sender' | 'reason'>;
  private readonly retries: Counter<'sender'>;

  constructor(
    private readonly sender: SmsSender,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    @Inject(Registry) registry: Registry,
  ) {
    const registers = [registry];
    this.sent = new Counter({ name: 'callcart_orders_sms_sent_total', help: 'One-time codes the SMS sender accepted', labelNames: ['sender'], registers });
    this.failed = new Counter({
      name: 'callcart_orders_sms_failed_total',
      help: 'One-time codes that could not be sent, by reason (invalid-number, refused, transient after the last try)',
      labelNames: ['sender', 'reason'],
      registers,
    });
    this.retries = new Counter({ name: 'callcart_orders_sms_retries_total', help: 'Sends tried again after a transient failure', labelNames: ['sender'], registers });
  }

  /** Sends the code; resolves to undefined once accepted, or to why it was not. */
  async deliver(manager: EntityManager, message: CodeMessage): Promise<SmsFailureKind | undefined> {
    const { sender, sendAttempts, retryBackoffMs } = this.config.sms;
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.sender.send(manager, message);
        this.sent.inc({ sender });
        return undefined;
      } catch (error) {
        if (!(error instanceof SmsDeliveryError)) throw error;
        const backoffMs = retryBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        const retry = error.kind === 'transient' && attempt < sendAttempts && Date.now() - startedAt + backoffMs <= RETRY_BUDGET_MS;
        this.logger.warn({ msg: retry ? 'SMS not sent; retrying' : 'SMS not sent', sender, reason: error.kind, providerCode: error.providerCode, detail: error.message, phone: maskPhone(message.phone), attempt });
        if (!retry) {
          this.failed.inc({ sender, reason: error.kind });
          return error.kind;
        }
        this.retries.inc({ sender });
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }
}
