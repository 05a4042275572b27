import { ALL_STREAMS, callEndedV1, callStartedV1, type CallEndedV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { eventually, NatsServerProcess, startServiceApp, testServiceEnv, uniqueRunName, type RunningServiceApp } from '@callcart/testing';
import { AppModule } from '../app.module';
import { loadCallIngestConfig } from '../call-ingest.config';
import { TwilioMediaClient } from '@callcart/telephony';

// A private nats-server is stopped and restarted here: never the machine's shared one.
describe('call started / ended across a NATS outage', () => {
  let server: NatsServerProcess;
  let app: RunningServiceApp;
  let consumer: MessageBus;
  const started: string[] = [];
  const ended: CallEndedV1[] = [];

  beforeAll(async () => {
    server = await NatsServerProcess.start();
    const prefix = uniqueRunName();
    app = await startServiceApp(AppModule.register(loadCallIngestConfig(testServiceEnv({ natsUrl: server.url, natsPrefix: prefix }))));
    consumer = await MessageBus.connect({ servers: server.url, prefix, serviceName: 'orders', streams: ALL_STREAMS });
    await consumer.consume(callStartedV1, { durable: 'test-started' }, (call) => void started.push(call.callId));
    await consumer.consume(callEndedV1, { durable: 'test-ended' }, (call) => void ended.push(call));
  });

  afterAll(async () => {
    await consumer?.close();
    await app?.close();
    await server?.destroy();
  });

  it('keeps retrying a call ended that NATS could not store, and stores it once when NATS is back', async () => {
    const client = await TwilioMediaClient.connect(`${app.url.replace(/^http/, 'ws')}/media`);
    client.sendStart({ from: '+8613812345678', to: '+864001234567' });
    await eventually(() => started.includes(client.callSid), 'call started stored', 10_000);

    await server.stop();
    client.sendMedia(new Uint8Array(160));
    client.sendStop();
    expect((await client.closed).code).toBe(1000);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // publishes fail meanwhile
    await server.restart();

    await eventually(() => ended.some((call) => call.callId === client.callSid), 'call ended stored after the outage', 25_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const endings = ended.filter((call) => call.callId === client.callSid);
    expect(endings).toHaveLength(1);
    expect(endings[0].reason).toBe('stopped');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/callcart_ingest_durable_publish_retries_total\{subject="calls\.call\.ended\.v1"[^}]*\} [1-9]/);
  }, 45_000);
});
