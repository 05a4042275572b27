import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MessageBus } from '@callcart/messaging';

/**
 * NATS is ready while the connection is up and every durable consumer is consuming; during a
 * reconnect, or while a lost consumer is being created again, the service reports down.
 */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly bus: MessageBus,
    private readonly indicators: HealthIndicatorService,
  ) {}

  check() {
    const session = this.indicators.check('nats');
    if (!this.bus.isConnected()) return session.down({ message: 'not connected to NATS' });
    const silent = this.bus.consumersNotConsuming();
    return silent.length === 0 ? session.up() : session.down({ message: `durable consumers not consuming: ${silent.join(', ')}` });
  }
}
