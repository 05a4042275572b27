import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ROUTING_CHANNEL, type RoutingNotice } from './routing-notice';

type NoticeListener = (notice: RoutingNotice) => void | Promise<void>;

/**
 * Listens on the routing channel (`LISTEN gateway_call_routing`) with a connection of its own,
 * reconnecting after a loss, and hands each committed routing change to the live push of this
 * replica. Changes made while disconnected are not replayed: screens re-read their calls.
 */
@Injectable()
export class RoutingNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingNotifications.name);
  private readonly listeners: NoticeListener[] = [];
  private client?: Client;
  private stopped = false;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  onNotice(listener: NoticeListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.service.database!.url, application_name: 'gateway-routing-listener' });
    client.on('notification', (message) => {
      if (message.channel !== ROUTING_CHANNEL || !message.payload) return;
      const notice = JSON.parse(message.payload) as RoutingNotice;
      for (const listener of this.listeners) {
        Promise.resolve(listener(notice)).catch((error: unknown) => this.logger.error({ msg: 'routing notice handler failed', err: error }));
      }
    });
    client.on('error', (error) => {
      this.logger.warn({ msg: 'routing listener connection lost', err: error.message });
      this.reconnectLater();
    });
    await client.connect();
    await client.query(`LISTEN ${ROUTING_CHANNEL}`);
    this.client = client;
  }

  private reconnectLater(): void {
    const lost = this.client;
    this.client = undefined;
    void lost?.end().catch(() => undefined);
    if (this.stopped) return;
    setTimeout(() => {
      if (!this.stopped) this.connect().catch(() => this.reconnectLater());
    }, 1000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }
}
