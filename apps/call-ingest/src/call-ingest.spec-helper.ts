import {
  audioFrameV1,
  callEndedV1,
  callStartedV1,
  keypadDigitV1,
  type AudioFrameMetaV1,
  type CallEndedV1,
  type CallStartedV1,
  type KeypadDigitV1,
} from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestNats, startServiceApp, testServiceEnv, type RunningServiceApp, type TestNats } from '@callcart/testing';
import { AppModule } from './app.module';
import { loadCallIngestConfig } from './call-ingest.config';

/** What a test sees of call-ingest: the running app and everything it published, by call. */
export interface CallIngestWorld {
  readonly nats: TestNats;
  readonly app: RunningServiceApp;
  readonly mediaUrl: string;
  readonly bus: MessageBus;
  readonly started: CallStartedV1[];
  readonly ended: CallEndedV1[];
  readonly frames: { meta: AudioFrameMetaV1; body: Uint8Array }[];
  readonly digits: KeypadDigitV1[];
  framesOf(callId: string): { meta: AudioFrameMetaV1; body: Uint8Array }[];
  endedOf(callId: string): CallEndedV1[];
  metric(name: string, labels?: string): Promise<number>;
  close(): Promise<void>;
}

/** Starts call-ingest in this process on real NATS (a prefix of its own) and listens to its output. */
export async function startCallIngestWorld(extraEnv: Record<string, string> = {}): Promise<CallIngestWorld> {
  const nats = await createTestNats();
  const env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, extra: extraEnv });
  const app = await startServiceApp(AppModule.register(loadCallIngestConfig(env)));
  const bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'call-ingest-test', streams: [] });
  const started: CallStartedV1[] = [];
  const ended: CallEndedV1[] = [];
  const frames: { meta: AudioFrameMetaV1; body: Uint8Array }[] = [];
  const digits: KeypadDigitV1[] = [];
  await bus.subscribe(callStartedV1, (call) => void started.push(call));
  await bus.subscribe(callEndedV1, (call) => void ended.push(call));
  await bus.subscribeBinary(audioFrameV1, (meta, body) => void frames.push({ meta, body: Uint8Array.from(body) }));
  await bus.subscribe(keypadDigitV1, (digit) => void digits.push(digit));
  return {
    nats,
    app,
    bus,
    mediaUrl: `${app.url.replace(/^http/, 'ws')}/media`,
    started,
    ended,
    frames,
    digits,
    framesOf: (callId) => frames.filter((frame) => frame.meta.callId === callId),
    endedOf: (callId) => ended.filter((call) => call.callId === callId),
    async metric(name, labels = '') {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
      return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
    },
    async close() {
      await bus.close();
      await app.close().catch(() => undefined); // a suite may have closed it already (shutdown tests)
      await nats.cleanup();
    },
  };
}
