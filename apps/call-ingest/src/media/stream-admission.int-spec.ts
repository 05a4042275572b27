import { eventually } from '@callcart/testing';
import { TwilioMediaClient, twilioSid, twilioSignature } from '@callcart/telephony';
import { startCallIngestWorld, type CallIngestWorld } from '../call-ingest.spec-helper';
import { mintStreamToken } from '../twilio/stream-token';

function startMessage(callSid: string, parameters: Record<string, string>): string {
  return JSON.stringify({
    event: 'start',
    sequenceNumber: '1',
    streamSid: twilioSid('MZ'),
    start: { callSid, customParameters: parameters, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
  });
}

function media(sequenceNumber: number): string {
  return JSON.stringify({ event: 'media', sequenceNumber: String(sequenceNumber), media: { track: 'inbound', timestamp: '0', payload: Buffer.alloc(160, 0xff).toString('base64') } });
}

describe('one media stream per call', () => {
  let world: CallIngestWorld;

  beforeAll(async () => {
    world = await startCallIngestWorld();
  });

  afterAll(async () => {
    await world.close();
  });

  it('refuses a second socket carrying a call that is already streaming, leaving the call alone', async () => {
    const callSid = twilioSid('CA');
    const real = await TwilioMediaClient.connect(world.mediaUrl);
    real.sendRaw(startMessage(callSid, { from: '+8613812345678', to: '+864001234567' }));
    real.sendRaw(media(2));
    await eventually(() => world.framesOf(callSid).length === 1, 'the real call streaming');
    const refusedBefore = await world.metric('callcart_ingest_streams_refused_total', 'reason="duplicate-stream"');

    const intruder = await TwilioMediaClient.connect(world.mediaUrl);
    intruder.sendRaw(startMessage(callSid, { from: '+15550001111', to: '+864001234567' }));
    expect(await intruder.closed).toEqual({ code: 1008, reason: 'this call already has a media stream' });

    real.sendRaw(media(3));
    await eventually(() => world.framesOf(callSid).length === 2, 'the real call still streaming');
    expect(world.started.filter((call) => call.callId === callSid).map((call) => call.callerNumber)).toEqual(['+8613812345678']);
    expect(world.endedOf(callSid)).toEqual([]);
    expect(await world.metric('callcart_ingest_streams_refused_total', 'reason="duplicate-stream"')).toBe(refusedBefore + 1);
    real.sendStop();
    await eventually(() => world.endedOf(callSid).length === 1, 'call ended once');
  });

  it('takes a caller id longer than 64 characters (a SIP URI) and publishes the number in it', async () => {
    const callSid = twilioSid('CA');
    const client = await TwilioMediaClient.connect(world.mediaUrl);
    client.sendRaw(startMessage(callSid, { from: 'sip:+8613800138000@trunk-gateway-01.carrier.example.com.cn;user=phone', to: '+864001234567' }));
    await eventually(() => world.started.some((call) => call.callId === callSid), 'call started');
    expect(world.started.find((call) => call.callId === callSid)?.callerNumber).toBe('+8613800138000');
    client.sendStop();
    await client.closed;
  });
});

describe('replay-limited media authentication (TWILIO_AUTH_TOKEN set)', () => {
  const authToken = 'stream-auth-token';
  const publicUrl = 'https://ingest.callcart.example';
  let world: CallIngestWorld;
  const upgradeHeaders = () => ({ 'X-Twilio-Signature': twilioSignature(authToken, 'wss://ingest.callcart.example/media', {}) });

  beforeAll(async () => {
    world = await startCallIngestWorld({ TWILIO_AUTH_TOKEN: authToken, PUBLIC_URL: publicUrl });
  });

  afterAll(async () => {
    await world.close();
  });

  async function streamWith(callSid: string, parameters: Record<string, string>): Promise<TwilioMediaClient> {
    const client = await TwilioMediaClient.connect(world.mediaUrl, { headers: upgradeHeaders() });
    client.sendRaw(startMessage(callSid, { from: '+8613812345678', to: '+864001234567', ...parameters }));
    return client;
  }

  it('a signed upgrade alone opens no call: the stream token of that call is needed, once', async () => {
    const callSid = twilioSid('CA');
    const noToken = await streamWith(callSid, {});
    expect(await noToken.closed).toEqual({ code: 1008, reason: "stream token missing: start the stream from the voice webhook's TwiML" });
    const otherCallsToken = await streamWith(callSid, { streamToken: mintStreamToken(authToken, twilioSid('CA'), Date.now()) });
    expect((await otherCallsToken.closed).reason).toMatch(/^stream token forged/);
    const expired = await streamWith(callSid, { streamToken: mintStreamToken(authToken, callSid, Date.now() - 120_000) });
    expect((await expired.closed).reason).toMatch(/^stream token expired/);
    expect(world.started.some((call) => call.callId === callSid)).toBe(false);

    const token = mintStreamToken(authToken, callSid, Date.now());
    const real = await streamWith(callSid, { streamToken: token });
    await eventually(() => world.started.some((call) => call.callId === callSid), 'the real call started');
    const replayed = await streamWith(callSid, { streamToken: token });
    expect(await replayed.closed).toEqual({ code: 1008, reason: 'this call already has a media stream' });
    real.sendStop();
    await real.closed;
    const afterTheCall = await streamWith(callSid, { streamToken: token });
    expect((await afterTheCall.closed).code).toBe(1008);
    expect(world.started.filter((call) => call.callId === callSid)).toHaveLength(1);
    expect(await world.metric('callcart_ingest_streams_refused_total', 'reason="stream-token"')).toBe(3);
    expect(await world.metric('callcart_ingest_streams_refused_total', 'reason="duplicate-stream"')).toBe(2);
  });
});
