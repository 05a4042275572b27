import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MessageBus } from '@callcart/messaging';

/** NATS is ready while the connection is up; during a reconnect the service reports down. */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly bus: MessageBus,
    private readonly indicators: HealthIndicatorService,
  ) {}

  check() {
    const session = this.indicators.check('nats');
    return this.bus.isConnected() ? session.up() : session.down({ message: 'not connected to NATS' });
  }
}
