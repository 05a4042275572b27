import { Registry } from 'prom-client';
import { audioFrameV1, callEndedV1, type AudioFrameMetaV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import { CallEventsPublisher } from './call-events.publisher';
import { IngestMetrics } from './ingest.metrics';

/** Records what reaches the NATS client, in order: the publisher's batching is the subject here. */
function recordingBus(sent: string[]): MessageBus {
  return {
    publishBinary: (_contract: unknown, meta: AudioFrameMetaV1) => void sent.push(`frame ${meta.sequenceNumber}`),
    publish: async (contract: { subject: string }) => void sent.push(contract.subject),
  } as unknown as MessageBus;
}

const frame = (sequenceNumber: number): AudioFrameMetaV1 => ({ callId: 'CA1', sequenceNumber, timestampMs: sequenceNumber * 20, encoding: 'mulaw', sampleRateHz: 8000 });
const turnOfTheLoop = () => new Promise((resolve) => setImmediate(resolve));

describe('CallEventsPublisher', () => {
  it('hands a turn’s audio frames to the client together, after the turn, in arrival order', async () => {
    const sent: string[] = [];
    const publisher = new CallEventsPublisher(recordingBus(sent), new IngestMetrics(new Registry()));
    for (const sequence of [1, 2, 3]) publisher.publishAudioFrame(frame(sequence), new Uint8Array(160));
    const duringTheTurn = [...sent];
    await turnOfTheLoop();
    expect({ duringTheTurn, afterTheTurn: sent }).toEqual({ duringTheTurn: [], afterTheTurn: ['frame 1', 'frame 2', 'frame 3'] });
  });

  it('publishes the frames still waiting before a call ended, so the end never overtakes them', async () => {
    const sent: string[] = [];
    const publisher = new CallEventsPublisher(recordingBus(sent), new IngestMetrics(new Registry()));
    publisher.publishAudioFrame(frame(7), new Uint8Array(160));
    await publisher.publishDurably(callEndedV1, { callId: 'CA1', endedAt: new Date(0).toISOString(), durationMs: 20, reason: 'stopped', missingFrames: 0 });
    await turnOfTheLoop();
    expect(sent).toEqual(['frame 7', callEndedV1.subject]);
  });

  it('counts a frame the client refuses as failed and goes on with the rest', async () => {
    const registry = new Registry();
    const sent: string[] = [];
    const bus = recordingBus(sent);
    const publishBinary = bus.publishBinary.bind(bus);
    (bus as { publishBinary: unknown }).publishBinary = (contract: typeof audioFrameV1, meta: AudioFrameMetaV1, body: Uint8Array) => {
      if (meta.sequenceNumber === 2) throw new Error('connection closed');
      publishBinary(contract, meta, body);
    };
    const publisher = new CallEventsPublisher(bus, new IngestMetrics(registry));
    for (const sequence of [1, 2, 3]) publisher.publishAudioFrame(frame(sequence), new Uint8Array(160));
    await turnOfTheLoop();
    const failed = (await registry.getSingleMetric('callcart_ingest_frames_failed_total')?.get())?.values[0]?.value;
    expect({ sent, failed }).toEqual({ sent: ['frame 1', 'frame 3'], failed: 1 });
  });
});
