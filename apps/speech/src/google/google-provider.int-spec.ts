import { ALL_STREAMS, audioFrameV1, callEndedV1, callStartedV1, transcriptUpdatedV1, type TranscriptUpdatedV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestNats, eventually, spawnService, startServiceApp, testServiceEnv, waitForHealthy, type TestNats } from '@callcart/testing';
import { createServer } from 'node:net';
import { AppModule } from '../app.module';
import { concatAudio, telephoneSilence, toFrames } from '../recognition/telephone-speech';
import { loadSpeechConfig } from '../speech.config';
import { FakeSpeechServer, speakFake } from './fake-speech-server.spec-helper';

describe('speech service with SPEECH_PROVIDER=google (local gRPC server)', () => {
  let nats: TestNats;
  let server: FakeSpeechServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    nats = await createTestNats();
    server = await FakeSpeechServer.start();
    env = testServiceEnv({
      natsUrl: nats.url,
      natsPrefix: nats.prefix,
      extra: { SPEECH_PROVIDER: 'google', GOOGLE_SPEECH_ENDPOINT: server.endpoint, GOOGLE_SPEECH_INSECURE: 'true', CLAIM_TTL_MS: '1000' },
    });
  });

  afterAll(async () => {
    await server.stop();
    await nats.cleanup();
  });

  it('boots, reports healthy and transcribes a call through the google recogniser', async () => {
    const running = await startServiceApp(AppModule.register(loadSpeechConfig(env)));
    const caller = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'call-ingest', streams: ALL_STREAMS });
    try {
      const health = await fetch(`${running.url}/health`);
      expect(health.status).toBe(200);
      const transcripts: TranscriptUpdatedV1[] = [];
      await caller.subscribe(transcriptUpdatedV1, (transcript) => void transcripts.push(transcript));
      const callId = 'CAgoogle1';
      const streamsBefore = server.streams.length;
      await caller.publish(callStartedV1, {
        callId,
        callerNumber: '+8613800138000',
        dialledNumber: '+864001234567',
        startedAt: new Date().toISOString(),
        provider: { name: 'twilio', callSid: callId, streamSid: 'MZ1' },
      });
      let sequenceNumber = 0;
      const publishFrames = (audio: Uint8Array) => {
        for (const frame of toFrames(audio)) {
          caller.publishBinary(audioFrameV1, { callId, sequenceNumber, timestampMs: 5000 + sequenceNumber * 20, encoding: 'mulaw', sampleRateHz: 8000 }, frame);
          sequenceNumber += 1;
        }
      };
      // Silence until the claiming worker's recogniser opens its stream (frames before its audio
      // subscription are not for it), then the words.
      await eventually(async () => {
        publishFrames(telephoneSilence(20));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return server.streams.length > streamsBefore;
      }, 'the worker to open a google stream');
      const leadMs = sequenceNumber * 20;
      const audio = concatAudio(telephoneSilence(200), speakFake('two pringles please'), telephoneSilence(400));
      publishFrames(audio);
      await eventually(() => transcripts.some((transcript) => transcript.kind === 'final'), 'a final transcript');
      const final = transcripts.find((transcript) => transcript.kind === 'final')!;
      expect(final).toMatchObject({ callId, text: 'two pringles please', language: 'en' });
      // Times on the call's clock (the frames started at 5 s), from the worker's first frame on.
      expect(final.startMs).toBeGreaterThanOrEqual(5000 + 200);
      expect(final.startMs).toBeLessThanOrEqual(5000 + leadMs + 200);
      expect(server.streams[streamsBefore].config).toMatchObject({ config: { model: 'phone_call', languageCode: 'en-US' } });
      await caller.publish(callEndedV1, { callId, endedAt: new Date().toISOString(), durationMs: sequenceNumber * 20, reason: 'stopped', missingFrames: 0 });
      await eventually(() => server.streams[streamsBefore].halfClosed, 'the stream half-closed at call end');
    } finally {
      await caller.close();
      await running.close();
    }
  });

  it('runs as its own process with google and stops cleanly on SIGTERM', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const service = spawnService('speech', { ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/health`);
    } catch (error) {
      service.child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${service.output()}`);
    }
    service.child.kill('SIGTERM');
    await expect(service.exited()).resolves.toBe(0);
  });

  it.each([
    ['GOOGLE_SPEECH_ENDPOINT', { GOOGLE_SPEECH_ENDPOINT: 'speech.example:port' }],
    ['GOOGLE_SPEECH_INSECURE', { GOOGLE_SPEECH_INSECURE: 'maybe' }],
    ['GOOGLE_SPEECH_INSECURE', { GOOGLE_SPEECH_INSECURE: 'true', GOOGLE_SPEECH_ENDPOINT: undefined }],
    ['SPEECH_WARPS', { SPEECH_WARPS: '1,fast' }],
    ['SPEECH_WARPS', { SPEECH_WARPS: '1,2.5' }],
    ['SPEECH_WARPS', { SPEECH_WARPS: '1,1.1,1.2,1.3,1.4,0.9,0.8,1.05,1.15' }],
  ])('refuses a bad %s, naming it', (variable, overrides) => {
    expect(() => loadSpeechConfig({ ...env, ...overrides })).toThrow(new RegExp(variable));
  });

  it('reads the speaker warps, five by default, one to turn speaker normalisation off', () => {
    expect(loadSpeechConfig({ ...env, SPEECH_WARPS: undefined }).warps).toEqual([0.9, 1, 1.1, 1.2, 1.3]);
    expect(loadSpeechConfig({ ...env, SPEECH_WARPS: '1' }).warps).toEqual([1]);
    expect(loadSpeechConfig({ ...env, SPEECH_WARPS: ' 1, 1.15 ,1' }).warps).toEqual([1, 1.15]);
  });

  it('keeps pocketsphinx the default and reads the google endpoint', () => {
    expect(loadSpeechConfig({ ...env, SPEECH_PROVIDER: undefined }).provider).toBe('pocketsphinx');
    expect(loadSpeechConfig(env).google).toEqual({ endpoint: { host: '127.0.0.1', port: server.port }, insecure: true });
  });
});
