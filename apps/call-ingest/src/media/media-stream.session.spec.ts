import { Registry } from 'prom-client';
import type { AudioFrameMetaV1, EventContract } from '@callcart/contracts';
import type { CallEventsPublisher } from './call-events.publisher';
import { IngestMetrics } from './ingest.metrics';
import { MediaStreamSession, type SessionPlayout } from './media-stream.session';

function harness(playout?: SessionPlayout) {
  const durable: { subject: string; payload: Record<string, unknown> }[] = [];
  const frames: AudioFrameMetaV1[] = [];
  const closes: { code: number; reason: string }[] = [];
  const publisher = {
    publishDurably: async (contract: EventContract, payload: Record<string, unknown>) => void durable.push({ subject: contract.subject, payload }),
    publishAudioFrame: (meta: AudioFrameMetaV1) => void frames.push(meta),
    publishKeypadDigit: async () => undefined,
  } as unknown as CallEventsPublisher;
  const metrics = new IngestMetrics(new Registry());
  let now = 1_000_000;
  const session = new MediaStreamSession({
    publisher,
    metrics,
    logger: { log: () => undefined, error: () => undefined, warn: () => undefined },
    closeSocket: (code, reason) => void closes.push({ code, reason }),
    now: () => now,
    playout,
  });
  const send = (message: object) => session.handleText(JSON.stringify(message));
  const media = (sequenceNumber: number) =>
    send({ event: 'media', sequenceNumber: String(sequenceNumber), media: { track: 'inbound', chunk: '1', timestamp: String(sequenceNumber * 20), payload: 'AAAA' } });
  const start = () =>
    send({ event: 'start', sequenceNumber: '1', streamSid: 'MZ1', start: { callSid: 'CA1', customParameters: { from: '+1', to: '+2' }, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } });
  return { session, durable, frames, closes, metrics, send, media, start, advance: (ms: number) => (now += ms) };
}

describe('MediaStreamSession', () => {
  it('counts an implausible sequence jump as an anomaly, not as 10^15 missing frames', async () => {
    const h = harness();
    h.start();
    h.media(2);
    const mediaAt = (sequenceNumber: number) =>
      h.send({ event: 'media', sequenceNumber: String(sequenceNumber), media: { track: 'inbound', timestamp: '60', payload: 'AAAA' } });
    mediaAt(999_999_999_999_990);
    mediaAt(999_999_999_999_991);
    mediaAt(999_999_999_999_994);
    expect(h.frames).toHaveLength(4);
    expect((await h.metrics.framesMissing.get()).values[0].value).toBe(2);
    expect((await h.metrics.protocolAnomalies.get()).values).toEqual([expect.objectContaining({ labels: { kind: 'sequence-jump' }, value: 1 })]);
  });

  it('publishes late and repeated sequence numbers as received, counting them, and gaps as missing', async () => {
    const h = harness();
    h.start();
    for (const sequence of [2, 3, 5, 4, 5, 9]) h.media(sequence);
    expect(h.frames.map((f) => f.sequenceNumber)).toEqual([2, 3, 5, 4, 5, 9]);
    expect((await h.metrics.framesOutOfOrder.get()).values[0].value).toBe(2);
    h.advance(1234);
    h.send({ event: 'stop', sequenceNumber: '10' });
    await h.session.settled();
    expect(h.durable.map((d) => d.subject)).toEqual(['calls.call.started.v1', 'calls.call.ended.v1']);
    expect(h.durable[1].payload).toMatchObject({ reason: 'stopped', durationMs: 1234, missingFrames: 4 }); // 4 (after 3), 6, 7, 8
  });

  it('ends the call once, whatever follows the stop', async () => {
    const h = harness();
    h.start();
    h.send({ event: 'stop' });
    h.session.socketClosed();
    h.session.handleBinary(10);
    h.media(3);
    await h.session.settled();
    expect(h.durable.filter((d) => d.subject === 'calls.call.ended.v1')).toHaveLength(1);
    expect(h.closes).toEqual([{ code: 1000, reason: 'stream stopped' }]);
    expect(h.frames).toHaveLength(0);
  });

  it('ends a call callcart hung up once, whatever follows (stop, socket close, shutdown), and tells the playout to clear', async () => {
    const playout: string[] = [];
    const h = harness({
      begin: (call) => void playout.push(`begin ${call.callId} ${call.streamSid}`),
      markPlayed: (name) => void playout.push(`mark ${name}`),
      end: (clear) => void playout.push(`end clear=${clear}`),
    });
    h.start();
    h.send({ event: 'mark', sequenceNumber: '2', mark: { name: 'callcart-1-1' } });
    h.session.hangUp();
    h.send({ event: 'stop' });
    h.session.socketClosed();
    h.session.shutDown();
    await h.session.settled();
    const ended = h.durable.filter((d) => d.subject === 'calls.call.ended.v1');
    expect(ended.map((d) => d.payload.reason)).toEqual(['hung-up']);
    expect(h.closes).toEqual([{ code: 1000, reason: 'call hung up by callcart' }]);
    expect(playout).toEqual(['begin CA1 MZ1', 'mark callcart-1-1', 'end clear=true']);
  });

  it('ends an open call at shutdown with shutdown (going away), and a stopped one not again', async () => {
    const h = harness();
    h.start();
    h.session.shutDown();
    h.session.socketClosed();
    await h.session.settled();
    expect(h.durable.filter((d) => d.subject === 'calls.call.ended.v1').map((d) => d.payload.reason)).toEqual(['shutdown']);
    expect(h.closes).toEqual([{ code: 1001, reason: 'call-ingest is shutting down' }]);
  });

  it('keeps close reasons within the 123 bytes a close frame allows', () => {
    const h = harness();
    h.send({ event: 'media', sequenceNumber: '1', media: { timestamp: '0', payload: '#'.repeat(500) } });
    expect(h.closes[0].code).toBe(1008);
    expect(Buffer.byteLength(h.closes[0].reason)).toBeLessThanOrEqual(123);
  });
});
