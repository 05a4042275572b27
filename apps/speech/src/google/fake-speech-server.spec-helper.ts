import { dirname, join } from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { grpc } from 'google-gax';
import { MULAW_SILENCE } from '../recognition/telephone-speech';

/**
 * A local Google Speech v1 server for the google recogniser's tests: a real @grpc/grpc-js server
 * (the one copy google-gax uses) built from the protos @google-cloud/speech ships, so the real
 * SpeechClient talks to it over real gRPC. It "recognises" synthetic audio: each word of
 * FAKE_WORDS is a run of one µ-law byte value (speakFake), a pause of 300 ms ends an utterance.
 */

/** The words the fake recogniser knows; word i is a run of byte 0x10 + i. */
export const FAKE_WORDS = ['i', "i'd", 'like', 'the', 'nivea', 'hand', 'cream', 'pringles', 'sour', 'and', 'onion', 'please', 'two', 'of', 'coffee', 'gold', 'instant', 'nescafe', 'one', 'three'];
const BYTES_PER_MS = 8;
const PAUSE_BYTES = 300 * BYTES_PER_MS;
/** A run shorter than this is noise, not a word: a word cut by a stream change is not heard whole. */
const MIN_WORD_BYTES = 150 * BYTES_PER_MS;

/** Synthetic "speech" the fake server recognises: each word a 200 ms run of its byte, 60 ms gaps. */
export function speakFake(text: string, wordMs = 200, gapMs = 60): Uint8Array {
  const words = text.split(/\s+/).filter(Boolean);
  const parts: number[] = [];
  for (const word of words) {
    const index = FAKE_WORDS.indexOf(word);
    if (index < 0) throw new Error(`the fake recogniser does not know "${word}"`);
    for (let i = 0; i < wordMs * BYTES_PER_MS; i += 1) parts.push(0x10 + index);
    for (let i = 0; i < gapMs * BYTES_PER_MS; i += 1) parts.push(MULAW_SILENCE);
  }
  return Uint8Array.from(parts);
}

/** What the server saw of one StreamingRecognize call. */
export interface FakeStreamRecord {
  readonly openedAt: number;
  /** The first request's streamingConfig (as proto-loader decodes it: camelCase, enums as names). */
  config?: Record<string, unknown>;
  audio: Buffer[];
  requests: number;
  /** Requests after the first that carried a config (must be 0). */
  configsAfterFirst: number;
  largestAudioRequest: number;
  /** The client half-closed (end()). */
  halfClosed: boolean;
  /** The client cancelled the call. */
  cancelled: boolean;
  /** The server finished the call (OK or an error status). */
  finished: boolean;
  audioBytes(): number;
}

interface ScriptedFailure {
  readonly stream: number;
  readonly afterBytes: number;
  readonly code: number;
}

