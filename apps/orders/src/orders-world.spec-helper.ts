import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  ALL_STREAMS,
  callEndedV1,
  callStartedV1,
  productGetV1,
  type EventContract,
  type PayloadOf,
  type ProductSummary,
  type ShippingAddress,
} from '@callcart/contracts';
import { MessageBus, requestFailure } from '@callcart/messaging';
import { qualifySql } from '@callcart/service-kit';
import { createTestDatabase, createTestNats, startServiceApp, testServiceEnv, type RunningServiceApp, type TestDatabase, type TestNats } from '@callcart/testing';
import { AppModule } from './app.module';
import { loadOrdersConfig } from './orders.config';

/** Products the fixture catalogue answers for (the catalogue service is not under test here). */
export const products = {
  tea: { id: 'tea-100', sku: '100234', name: 'Lipton Yellow Label Tea 100 bags', brand: 'Lipton', price: { amountMinor: 2590, currency: 'CNY' }, active: true, language: 'en' },
  oil: { id: 'oil-5l', sku: '200871', name: '金龙鱼 花生油 5L', brand: '金龙鱼', price: { amountMinor: 16990, currency: 'CNY' }, active: true, language: 'zh' },
  retired: { id: 'old-soap', sku: '300001', name: 'Lux Soap 3-pack', price: { amountMinor: 990, currency: 'CNY' }, active: false, language: 'en' },
  unpriced: { id: 'new-honey', sku: '300002', name: 'Wildflower Honey 500 g', price: null, active: true, language: 'en' },
  dollars: { id: 'us-tea', sku: '300003', name: 'Twinings Earl Grey', price: { amountMinor: 499, currency: 'USD' }, active: true, language: 'en' },
} satisfies Record<string, ProductSummary>;

export const address: ShippingAddress = {
  recipient: '王秀英',
  phone: '+8613800138000',
  region: '上海市',
  city: '上海市',
  district: '徐汇区',
  street: '漕溪北路 88 号 5 楼',
  postcode: '200030',
  country: 'CN',
};

/** Collects every message of a contract seen on NATS, for asserting on what was announced. */
export interface Collected<T> {
  readonly items: T[];
}

/**
 * One test suite's world on the real servers: its own database and NATS prefix, a client bus,
 * a fixture catalogue, and orders replicas started on demand.
 */
export class OrdersWorld {
  readonly replicas: RunningServiceApp[] = [];
  client!: MessageBus;
  catalogueUp = true;
  private nats!: TestNats;
  private database!: TestDatabase;
  private db!: Client;

  static async create(): Promise<OrdersWorld> {
    const world = new OrdersWorld();
    world.nats = await createTestNats();
    world.database = await createTestDatabase();
    world.client = await MessageBus.connect({ servers: world.nats.url, prefix: world.nats.prefix, serviceName: 'test-client', streams: ALL_STREAMS });
    const catalogue = await MessageBus.connect({ servers: world.nats.url, prefix: world.nats.prefix, serviceName: 'catalogue', streams: ALL_STREAMS });
    await catalogue.reply(productGetV1, async ({ productId }) => {
      if (!world.catalogueUp) await new Promise((resolve) => setTimeout(resolve, 3000));
      const product = Object.values(products).find((candidate) => candidate.id === productId);
      return product ? { ok: true, product } : requestFailure('NOT_FOUND', `no product ${productId}`);
    });
    world.closers.push(() => catalogue.close());
    return world;
  }

  private readonly closers: (() => Promise<void>)[] = [];

  env(extra: Record<string, string> = {}): Record<string, string> {
    return testServiceEnv({
      natsUrl: this.nats.url,
      natsPrefix: this.nats.prefix,
      databaseUrl: this.database.url,
      extra: { REGISTRATION_THRESHOLD: '1500ms', PAYMENT_WINDOW: '30m', TIMER_POLL_INTERVAL: '100ms', CATALOGUE_TIMEOUT: '1s', ...extra },
    });
  }

  /** Starts one more replica of the orders service in this process. */
  async startReplica(extra: Record<string, string> = {}): Promise<RunningServiceApp> {
    const replica = await startServiceApp(AppModule.register(loadOrdersConfig(this.env(extra))));
    this.replicas.push(replica);
    return replica;
  }

  async stopReplica(replica: RunningServiceApp): Promise<void> {
    this.replicas.splice(this.replicas.indexOf(replica), 1);
    await replica.close();
  }

  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    if (!this.db) {
      this.db = new Client({ connectionString: this.database.url });
      await this.db.connect();
    }
    return (await this.db.query(qualifySql(query, 'orders'), params)).rows as T[];
  }

  /** Starts collecting a contract's messages (live, from now on). */
  async collect<C extends EventContract>(contract: C): Promise<Collected<PayloadOf<C>>> {
    const collected: Collected<PayloadOf<C>> = { items: [] };
    await this.client.subscribe(contract, (payload) => void collected.items.push(payload));
    return collected;
  }

  /** A call from this number starts now; returns its call id. */
  async startCall(callerNumber: string, startedAt = new Date()): Promise<string> {
    const callId = `CA${randomUUID().replaceAll('-', '')}`;
    await this.client.publish(callStartedV1, {
      callId,
      callerNumber,
      dialledNumber: '+861088886666',
      startedAt: startedAt.toISOString(),
      provider: { name: 'twilio', callSid: callId, streamSid: `MZ${callId.slice(2)}` },
    });
    return callId;
  }

  async endCall(callId: string, durationMs = 60_000): Promise<void> {
    await this.client.publish(callEndedV1, { callId, endedAt: new Date().toISOString(), durationMs, reason: 'stopped', missingFrames: 0 });
  }

  async close(): Promise<void> {
    for (const replica of this.replicas.splice(0)) await replica.close();
    for (const close of this.closers) await close();
    await this.client?.close();
    await this.db?.end();
    await this.database?.drop();
    await this.nats?.cleanup();
  }
}

/** A fresh, valid Chinese mobile number, different on each call. */
export function newPhone(): string {
  return `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}
