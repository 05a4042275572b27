import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import {
  ALL_STREAMS,
  audioFrameV1,
  callStartedV1,
  keypadDigitV1,
  productGetV1,
  type CallStartedV1,
  walletTopUpV1,
} from '@callcart/contracts';
import { createTestNats, eventually, type TestNats } from '@callcart/testing';
import { MessageBus } from './message-bus';
import { requestFailure } from './request-failure';

const product = {
  id: '6f1c2a3e-8d4b-4c1a-9e2f-0a1b2c3d4e5f',
  sku: '100234',
  name: 'Nivea Creme 150 ml',
  brand: 'Nivea',
  category: 'Health & beauty',
  price: { amountMinor: 599, currency: 'USD' },
  active: true,
  language: 'en' as const,
};

function callStarted(callId: string): CallStartedV1 {
  return {
    callId,
    callerNumber: '+8613800138000',
    dialledNumber: '+861088886666',
    startedAt: new Date().toISOString(),
    provider: { name: 'twilio', callSid: `CA${callId}`, streamSid: `MZ${callId}` },
  };
}


describe('MessageBus on the real NATS server', () => {
  let nats: TestNats;
  const buses: MessageBus[] = [];

  async function bus(serviceName = 'test', prefix = nats.prefix): Promise<MessageBus> {
    const created = await MessageBus.connect({ servers: nats.url, prefix, serviceName, streams: ALL_STREAMS });
    buses.push(created);
    return created;
  }

  beforeAll(async () => {
    nats = await createTestNats();
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });

  afterAll(async () => {
    await nats.cleanup();
  });

  it('answers a typed request with a typed reply', async () => {
    const server = await bus('catalogue');
    const client = await bus('orders');
    await server.reply(productGetV1, async ({ productId }) =>
      productId === product.id ? { ok: true, product } : requestFailure('NOT_FOUND', `no product ${productId}`),
    );

    await expect(client.request(productGetV1, { productId: product.id })).resolves.toEqual({ ok: true, product });
    await expect(client.request(productGetV1, { productId: randomUUID() })).resolves.toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('gives an invalid request a typed error reply and keeps serving', async () => {
    const server = await bus('catalogue');
    const client = await bus('orders');
    let handled = 0;
    await server.reply(productGetV1, async () => {
      handled += 1;
      return { ok: true, product };
    });
    // A raw request that bypasses the client's own check, as a buggy or foreign sender would.
    const raw = await connect({ servers: nats.url });
    try {
      const answer = await raw.request(
        `${nats.prefix}.${productGetV1.subject}`,
        JSON.stringify({ meta: { id: randomUUID(), time: new Date().toISOString(), correlationId: 'x' }, payload: { productId: 42 } }),
        { timeout: 2000 },
      );
      const { payload } = answer.json<{ payload: { ok: boolean; code: string; message: string } }>();
      expect(payload.ok).toBe(false);
      expect(payload.code).toBe('INVALID_REQUEST');
      expect(payload.message).toContain('productId');
      const notJson = await raw.request(`${nats.prefix}.${productGetV1.subject}`, 'hello', { timeout: 2000 });
      expect(notJson.json<{ payload: { code: string } }>().payload.code).toBe('INVALID_REQUEST');
    } finally {
      await raw.close();
    }
    expect(handled).toBe(0);
    await expect(client.request(productGetV1, { productId: product.id })).resolves.toMatchObject({ ok: true });
    expect(handled).toBe(1);
  });

  it('refuses a request whose text holds a NUL character (PostgreSQL cannot store it) before the handler runs', async () => {
    const server = await bus('orders');
    const client = await bus('gateway');
    let handled = 0;
    await server.reply(walletTopUpV1, async () => {
      handled += 1;
      return { ok: false, code: 'CUSTOMER_NOT_FOUND', message: 'not in this test' };
    });
    const topUp = {
      customerId: 'c0000000-0000-4000-8000-000000000001',
      amount: { amountMinor: 500, currency: 'CNY' },
      reason: 'goodwill\u0000',
      staffId: 's0000000-0000-4000-8000-000000000001',
      idempotencyKey: 'nul-top-up-1',
    };
    await expect(client.request(walletTopUpV1, topUp)).resolves.toMatchObject({ ok: false, code: 'INVALID_REQUEST', message: expect.stringContaining('NUL') });
    await expect(client.request(walletTopUpV1, { ...topUp, reason: 'goodwill', idempotencyKey: 'nul\u0000key' })).resolves.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(handled).toBe(0);
    await expect(client.request(walletTopUpV1, { ...topUp, reason: 'goodwill' })).resolves.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
    expect(handled).toBe(1);
  });

  it('turns a throwing handler into INTERNAL and a missing service into UNAVAILABLE', async () => {
    const client = await bus('orders');
    await expect(client.request(productGetV1, { productId: product.id })).resolves.toMatchObject({
      ok: false,
      code: 'UNAVAILABLE',
    });
    const server = await bus('catalogue');
    await server.reply(productGetV1, async () => {
      throw new Error('database on fire');
    });
    const reply = await client.request(productGetV1, { productId: product.id });
    expect(reply).toEqual({ ok: false, code: 'INTERNAL', message: 'the service failed to handle the request' });
  });

  it('refuses to send an invalid request or publish an invalid event', async () => {
    const client = await bus('orders');
    await expect(client.request(productGetV1, { productId: 'two words' })).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
    });
    await expect(client.publish(keypadDigitV1, { callId: 'c1', digit: '55', pressedAt: new Date().toISOString() })).rejects.toThrow(
      /digit/,
    );
  });

  it('drops an invalid event with a log and goes on handling valid ones', async () => {
    const listener = await bus('gateway');
    const digits: string[] = [];
    await listener.subscribe(keypadDigitV1, (digit) => void digits.push(digit.digit));
    const raw = await connect({ servers: nats.url });
    try {
      raw.publish(`${nats.prefix}.${keypadDigitV1.subject}.call-9`, 'not json');
      raw.publish(
        `${nats.prefix}.${keypadDigitV1.subject}.call-9`,
        JSON.stringify({ meta: { id: randomUUID(), time: new Date().toISOString(), callId: 'call-9' }, payload: { callId: 'call-9', digit: 'X' } }),
      );
      await raw.flush();
    } finally {
      await raw.close();
    }
    const sender = await bus('call-ingest');
    await sender.publish(keypadDigitV1, { callId: 'call-9', digit: '7', pressedAt: new Date().toISOString() });
    await eventually(() => digits.length === 1, 'the valid digit');
    expect(digits).toEqual(['7']);
  });

  it('delivers per-call messages to that call only, and binary audio frames in order', async () => {
    const listener = await bus('speech');
    const sender = await bus('call-ingest');
    const frames: { seq: number; bytes: number; first: number }[] = [];
    await listener.subscribeBinary(audioFrameV1, (header, body) => void frames.push({ seq: header.sequenceNumber, bytes: body.length, first: body[0] }), {
      callId: 'call-a',
    });
    for (let seq = 1; seq <= 50; seq += 1) {
      for (const callId of ['call-a', 'call-b']) {
        const header = { callId, sequenceNumber: seq, timestampMs: seq * 20, encoding: 'mulaw' as const, sampleRateHz: 8000 };
        sender.publishBinary(audioFrameV1, header, new Uint8Array(160).fill(seq));
      }
    }
    await eventually(() => frames.length === 50, '50 frames of call-a');
    expect(frames.map((frame) => frame.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(frames.every((frame) => frame.bytes === 160 && frame.first === frame.seq)).toBe(true);
    expect(() =>
      sender.publishBinary(audioFrameV1, { callId: 'call-a', sequenceNumber: 1, timestampMs: 0, encoding: 'mulaw', sampleRateHz: 8000 }, new Uint8Array(9000)),
    ).toThrow(/exceeds/);
  });

  it('splits 100 events between two replicas of one queue group, each handled exactly once', async () => {
    const replicaA = await bus('orders');
    const replicaB = await bus('orders');
    const outsider = await bus('gateway');
    const handledBy = new Map<string, string[]>();
    const record = (who: string) => (digit: { callId: string }) => {
      handledBy.set(digit.callId, [...(handledBy.get(digit.callId) ?? []), who]);
    };
    await replicaA.subscribe(keypadDigitV1, record('a'), { queue: 'orders' });
    await replicaB.subscribe(keypadDigitV1, record('b'), { queue: 'orders' });
    let outsiderSaw = 0;
    await outsider.subscribe(keypadDigitV1, () => void (outsiderSaw += 1));
    const sender = await bus('call-ingest');
    for (let i = 0; i < 100; i += 1) {
      await sender.publish(keypadDigitV1, { callId: `q-${i}`, digit: '1', pressedAt: new Date().toISOString() });
    }
    await eventually(() => handledBy.size === 100 && outsiderSaw === 100, '100 events handled');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const handlers = [...handledBy.values()];
    expect(handlers.every((who) => who.length === 1)).toBe(true);
    const byA = handlers.filter((who) => who[0] === 'a').length;
    expect(byA).toBeGreaterThan(0);
    expect(100 - byA).toBeGreaterThan(0);
    expect(outsiderSaw).toBe(100);
  });

  it('lets a stopped durable consumer catch up, and delivers a republished message id once', async () => {
    const sender = await bus('call-ingest');
    const consumerBus = await bus('orders');
    const seen: string[] = [];
    const handler = (started: CallStartedV1) => void seen.push(started.callId);
    const first = await consumerBus.consume(callStartedV1, { durable: 'orders-calls' }, handler);
    await sender.publish(callStartedV1, callStarted('live-1'));
    await eventually(() => seen.length === 1, 'the first live call');
    await first.stop();
    await consumerBus.close(); // the service is down now

    const republishedId = randomUUID();
    for (let i = 1; i <= 5; i += 1) await sender.publish(callStartedV1, callStarted(`missed-${i}`));
    await sender.publish(callStartedV1, callStarted('once'), { messageId: republishedId });
    await sender.publish(callStartedV1, callStarted('once'), { messageId: republishedId });

    const restarted = await bus('orders');
    await restarted.consume(callStartedV1, { durable: 'orders-calls' }, handler);
    await eventually(() => seen.length === 7, 'the missed calls');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual(['live-1', 'missed-1', 'missed-2', 'missed-3', 'missed-4', 'missed-5', 'once']);
  });

  it('deletes the streams under its own prefix only, and refuses without a prefix', async () => {
    const mine = await bus('bench', `${nats.prefix}gone`);
    const neighbour = await bus('orders');
    await mine.keyValue<{ n: number }>('leases', { ttlMs: 10_000 }).create('k', { n: 1 });
    const deleted = await mine.deletePrefixStreams();
    expect(deleted.sort()).toEqual([`${nats.prefix}gone_CALLS`, `${nats.prefix}gone_CATALOGUE`, `${nats.prefix}gone_KV_LEASES`, `${nats.prefix}gone_ORDERS`]);
    expect(await mine.deletePrefixStreams()).toEqual([]);
    // The neighbour's streams (another prefix) are untouched: it still publishes durably.
    await expect(neighbour.publish(callStartedV1, callStarted('still-here'))).resolves.toBeUndefined();
    const unprefixed = await MessageBus.connect({ servers: nats.url, serviceName: 'x', streams: [] }); // creates no streams
    buses.push(unprefixed);
    await expect(unprefixed.deletePrefixStreams()).rejects.toThrow(/needs a bus with a prefix/);
  });

  it('redelivers a message whose handler failed, and acks it once handled', async () => {
    const sender = await bus('call-ingest');
    const consumerBus = await bus('orders');
    let attempts = 0;
    await consumerBus.consume(callStartedV1, { durable: 'flaky', deliver: 'new' }, () => {
      attempts += 1;
      if (attempts < 3) throw new Error('database briefly unavailable');
    });
    await sender.publish(callStartedV1, callStarted('flaky-1'));
    await eventually(() => attempts === 3, 'three attempts', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(attempts).toBe(3);
  });

  it('keeps deployments with different prefixes apart', async () => {
    const ours = await bus('gateway');
    const theirs = await bus('call-ingest', `${nats.prefix}other`);
    const seen: string[] = [];
    await ours.subscribe(keypadDigitV1, (digit) => void seen.push(digit.digit));
    await theirs.publish(keypadDigitV1, { callId: 'iso', digit: '3', pressedAt: new Date().toISOString() });
    const mine = await bus('call-ingest');
    await mine.publish(keypadDigitV1, { callId: 'iso', digit: '4', pressedAt: new Date().toISOString() });
    await eventually(() => seen.length >= 1, 'our own digit');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual(['4']);
  });
});
