import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ALL_STREAMS, audioFrameV1, keypadDigitV1 } from '@callcart/contracts';
import { createTestNats, eventually, type TestNats } from '@callcart/testing';
import { MessageBus } from './message-bus';

const header = (sequenceNumber: number) => ({ callId: 'call-a', sequenceNumber, timestampMs: sequenceNumber * 20, encoding: 'mulaw' as const, sampleRateHz: 8000 });

describe('MessageBus: audio frames published with the rest of their turn, on the real NATS server', () => {
  let nats: TestNats;
  let watcher: NatsConnection;

  beforeAll(async () => {
    nats = await createTestNats();
    watcher = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await watcher.close();
    await nats.cleanup();
  });

  it('delivers a turn’s frames in order, and an event published after them after them', async () => {
    const bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'ingest', streams: ALL_STREAMS });
    const seen: string[] = [];
    // One subscription for both subjects: the server keeps one publisher's order on it.
    watcher.subscribe(`${nats.prefix}.>`, { callback: (_error, msg) => void seen.push(msg.subject.includes('keypad') ? 'digit' : `frame ${msg.data[0]}`) });
    await watcher.flush();
    const done: Array<string | undefined> = [];
    try {
      for (const n of [1, 2, 3]) bus.publishBinaryInTurn(audioFrameV1, header(n), new Uint8Array(160).fill(n), (error) => void done.push(error === undefined ? 'taken' : String(error)));
      await bus.publish(keypadDigitV1, { callId: 'call-a', digit: '5', pressedAt: new Date().toISOString() });
      await eventually(() => seen.length >= 4, 'the frames and the digit');
      expect({ seen, done }).toEqual({ seen: ['frame 1', 'frame 2', 'frame 3', 'digit'], done: ['taken', 'taken', 'taken'] });
    } finally {
      await bus.close();
    }
  });

  it('refuses a frame its contract refuses at once, and tells of a frame the closed connection refused', async () => {
    const bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'ingest', streams: ALL_STREAMS });
    expect(() => bus.publishBinaryInTurn(audioFrameV1, header(1), new Uint8Array(9000), () => undefined)).toThrow(/exceeds/);
    await bus.close();
    const outcome = await new Promise<unknown>((resolve) => bus.publishBinaryInTurn(audioFrameV1, header(2), new Uint8Array(160), resolve));
    expect(String(outcome)).toMatch(/closed/i);
  });
});
