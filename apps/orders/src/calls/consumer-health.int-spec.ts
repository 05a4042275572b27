import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { callStartedV1 } from '@callcart/contracts';
import { eventually, TEST_NATS_URL, type RunningServiceApp } from '@callcart/testing';
import { newPhone, OrdersWorld } from '../orders-world.spec-helper';

describe('orders /health when NATS lost the calls stream', () => {
  let world: OrdersWorld;
  let replica: RunningServiceApp;
  let admin: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    replica = await world.startReplica();
    admin = await connect({ servers: TEST_NATS_URL });
    jsm = await jetstreamManager(admin);
  });

  afterAll(async () => {
    await admin?.close();
    await world.close();
  });

  const health = async () => {
    const response = await fetch(`${replica.url}/health`);
    return { status: response.status, body: JSON.stringify(await response.json()) };
  };

  it('fails while the call consumers are not consuming, and recovers with the stream re-created', async () => {
    await expect(health()).resolves.toMatchObject({ status: 200 });
    const streamName = await jsm.streams.find(world.client.subjectOf(callStartedV1));
    const { subjects } = (await jsm.streams.info(streamName)).config;
    // The stream is lost, and a stream holding its subjects keeps the service from creating it again.
    await jsm.streams.delete(streamName);
    await jsm.streams.add({ name: `${streamName}_BLOCKER`, subjects });

    await eventually(async () => (await health()).status === 503, '/health failing', 15_000);
    await expect(health()).resolves.toMatchObject({ body: expect.stringContaining('durable consumers not consuming') });

    await jsm.streams.delete(`${streamName}_BLOCKER`);
    await eventually(async () => (await health()).status === 200, '/health passing again', 15_000);
    const callId = await world.startCall(newPhone());
    await eventually(async () => (await world.sql(`SELECT 1 FROM @.call_session WHERE "call_id" = $1`, [callId])).length === 1, 'a call started after the loss recorded', 10_000);
  });
});
