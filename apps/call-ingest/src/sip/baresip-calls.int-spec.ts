import { agentAudioFrameV1, callControlV1, type CallControlV1 } from '@callcart/contracts';
import { decodeAlaw, decodeMulaw, toTelephoneMulaw, toTelephonePcm, writeWav } from '@callcart/audio';
import { synthesiseSpeech } from '@callcart/telephony';
import { eventually } from '@callcart/testing';
import { startCallIngestWorld, type CallIngestWorld } from '../call-ingest.spec-helper';
import { BaresipCaller } from './baresip.spec-helper';
import { recogniseOrder } from './phrase-recogniser.spec-helper';
import { SipServer } from './sip-server';

const silence = (seconds: number) => new Int16Array(8000 * seconds);
const join = (...parts: Int16Array[]) => {
  const out = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** Publishes the agent's voice as the voice service does: 20 ms µ-law frames, in real time. */
async function speakAsAgent(world: CallIngestWorld, callId: string, mulaw: Uint8Array): Promise<void> {
  const startedAt = Date.now();
  for (let index = 0; index * 160 < mulaw.length; index += 1) {
    const frame = mulaw.slice(index * 160, index * 160 + 160);
    if (frame.length < 160) break;
    world.bus.publishBinary(agentAudioFrameV1, { callId, sequenceNumber: index, timestampMs: index * 20, encoding: 'mulaw', sampleRateHz: 8000 }, frame);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + (index + 1) * 20 - Date.now())));
  }
}

describe('SIP calls from baresip (a real SIP phone): speech both ways and the keypad', () => {
  let world: CallIngestWorld;
  let sipPort: number;

  beforeAll(async () => {
    const rtpBase = 24000 + 2 * Math.floor(Math.random() * 2000);
    world = await startCallIngestWorld({ SIP_ENABLED: 'true', SIP_PORT: '0', SIP_BIND: '127.0.0.1', RTP_PORT_MIN: String(rtpBase), RTP_PORT_MAX: String(rtpBase + 100) });
    sipPort = world.app.app.get(SipServer).port;
  });

  afterAll(async () => {
    await world.close();
  });

  const control = (callId: string, command: CallControlV1['command']) => world.bus.publish(callControlV1, { callId, command, issuedAt: new Date().toISOString() });

  it.each([
    { codec: 'PCMA' as const, encoding: 'alaw', callerSays: 'i would like the coffee beans please', product: 'coffee beans', agentSays: 'your order of green tea is confirmed', agentProduct: 'green tea' },
    { codec: 'PCMU' as const, encoding: 'mulaw', callerSays: 'i want the peanut oil', product: 'peanut oil', agentSays: 'your order of tomato soup is confirmed', agentProduct: 'tomato soup' },
  ])('$codec: the caller’s words reach NATS, its keys arrive once each, the agent’s words reach the caller', async ({ codec, encoding, callerSays, product, agentSays, agentProduct }) => {
    const before = new Set(world.started.map((call) => call.callId));
    const callerVoice = toTelephonePcm(await synthesiseSpeech(callerSays, { voice: 'flite:rms' }));
    const agentVoice = toTelephoneMulaw(await synthesiseSpeech(agentSays, { voice: 'flite:awb' }));
    const phone = await BaresipCaller.start({
      uri: `sip:+864001234567@127.0.0.1:${sipPort}`,
      codec,
      microphone: writeWav(join(silence(0.5), callerVoice, silence(20)), 8000),
    });
    try {
      await eventually(() => world.started.some((call) => !before.has(call.callId)), 'call started', 15_000).catch((error: Error) => {
        throw new Error(`${error.message}; baresip printed:\n${phone.log()}`);
      });
      const call = world.started.find((started) => !before.has(started.callId))!;
      expect(call.provider.name).toBe('sip');
      await control(call.callId, 'connect');
      await eventually(() => world.framesOf(call.callId).length >= 10, 'the caller’s first frames', 10_000);
      await Promise.all([speakAsAgent(world, call.callId, agentVoice), phone.pressKeys('123')]);
      // The sentence and 1.5 s of the silence after it: a recogniser needs the end of an utterance.
      const callerFrames = Math.ceil((0.5 * 8000 + callerVoice.length) / 160) + 75;
      await eventually(() => world.framesOf(call.callId).length >= callerFrames, 'the caller’s sentence', 15_000);
      await control(call.callId, 'hangup');
      await eventually(() => world.endedOf(call.callId).length === 1, 'call ended', 10_000);

      const frames = world.framesOf(call.callId);
      expect(new Set(frames.map((frame) => frame.meta.encoding))).toEqual(new Set([encoding]));
      const heardFromCaller = frames.map((frame) => (encoding === 'alaw' ? decodeAlaw(frame.body) : decodeMulaw(frame.body)));
      expect(recogniseOrder(join(...heardFromCaller))).toContain(product);
      expect(world.digits.filter((digit) => digit.callId === call.callId).map((digit) => digit.digit)).toEqual(['1', '2', '3']);
      expect(world.endedOf(call.callId)).toEqual([expect.objectContaining({ reason: 'hung-up', missingFrames: 0 })]);
      await phone.stop();
      expect(recogniseOrder(phone.received())).toContain(agentProduct);
    } finally {
      await phone.stop();
    }
  });
});
