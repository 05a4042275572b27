import { Inject, Injectable } from '@nestjs/common';
import type { RequestContract, RequestOf, ReplyOf, SuccessOf } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { unwrapReply } from './api-error';

/**
 * Relays a browser's command to the service that owns it over NATS and turns the typed reply
 * into the HTTP answer: the success fields, or an `ApiError` with the mapped status.
 */
@Injectable()
export class ServiceRequests {
  constructor(
    private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async send<C extends RequestContract>(contract: C, request: RequestOf<C>, callId?: string): Promise<SuccessOf<C>> {
    const reply = (await this.bus.request(contract, request, { timeoutMs: this.config.requestTimeoutMs, callId })) as ReplyOf<C> & { ok: boolean };
    const { ok: _ok, ...success } = unwrapReply(reply) as { ok: true } & SuccessOf<C>;
    return success as SuccessOf<C>;
  }
}