interface Word {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** The Google Speech server stand-in; `streams` records every call in order. */
export class FakeSpeechServer {
  readonly streams: FakeStreamRecord[] = [];
  private readonly failures: ScriptedFailure[] = [];

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeSpeechServer> {
    const speechProtos = join(dirname(require.resolve('@google-cloud/speech/package.json')), 'build', 'protos');
    const gaxProtos = join(dirname(require.resolve('google-gax')), '..', 'protos');
    const definition = loadSync('google/cloud/speech/v1/cloud_speech.proto', {
      includeDirs: [speechProtos, gaxProtos],
      keepCase: false,
      longs: String,
      enums: String,
      defaults: false,
      oneofs: true,
    });
    const loaded = grpc.loadPackageDefinition(definition) as unknown as {
      google: { cloud: { speech: { v1: { Speech: { service: grpc.ServiceDefinition } } } } };
    };
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const fake = new FakeSpeechServer(server, port);
    const unimplemented = (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback({ code: grpc.status.UNIMPLEMENTED });
    server.addService(loaded.google.cloud.speech.v1.Speech.service, {
      recognize: unimplemented,
      longRunningRecognize: unimplemented,
      streamingRecognize: (call: grpc.ServerDuplexStream<Record<string, unknown>, unknown>) => fake.handle(call),
    });
    return fake;
  }

  /** "host:port" for GOOGLE_SPEECH_ENDPOINT. */
  get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The `stream`-th call (0-based) fails with `code` once it has received `afterBytes` of audio. */
  failStream(stream: number, afterBytes: number, code: number): void {
    this.failures.push({ stream, afterBytes, code });
  }

  async stop(): Promise<void> {
    // Calls a test left open (a failed one) must not hold the suite up.
    this.server.forceShutdown();
    await Promise.resolve();
  }

  private handle(call: grpc.ServerDuplexStream<Record<string, unknown>, unknown>): void {
    const index = this.streams.length;
    const audio: Buffer[] = [];
    const record: FakeStreamRecord = {
      openedAt: Date.now(),
      audio,
      requests: 0,
      configsAfterFirst: 0,
      largestAudioRequest: 0,
      halfClosed: false,
      cancelled: false,
      finished: false,
      audioBytes: () => audio.reduce((sum, part) => sum + part.length, 0),
    };
    this.streams.push(record);
    const decoder = new FakeRecognition((response) => call.write(response));
    const finish = (code?: number) => {
      if (record.finished) return;
      record.finished = true;
      if (code === undefined) call.end();
      else call.emit('error', { code, details: `scripted failure ${code}` });
    };
    call.on('cancelled', () => {
      record.cancelled = true;
    });
    call.on('data', (request: { streamingConfig?: Record<string, unknown>; audioContent?: Buffer }) => {
      if (record.finished) return;
      record.requests += 1;
      if (record.requests === 1) {
        if (!request.streamingConfig) return finish(grpc.status.INVALID_ARGUMENT);
        record.config = request.streamingConfig;
        return;
      }
      if (request.streamingConfig) record.configsAfterFirst += 1;
      const bytes = request.audioContent ?? Buffer.alloc(0);
      audio.push(bytes);
      record.largestAudioRequest = Math.max(record.largestAudioRequest, bytes.length);
      decoder.consume(bytes);
      const failure = this.failures.find((scripted) => scripted.stream === index && record.audioBytes() >= scripted.afterBytes);
      if (failure) finish(failure.code);
    });
    call.on('end', () => {
      record.halfClosed = true;
      if (record.finished) return;
      decoder.flush();
      finish();
    });
  }
}

/** The scripted "recogniser" of one stream: words from byte runs, finals at 300 ms pauses. */
class FakeRecognition {
  private position = 0;
  private run: { byte: number; start: number } | undefined;
  private words: Word[] = [];
  private silence = 0;
  private finals = 0;

  constructor(private readonly send: (response: unknown) => void) {}

  consume(bytes: Buffer): void {
    for (const byte of bytes) {
      const index = byte - 0x10;
      const isWord = index >= 0 && index < FAKE_WORDS.length;
      if (!isWord || (this.run && this.run.byte !== byte)) this.closeWord();
      if (isWord) {
        this.run ??= { byte, start: this.position };
        this.silence = 0;
      } else {
        this.silence += 1;
      }
      this.position += 1;
      if (!isWord && this.silence === PAUSE_BYTES && this.words.length > 0) this.final();
    }
  }

  /** The client half-closed: what was heard becomes a final. */
  flush(): void {
    this.closeWord();
    if (this.words.length > 0) this.final();
  }

  private closeWord(): void {
    if (!this.run) return;
    if (this.position - this.run.start < MIN_WORD_BYTES) {
      this.run = undefined;
      return;
    }
    this.words.push({ word: FAKE_WORDS[this.run.byte - 0x10], start: this.run.start, end: this.position });
    this.run = undefined;
    // Like Google: a stable prefix and an unstable last word, as two interim results.
    const texts = this.words.map((word) => word.word);
    const results = [{ alternatives: [{ transcript: texts.slice(0, -1).join(' ') }], stability: 0.9 }, { alternatives: [{ transcript: ` ${texts.at(-1)}` }], stability: 0.1 }];
    this.send({ results: results.filter((result) => result.alternatives[0].transcript.trim()) });
  }

  private final(): void {
    const text = this.words.map((word) => word.word).join(' ');
    // Finals after the first start with a space, as Google's do.
    const transcript = this.finals > 0 ? ` ${text}` : text;
    this.finals += 1;
    const words = this.words.map((word) => ({ word: word.word, startTime: duration(word.start), endTime: duration(word.end) }));
    this.send({
      results: [
        {
          isFinal: true,
          stability: 0,
          resultEndTime: duration(this.position),
          alternatives: [
            { transcript, confidence: 0.92, words },
            { transcript: `${transcript} please`, confidence: 0.41 },
          ],
        },
      ],
    });
    this.words = [];
  }
}

function duration(bytes: number): { seconds: number; nanos: number } {
  const ms = bytes / BYTES_PER_MS;
  return { seconds: Math.floor(ms / 1000), nanos: Math.round((ms % 1000) * 1e6) };
}
