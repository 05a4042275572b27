import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createTestNats, eventually, NatsServerProcess, type TestNats } from '@callcart/testing';
import { MessageBus } from './message-bus';

describe('KeyValueBucket on the real NATS server', () => {
  let nats: TestNats;
  const buses: MessageBus[] = [];

  async function bus(): Promise<MessageBus> {
    const connected = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'kv-test', streams: [] });
    buses.push(connected);
    return connected;
  }

  beforeAll(async () => {
    nats = await createTestNats();
  });
  afterAll(async () => {
    await Promise.all(buses.map((connected) => connected.close()));
    await nats.cleanup();
  });

  it('lets exactly one of several racing writers create a key, and updates only at the expected revision', async () => {
    const [a, b, c] = await Promise.all([bus(), bus(), bus()]);
    const buckets = [a, b, c].map((connected) => connected.keyValue<{ owner: string }>('leases', { ttlMs: 60_000 }));
    const revisions = await Promise.all(buckets.map((bucket, index) => bucket.create('call-1', { owner: `w${index}` })));
    const winners = revisions.filter((revision) => revision !== undefined);
    expect(winners).toHaveLength(1);
    const entry = await buckets[0].get('call-1');
    expect(entry?.revision).toBe(winners[0]);

    expect(await buckets[1].update('call-1', { owner: 'late' }, entry!.revision + 100)).toBeUndefined();
    const next = await buckets[1].update('call-1', { owner: 'w1' }, entry!.revision);
    expect(next).toBeGreaterThan(entry!.revision);
    expect((await buckets[2].get('call-1'))?.value).toEqual({ owner: 'w1' });

    await buckets[0].delete('call-1');
    expect(await buckets[0].get('call-1')).toBeUndefined();
    expect(await buckets[2].create('call-1', { owner: 'w2' })).toBeDefined();
  });

  it('keeps keys under the bus prefix, shows writes to watchers and forgets keys after the TTL', async () => {
    const connected = await bus();
    const bucket = connected.keyValue<{ n: number }>('short', { ttlMs: 800 });
    const seen: [string, number][] = [];
    const watching = await bucket.watch((key, value) => seen.push([key, value.n]));
    await bucket.create('k1', { n: 1 });
    await eventually(() => seen.length === 1, 'the watcher to see the write');
    expect(seen).toEqual([['k1', 1]]);
    await watching.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await bucket.get('k1')).toBeUndefined();
  });
});

describe('KeyValueBucket across a NATS server restart', () => {
  let server: NatsServerProcess;
  let connected: MessageBus | undefined;

  beforeAll(async () => {
    server = await NatsServerProcess.start();
  });
  afterAll(async () => {
    await connected?.close();
    await server.destroy();
  });

  it('keeps its keys when the server restarts, and creates its stream again if it was deleted', async () => {
    connected = await MessageBus.connect({ servers: server.url, prefix: 'kvrestart', serviceName: 'kv-restart-test', streams: [] });
    const bucket = connected.keyValue<{ owner: string }>('claims', { ttlMs: 60_000 });
    const revision = await bucket.create('call-1', { owner: 'w1' });
    expect(revision).toBeDefined();

    await server.restart();
    let afterRestart: Awaited<ReturnType<typeof bucket.get>>;
    await eventually(async () => {
      afterRestart = await bucket.get('call-1').catch(() => undefined);
      return afterRestart !== undefined;
    }, 'the key to be readable after the restart', 15_000);
    expect(afterRestart!).toEqual({ key: 'call-1', value: { owner: 'w1' }, revision });
    // The holder renews at the revision it knows: the lease carried over.
    expect(await bucket.update('call-1', { owner: 'w1' }, revision!)).toBeGreaterThan(revision!);

    const admin = await connect({ servers: server.url });
    try {
      await (await jetstreamManager(admin)).streams.delete('kvrestart_KV_CLAIMS');
    } finally {
      await admin.close();
    }
    expect(await bucket.get('call-1')).toBeUndefined();
    expect(await bucket.create('call-2', { owner: 'w2' })).toBeDefined();
    expect((await bucket.get('call-2'))?.value).toEqual({ owner: 'w2' });
  }, 40_000);
});
