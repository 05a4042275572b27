import { Registry } from 'prom-client';
import { audioFrameV1, callStartedV1, transcriptUpdatedV1, ALL_STREAMS, type TranscriptUpdatedV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestNats, eventually, type TestNats } from '@callcart/testing';
import { PocketsphinxRecogniser } from '../pocketsphinx/pocketsphinx.recogniser';
import { concatAudio, speakToTelephone, telephoneSilence, toFrames } from '../recognition/telephone-speech';
import { CallTranscriber } from './call-transcriber';
import { SpeechMetrics } from './speech.metrics';

const CATALOGUE = ['pringles sour cream and onion', 'coffee beans', 'green tea', 'honey', 'peanut oil', 'hand cream'];
/** What the callers say, product word first; the first word is what must not be lost. */
const ORDERS = [
  { text: 'coffee beans and green tea', first: 'coffee' },
  { text: 'pringles sour cream and onion', first: 'pringles' },
  { text: 'honey and peanut oil', first: 'honey' },
];
const CALLS = 20;

/**
 * A burst of calls on one speech worker (docs/speech.md, "The start of a call"): 20 calls start
 * within one second, each caller saying a product name from the first frame on. Every call's
 * decoders are set up one after another, so the last call's recogniser is ready seconds after
 * its audio began; its first word must still be transcribed.
 */
describe('a burst of calls starting at once (real NATS, real pocketsphinx)', () => {
  let nats: TestNats;
  let caller: MessageBus;
  let bus: MessageBus;
  let recogniser: PocketsphinxRecogniser;
  let transcriber: CallTranscriber;
  const registry = new Registry();
  const transcripts: TranscriptUpdatedV1[] = [];

  beforeAll(async () => {
    nats = await createTestNats();
    caller = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'call-ingest', streams: ALL_STREAMS });
    bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'speech', streams: ALL_STREAMS });
    // One warp per call keeps the decoding of 20 calls within what a shared test machine does in real time;
    // set-up is still one decoder after another, which is what the burst is about.
    recogniser = new PocketsphinxRecogniser({ warps: [1] });
    await recogniser.updateVocabulary({ version: 'v1', language: 'en', phrases: CATALOGUE });
    transcriber = new CallTranscriber(bus, recogniser, { workerId: 'worker-burst', language: 'en', claimTtlMs: 1500, audioIdleMs: 60_000, metrics: new SpeechMetrics(registry) });
    await transcriber.start();
    await caller.subscribe(transcriptUpdatedV1, (transcript) => void transcripts.push(transcript));
  });

  afterAll(async () => {
    await transcriber?.stop();
    await Promise.allSettled([bus, caller].map((connection) => connection?.close()));
    await recogniser?.close();
    await nats?.cleanup();
  });

  /** As call-ingest does: the call's start, then its frames at real-time pace from the first one. */
  async function call(callId: string, audio: Uint8Array): Promise<void> {
    await caller.publish(callStartedV1, {
      callId,
      callerNumber: '+8613800138000',
      dialledNumber: '+864001234567',
      startedAt: new Date().toISOString(),
      provider: { name: 'twilio', callSid: callId, streamSid: `MZ${callId}` },
    });
    const started = Date.now();
    for (const [index, frame] of toFrames(audio).entries()) {
      caller.publishBinary(audioFrameV1, { callId, sequenceNumber: index, timestampMs: index * 20, encoding: 'mulaw', sampleRateHz: 8000 }, frame);
      const due = started + (index + 1) * 20 - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
  }

  it('transcribes every call\'s first word, however late its recogniser was ready', async () => {
    const audio = await Promise.all(ORDERS.map(async ({ text }) => concatAudio(telephoneSilence(300), await speakToTelephone(text), telephoneSilence(900))));
    const calls = Array.from({ length: CALLS }, (_, i) => ({ callId: `CAburst${i}`, order: i % ORDERS.length }));
    // 20 starts spread over 950 ms.
    await Promise.all(calls.map(({ callId, order }, i) => new Promise((resolve) => setTimeout(resolve, i * 50)).then(() => call(callId, audio[order]))));

    const firstFinal = (callId: string) => transcripts.find((t) => t.callId === callId && t.kind === 'final' && t.text.trim() !== '');
    await eventually(() => calls.every(({ callId }) => firstFinal(callId)), 'a final transcript for every call', 120_000).catch((error: unknown) => {
      const missing = calls.filter(({ callId }) => !firstFinal(callId)).map(({ callId }) => `${callId} (${transcripts.filter((t) => t.callId === callId).map((t) => t.text).join(' | ')})`);
      throw new Error(`${(error as Error).message}; no final for ${missing.join(', ')}; active: ${transcriber.activeCalls().length}`);
    });
    const missed = calls.filter(({ callId, order }) => firstFinal(callId)!.text.split(' ')[0] !== ORDERS[order].first);
    expect(missed.map(({ callId }) => `${callId}: "${firstFinal(callId)!.text}"`)).toEqual([]);

    const ready = (await registry.getMetricsAsJSON()).find((metric) => metric.name === 'callcart_speech_recogniser_ready_seconds')!;
    const valueOf = (suffix: string) => (ready.values as { metricName?: string; value: number }[]).find((value) => value.metricName?.endsWith(suffix))?.value ?? 0;
    const [sum, count] = [valueOf('_sum'), valueOf('_count')];
    expect(count).toBe(CALLS);
    // The figure for docs/speech.md: how long call-start audio waited in the buffer.
    console.log(`burst of ${CALLS} calls: recogniser ready after ${((sum / count) * 1000).toFixed(0)} ms on average (audio buffered meanwhile)`);
  }, 180_000);
});
