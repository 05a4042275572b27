import { eventually } from '@callcart/testing';
import { describeRecogniserContract, RecognitionRecorder } from '../recognition/recogniser.contract';
import { concatAudio, telephoneSilence, toFrames } from '../recognition/telephone-speech';
import { FakeSpeechServer, speakFake } from './fake-speech-server.spec-helper';
import { GoogleSpeechRecogniser, type GoogleSpeechRecogniserOptions } from './google-speech.recogniser';
import { GrpcStatus } from './google-speech.errors';
import type { GoogleSpeechError } from './google-speech.errors';

let server: FakeSpeechServer;
const opened: GoogleSpeechRecogniser[] = [];

beforeAll(async () => {
  server = await FakeSpeechServer.start();
});
afterAll(async () => {
  await Promise.all(opened.map((recogniser) => recogniser.close().catch(() => undefined)));
  await server.stop();
});

async function connect(options: Partial<GoogleSpeechRecogniserOptions> = {}): Promise<GoogleSpeechRecogniser> {
  const recogniser = await GoogleSpeechRecogniser.connect({
    languageCode: 'en-US',
    streamRestartMs: 290_000,
    endpoint: { host: '127.0.0.1', port: server.port },
    insecure: true,
    retry: { initialDelayMs: 100, maxDelayMs: 400, maxAttempts: 3 },
    ...options,
  });
  opened.push(recogniser);
  return recogniser;
}

