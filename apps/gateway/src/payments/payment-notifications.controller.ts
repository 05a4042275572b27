import { Body, Controller, Inject, Logger, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { paymentNotificationV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

/**
 * The paths payment providers post their notifications to: server-to-server form posts with no
 * session and no CSRF token, authenticated by the provider's signature (checked in orders), so
 * the gateway's JSON-only and CSRF checks let them through and parse their form (docs/security.md).
 */
export const PROVIDER_NOTIFICATION_PATHS = ['/api/payments/alipay/notify'];

/** The form fields of a provider's notification, as strings (anything else a parser made of them is dropped). */
export function notificationFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Payment providers' asynchronous notifications: public (the provider has no session), relayed as
 * received to orders, which holds the keys, verifies the signature and credits the wallet at most
 * once (decision 0091). The answer is the one orders chose in the provider's own terms (Alipay:
 * the text `success` or `failure`); orders unreachable → 503 `failure`, and the provider retries.
 */
@ApiTags('payments')
@Controller('api/payments')
export class PaymentNotificationsController {
  private readonly logger = new Logger('PaymentNotifications');

  constructor(
    private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('alipay/notify')
  @ApiOperation({ summary: "Alipay's asynchronous notification (application/x-www-form-urlencoded, signed RSA2); answers `success` or `failure`" })
  async alipay(@Body() body: unknown, @Res() response: Response): Promise<void> {
    const notification = paymentNotificationV1.request.safeParse({ provider: 'alipay', fields: notificationFields(body) });
    if (!notification.success) {
      // More fields, or longer ones, than any notification has: not the provider's (no 5xx for a bad form).
      this.logger.warn({ msg: 'payment notification refused: not a notification form', provider: 'alipay', detail: notification.error.message });
      response.status(400).type('text/plain; charset=utf-8').send('failure');
      return;
    }
    const reply = await this.bus.request(paymentNotificationV1, notification.data, { timeoutMs: this.config.requestTimeoutMs });
    if (reply.ok) {
      response.status(reply.response.status).type(reply.response.contentType).send(reply.response.body);
      return;
    }
    this.logger.warn({ msg: 'payment notification not handled', provider: 'alipay', code: reply.code, detail: reply.message });
    const status = reply.code === 'INVALID_REQUEST' ? 400 : 503;
    response.status(status).type('text/plain; charset=utf-8').send('failure');
  }
}
