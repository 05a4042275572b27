import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ALL_STREAMS, callStartedV1 } from '@callcart/contracts';
import { createTestNats, eventually, type TestNats } from '@callcart/testing';
import { callStartedPayload as started } from './call-started.spec-helper';
import { MessageBus } from './message-bus';

describe('a durable consumer whose stream NATS lost', () => {
  let nats: TestNats;
  let bus: MessageBus;
  let admin: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nats = await createTestNats();
    bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'orders', streams: ALL_STREAMS });
    admin = await connect({ servers: nats.url });
    jsm = await jetstreamManager(admin);
  });

  afterAll(async () => {
    await bus?.close();
    await admin?.close();
    await nats?.cleanup();
  });

  it('reports the consumer as not consuming, then creates stream and consumer again and resumes', async () => {
    const seen: string[] = [];
    await bus.consume(callStartedV1, { durable: 'orders-call-started' }, async ({ callId }) => void seen.push(callId));
    await bus.publish(callStartedV1, started('before'));
    await eventually(() => seen.includes('before'), 'the first call started handled');
    expect(bus.consumersNotConsuming()).toEqual([]);

    const lostName = await jsm.streams.find(bus.subjectOf(callStartedV1));
    const lost = { name: lostName, subjects: (await jsm.streams.info(lostName)).config.subjects };
    // The store is lost, and while a stream with the same subjects stands in the way the bus cannot create it again.
    await jsm.streams.delete(lost.name);
    const blocker = `${lost.name}_BLOCKER`;
    await jsm.streams.add({ name: blocker, subjects: lost.subjects });

    await eventually(() => bus.consumersNotConsuming().includes('orders-call-started'), 'the consumer reported as not consuming', 15_000);

    await jsm.streams.delete(blocker);
    await eventually(() => bus.consumersNotConsuming().length === 0, 'the consumer consuming again', 15_000);
    await bus.publish(callStartedV1, started('after'));
    await eventually(() => seen.includes('after'), 'a call started after the loss handled', 10_000);
  });
});