/** Feeds audio in 20 ms frames, `speed` times faster than real time. */
async function feedPaced(session: { write(frame: Uint8Array): void }, audio: Uint8Array, speed: number): Promise<void> {
  const frames = toFrames(audio);
  const started = Date.now();
  for (const [index, frame] of frames.entries()) {
    session.write(frame);
    const due = started + ((index + 1) * 20) / speed;
    if (index % 5 === 4) await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
}

// The shared suite, against the real client and the scripted server: "recognition" there is the
// fake's byte-run words (speakFake), so this checks the mapping and session behaviour, not Google.
describeRecogniserContract('google (real client, local gRPC server)', {
  create: async (vocabulary) => {
    const recogniser = await connect();
    await recogniser.updateVocabulary(vocabulary);
    return recogniser;
  },
  utterance: () =>
    Promise.resolve({
      audio: concatAudio(telephoneSilence(300), speakFake("i'd like the nivea hand cream"), telephoneSilence(800)),
      expectedWords: ['nivea', 'hand cream'],
    }),
});

describe('google recogniser', () => {
  it('sends the phone-call config with catalogue phrase hints on the first request, then audio only', async () => {
    const recogniser = await connect({ languageCode: 'cmn-Hans-CN', maxAlternatives: 4 });
    const long = `${'very '.repeat(30)}long product name`;
    await recogniser.updateVocabulary({ version: 'zh-7', language: 'zh', phrases: ['金龙鱼 花生油', '金龙鱼  花生油', 'Pringles', 'pringles', long, 'x'.repeat(101)] });
    const recorder = new RecognitionRecorder();
    const first = server.streams.length;
    const session = await recogniser.start('CA-g-config', recorder);
    expect(session.vocabularyVersion).toBe('zh-7');
    session.write(new Uint8Array(60_000).fill(0xff)); // one write larger than a request may be
    await session.end();
    const stream = server.streams[first];
    expect(stream.config).toMatchObject({
      interimResults: true,
      config: {
        encoding: 'MULAW',
        sampleRateHertz: 8000,
        languageCode: 'cmn-Hans-CN',
        model: 'phone_call',
        useEnhanced: true,
        maxAlternatives: 4,
        enableWordTimeOffsets: true,
      },
    });
    const phrases = (stream.config as { config: { speechContexts: { phrases: string[] }[] } }).config.speechContexts[0].phrases;
    expect(phrases.slice(0, 2)).toEqual(['金龙鱼 花生油', 'Pringles']);
    expect(phrases).toHaveLength(3);
    expect(phrases[2].length).toBeLessThanOrEqual(100);
    expect(long.startsWith(phrases[2])).toBe(true);
    expect(stream.configsAfterFirst).toBe(0);
    expect(stream.audioBytes()).toBe(60_000);
    expect(stream.largestAudioRequest).toBeLessThanOrEqual(25_000);
    expect(recorder.errors).toEqual([]);
  });

  it('maps interims (stable prefix + unstable tail) and finals with n-best, confidences and call-clock times', async () => {
    const recogniser = await connect();
    const recorder = new RecognitionRecorder();
    const session = await recogniser.start('CA-g-map', recorder);
    const audio = concatAudio(telephoneSilence(1000), speakFake('two pringles'), telephoneSilence(500), speakFake('one coffee please'), telephoneSilence(500));
    for (const frame of toFrames(audio)) session.write(frame);
    await session.end();
    expect(recorder.errors).toEqual([]);
    const [first, second] = recorder.finals();
    expect(recorder.finals()).toHaveLength(2);
    expect(first).toMatchObject({ utteranceId: 'u1', text: 'two pringles', startMs: 1000 });
    expect(first.alternatives).toEqual([
      { text: 'two pringles', confidence: 0.92 },
      { text: 'two pringles please', confidence: 0.41 },
    ]);
    // 1 s silence + "two" (200 ms) + a 60 ms gap + "pringles" (200 ms) + the 300 ms pause that ended it.
    expect(first.endMs).toBe(1000 + 460 + 300);
    expect(second).toMatchObject({ utteranceId: 'u2', text: 'one coffee please', startMs: 1000 + 520 + 500 });
    const interims = recorder.results.filter((result) => result.kind === 'interim');
    expect(interims.map((interim) => [interim.utteranceId, interim.text, interim.stability])).toEqual([
      ['u1', 'two', 0.1],
      ['u1', 'two pringles', 0.1],
      ['u2', 'one', 0.1],
      ['u2', 'one coffee', 0.1],
      ['u2', 'one coffee please', 0.1],
    ]);
  });

  it('restarts the stream at the shortened limit, resending the audio after the last final: no word lost or repeated', async () => {
    const recogniser = await connect({ streamRestartMs: 1000 });
    const recorder = new RecognitionRecorder();
    const first = server.streams.length;
    const session = await recogniser.start('CA-g-restart', recorder);
    const sentences = ['i like the nivea hand cream', 'two pringles sour cream and onion', 'one nescafe gold instant coffee please', 'three of the hand cream', "i'd like coffee"];
    const audio = concatAudio(...sentences.flatMap((sentence) => [speakFake(sentence, 200, 60), telephoneSilence(400)]));
    await feedPaced(session, audio, 2); // ≈ 10 s of audio in ≈ 5 s: four or five restarts
    await session.end();
    expect(recorder.errors).toEqual([]);
    const streams = server.streams.slice(first);
    expect(streams.length).toBeGreaterThanOrEqual(3);
    // Every replaced stream was cancelled on the server; more audio went out than came in (resends).
    for (const stream of streams.slice(0, -1)) expect(stream.cancelled).toBe(true);
    expect(streams.reduce((sum, stream) => sum + stream.audioBytes(), 0)).toBeGreaterThan(audio.length);
    expect(recorder.finals().map((final) => final.text)).toEqual(sentences);
    const finals = recorder.finals();
    for (let i = 1; i < finals.length; i += 1) expect(finals[i].startMs).toBeGreaterThan(finals[i - 1].endMs);
    expect(finals.at(-1)!.endMs).toBeLessThanOrEqual(audio.length / 8);
    expect(new Set(finals.map((final) => final.utteranceId)).size).toBe(finals.length);
  });

  it('treats OUT_OF_RANGE (the stream limit) as a restart', async () => {
    const recogniser = await connect();
    const recorder = new RecognitionRecorder();
    const first = server.streams.length;
    server.failStream(first, 8000, GrpcStatus.OUT_OF_RANGE);
    const session = await recogniser.start('CA-g-limit', recorder);
    const audio = concatAudio(speakFake('two pringles'), telephoneSilence(400), speakFake('i like the nivea hand cream'), telephoneSilence(400));
    await feedPaced(session, audio, 4);
    await session.end();
    expect(recorder.errors).toEqual([]);
    expect(server.streams.length - first).toBe(2);
    expect(recorder.transcript()).toBe('two pringles i like the nivea hand cream');
  });

  it('retries a transient error (UNAVAILABLE) with backoff and goes on with the call', async () => {
    const recogniser = await connect({ retry: { initialDelayMs: 200, maxDelayMs: 400, maxAttempts: 3 } });
    const recorder = new RecognitionRecorder();
    const first = server.streams.length;
    server.failStream(first, 4000, GrpcStatus.UNAVAILABLE);
    server.failStream(first + 1, 0, GrpcStatus.RESOURCE_EXHAUSTED);
    const session = await recogniser.start('CA-g-retry', recorder);
    const audio = concatAudio(speakFake('i like the nivea hand cream'), telephoneSilence(400), speakFake('one coffee'), telephoneSilence(400));
    await feedPaced(session, audio, 2);
    await eventually(() => recorder.finals().length === 2, 'two finals');
    await session.end();
    expect(recorder.errors).toEqual([]);
    const streams = server.streams.slice(first);
    expect(streams.length).toBe(3);
    // Backoff: ≥ 0.8 × 200 ms before the second stream, ≥ 0.8 × 400 ms before the third.
    expect(streams[1].openedAt - streams[0].openedAt).toBeGreaterThanOrEqual(160);
    expect(streams[2].openedAt - streams[1].openedAt).toBeGreaterThanOrEqual(320);
    expect(recorder.transcript()).toBe('i like the nivea hand cream one coffee');
  });

  it('ends the session with a typed error on a non-transient error, and after too many transient ones', async () => {
    const recogniser = await connect();
    const fatal = new RecognitionRecorder();
    const first = server.streams.length;
    server.failStream(first, 1600, GrpcStatus.INVALID_ARGUMENT);
    const session = await recogniser.start('CA-g-fatal', fatal);
    for (const frame of toFrames(concatAudio(speakFake('two pringles'), telephoneSilence(400)))) session.write(frame);
    await eventually(() => fatal.errors.length === 1, 'the fatal error');
    const error = fatal.errors[0] as GoogleSpeechError;
    expect(error).toMatchObject({ name: 'GoogleSpeechError', callId: 'CA-g-fatal', code: GrpcStatus.INVALID_ARGUMENT });
    expect(server.streams.length - first).toBe(1);
    const count = fatal.results.length;
    session.write(speakFake('one coffee'));
    await session.end();
    expect(fatal.results.length).toBe(count);

    const exhausted = new RecognitionRecorder();
    const next = server.streams.length;
    for (let i = 0; i < 4; i += 1) server.failStream(next + i, 0, GrpcStatus.UNAVAILABLE);
    const doomed = await recogniser.start('CA-g-exhausted', exhausted);
    doomed.write(speakFake('two'));
    await eventually(() => exhausted.errors.length === 1, 'retries exhausted');
    expect((exhausted.errors[0] as GoogleSpeechError).code).toBe(GrpcStatus.UNAVAILABLE);
    expect(server.streams.length - next).toBe(4); // the first try and three retries
    await doomed.end();
  });

  it('ends a call by half-closing its stream: the server sees the end, the last words come as a final', async () => {
    const recogniser = await connect();
    const recorder = new RecognitionRecorder();
    const first = server.streams.length;
    const session = await recogniser.start('CA-g-end', recorder);
    for (const frame of toFrames(speakFake('one nescafe gold'))) session.write(frame);
    await session.end();
    const stream = server.streams[first];
    expect(stream.halfClosed).toBe(true);
    expect(stream.finished).toBe(true);
    expect(recorder.finals().map((final) => final.text)).toEqual(['one nescafe gold']);
  });

  it('refuses a vocabulary in another language than SPEECH_LANGUAGE', async () => {
    const recogniser = await connect();
    await expect(recogniser.updateVocabulary({ version: 'zh-1', language: 'zh', phrases: ['金龙鱼'] })).rejects.toThrow(/SPEECH_LANGUAGE=en-US/);
  });
});
