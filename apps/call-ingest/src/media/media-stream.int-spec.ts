import { eventually } from '@callcart/testing';
import { startCallIngestWorld, type CallIngestWorld } from '../call-ingest.spec-helper';
import { TwilioMediaClient } from '@callcart/telephony';

const frame = (fill: number) => new Uint8Array(160).fill(fill);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('media WebSocket (Twilio Media Streams)', () => {
  let world: CallIngestWorld;

  beforeAll(async () => {
    world = await startCallIngestWorld();
  });

  afterAll(async () => {
    await world.close();
  });

  async function startedCall(from = '+8613812345678'): Promise<TwilioMediaClient> {
    const client = await TwilioMediaClient.connect(world.mediaUrl);
    client.sendConnected();
    client.sendStart({ from, to: '+864001234567' });
    await eventually(() => world.started.some((call) => call.callId === client.callSid), 'call started');
    return client;
  }

  it('publishes a whole call: started, every frame in order, digits, gaps counted, ended once', async () => {
    const missingBefore = await world.metric('callcart_ingest_frames_missing_total');
    const ignoredBefore = await world.metric('callcart_ingest_ignored_events_total');
    const client = await startedCall();
    const callId = client.callSid;
    const started = world.started.find((call) => call.callId === callId);
    expect(started).toMatchObject({
      callerNumber: '+8613812345678',
      dialledNumber: '+864001234567',
      provider: { name: 'twilio', callSid: callId, streamSid: client.streamSid },
    });
    for (let i = 0; i < 10; i += 1) client.sendMedia(frame(i));
    client.sendDtmf('5');
    client.sendMark('greeting-played');
    client.sendRaw(JSON.stringify({ event: 'clear-all-the-things', streamSid: client.streamSid }));
    client.skipSequence(3); // three messages the provider lost
    for (let i = 10; i < 15; i += 1) client.sendMedia(frame(i));
    client.sendStop();
    const close = await client.closed;
    expect(close).toEqual({ code: 1000, reason: 'stream stopped' });

    await eventually(() => world.endedOf(callId).length === 1 && world.framesOf(callId).length === 15, 'all frames and call ended');
    const frames = world.framesOf(callId);
    expect(frames.map((f) => f.body[0])).toEqual(Array.from({ length: 15 }, (_, i) => i));
    // start is 1, media 2..11, dtmf 12, mark 13, (unknown event has none), 3 lost, media 17..21
    expect(frames.map((f) => f.meta.sequenceNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 17, 18, 19, 20, 21]);
    expect(frames.map((f) => f.meta.timestampMs)).toEqual(Array.from({ length: 15 }, (_, i) => i * 20));
    expect(frames.every((f) => f.body.length === 160 && f.meta.encoding === 'mulaw' && f.meta.sampleRateHz === 8000)).toBe(true);
    expect(world.digits.filter((d) => d.callId === callId).map((d) => d.digit)).toEqual(['5']);
    const [ended] = world.endedOf(callId);
    expect(ended).toMatchObject({ reason: 'stopped', missingFrames: 3 });
    expect(ended.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(ended.endedAt)).toBeGreaterThanOrEqual(Date.parse(started!.startedAt) + ended.durationMs - 1);
    expect(await world.metric('callcart_ingest_frames_missing_total')).toBe(missingBefore + 3);
    expect(await world.metric('callcart_ingest_ignored_events_total')).toBe(ignoredBefore + 1);
    await sleep(200);
    expect(world.endedOf(callId)).toHaveLength(1);
  });

  it('ends a call whose socket closes without stop, once, with its duration', async () => {
    const client = await startedCall();
    for (let i = 0; i < 3; i += 1) client.sendMedia(frame(i));
    await sleep(120);
    await client.close();
    await eventually(() => world.endedOf(client.callSid).length === 1, 'call ended');
    const [ended] = world.endedOf(client.callSid);
    expect(ended).toMatchObject({ reason: 'socket-closed', missingFrames: 0 });
    expect(ended.durationMs).toBeGreaterThanOrEqual(100);
    expect(world.framesOf(client.callSid)).toHaveLength(3);
    await sleep(200);
    expect(world.endedOf(client.callSid)).toHaveLength(1);
  });

  it('skips the outbound track and tolerates a stop before start', async () => {
    const client = await startedCall();
    client.sendRaw(JSON.stringify({ event: 'media', sequenceNumber: '2', media: { track: 'outbound', chunk: '1', timestamp: '0', payload: 'AAAA' } }));
    client.sendMedia(frame(7));
    client.sendStop();
    await eventually(() => world.endedOf(client.callSid).length === 1, 'call ended');
    expect(world.framesOf(client.callSid).map((f) => f.body[0])).toEqual([7]);

    const early = await TwilioMediaClient.connect(world.mediaUrl);
    early.sendStop();
    expect(await early.closed).toEqual({ code: 1000, reason: 'stream stopped' });
  });

  describe('bad input closes only the offending socket, with a clear reason', () => {
    const cases: { name: string; started: boolean; send: (client: TwilioMediaClient) => void; code: number; reason: RegExp }[] = [
      { name: 'malformed JSON', started: true, send: (c) => c.sendRaw('{"event": "media", '), code: 1008, reason: /^malformed JSON$/ },
      { name: 'a message without an event', started: false, send: (c) => c.sendRaw('[1,2,3]'), code: 1008, reason: /"event" string/ },
      { name: 'a media message without payload', started: true, send: (c) => c.sendRaw(JSON.stringify({ event: 'media', sequenceNumber: '2', media: { timestamp: '0' } })), code: 1008, reason: /invalid media message: media\.payload/ },
      {
        name: 'a non-µ-law media format',
        started: false,
        send: (c) =>
          c.sendRaw(JSON.stringify({ event: 'start', sequenceNumber: '1', streamSid: 'MZ1', start: { callSid: 'CAx1', mediaFormat: { encoding: 'audio/l16', sampleRate: 16000, channels: 1 } } })),
        code: 1003,
        reason: /unsupported media format audio\/l16\/16000\/1/,
      },
      {
        name: 'an 8 kHz µ-law format at another rate',
        started: false,
        send: (c) =>
          c.sendRaw(JSON.stringify({ event: 'start', sequenceNumber: '1', streamSid: 'MZ1', start: { callSid: 'CAx2', mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 16000 } } })),
        code: 1003,
        reason: /only audio\/x-mulaw 8000 Hz mono/,
      },
      { name: 'a binary frame', started: true, send: (c) => c.sendRaw(new Uint8Array(160), { binary: true }), code: 1003, reason: /binary frames are not accepted/ },
      { name: 'a frame over MEDIA_MAX_FRAME_BYTES', started: true, send: (c) => c.sendRaw(' '.repeat(70 * 1024)), code: 1009, reason: /exceeds the 65536-byte limit/ },
      { name: 'a frame over twice the limit (refused unread)', started: true, send: (c) => c.sendRaw(' '.repeat(200 * 1024)), code: 1009, reason: /^$/ },
      { name: 'media before start', started: false, send: (c) => c.sendMedia(frame(1)), code: 1008, reason: /^media before start$/ },
      { name: 'dtmf before start', started: false, send: (c) => c.sendDtmf('1'), code: 1008, reason: /^dtmf before start$/ },
      { name: 'a second start', started: true, send: (c) => c.sendStart({ from: '+1', to: '+2' }), code: 1008, reason: /second start/ },
      { name: 'a call id unsafe in a subject', started: false, send: (c) => c.sendRaw(JSON.stringify({ event: 'start', streamSid: 'MZ1', start: { callSid: 'CA.1', mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000 } } })), code: 1008, reason: /start\.callSid/ },
    ];

    it.each(cases)('$name → close $code', async ({ started, send, code, reason }) => {
      const bystander = await startedCall('+15550001111');
      const offender = started ? await startedCall() : await TwilioMediaClient.connect(world.mediaUrl);
      bystander.sendMedia(frame(1));
      send(offender);
      const close = await offender.closed;
      expect(close.code).toBe(code);
      expect(close.reason).toMatch(reason);
      bystander.sendMedia(frame(2));
      bystander.sendStop();
      await eventually(() => world.endedOf(bystander.callSid).length === 1, 'bystander call ended');
      expect(world.endedOf(bystander.callSid)[0].reason).toBe('stopped');
      expect(world.framesOf(bystander.callSid).map((f) => f.body[0])).toEqual([1, 2]);
      if (started) {
        await eventually(() => world.endedOf(offender.callSid).length === 1, 'offending call ended');
        expect(world.endedOf(offender.callSid)[0].reason).toBe('protocol-error');
      }
    });
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    await expect(TwilioMediaClient.connect(world.mediaUrl.replace('/media', '/other'))).rejects.toThrow(/404/);
  });
});
