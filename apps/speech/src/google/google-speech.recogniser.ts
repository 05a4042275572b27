import { Logger } from '@nestjs/common';
import { SpeechClient, type protos } from '@google-cloud/speech';
import { grpc, type ClientOptions } from 'google-gax';
import type { Language } from '@callcart/contracts';
import type { Recogniser, RecognitionListener, RecognitionSession, Vocabulary } from '../recognition/recogniser';
import { GoogleSpeechSession, type RecognizeStream, type RetryPolicy } from './google-speech.session';
import { toPhraseHints } from './phrase-hints';

type StreamingRecognitionConfig = protos.google.cloud.speech.v1.IStreamingRecognitionConfig;

/** The languages the google provider is configured for, and the catalogue language each maps to. */
export const GOOGLE_LANGUAGES = { 'en-US': 'en', 'cmn-Hans-CN': 'zh' } as const satisfies Record<string, Language>;

export interface GoogleSpeechRecogniserOptions {
  readonly languageCode: keyof typeof GOOGLE_LANGUAGES;
  /** A stream is replaced after this long (STREAM_RESTART_MS; Google's limit is ~305 s). */
  readonly streamRestartMs: number;
  /** host:port of a non-Google endpoint (tests, emulators); Google's own when absent. */
  readonly endpoint?: { readonly host: string; readonly port: number };
  /** Plaintext and no Google auth: only for a local endpoint. */
  readonly insecure?: boolean;
  /** The n-best asked for (1..30). */
  readonly maxAlternatives?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly maxResendMs?: number;
  readonly endTimeoutMs?: number;
}

const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 250, maxDelayMs: 8000, maxAttempts: 6 };

/**
 * The production recogniser: Google Speech-to-Text v1 streaming (`phone_call`, enhanced, µ-law
 * 8 kHz as the phone line delivers it), biased to the catalogue with phrase hints. One client
 * (one gRPC channel) for every call; one stream per call at a time (see GoogleSpeechSession).
 */
export class GoogleSpeechRecogniser implements Recogniser {
  readonly provider = 'google' as const;
  private readonly logger = new Logger(GoogleSpeechRecogniser.name);
  private vocabularyVersion: string | undefined;
  private streamingConfig: StreamingRecognitionConfig;

  private constructor(
    private readonly client: SpeechClient,
    private readonly options: GoogleSpeechRecogniserOptions,
  ) {
    this.streamingConfig = this.configFor([]);
  }

  /**
   * Creates the client and connects it, so that missing or bad credentials (or a bad endpoint
   * option) stop the service at start instead of failing every call later.
   */
  static async connect(options: GoogleSpeechRecogniserOptions): Promise<GoogleSpeechRecogniser> {
    const client = new SpeechClient(clientOptions(options));
    try {
      await client.initialize();
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new Error(`google speech client could not start (credentials from GOOGLE_APPLICATION_CREDENTIALS): ${(error as Error).message}`, { cause: error });
    }
    return new GoogleSpeechRecogniser(client, options);
  }

  currentVocabularyVersion(): string | undefined {
    return this.vocabularyVersion;
  }

  /** Phrase hints for new calls; calls in progress keep the config their streams started with. */
  updateVocabulary(vocabulary: Vocabulary): Promise<void> {
    const expected = GOOGLE_LANGUAGES[this.options.languageCode];
    if (vocabulary.language !== expected) {
      return Promise.reject(new Error(`vocabulary is "${vocabulary.language}" but SPEECH_LANGUAGE=${this.options.languageCode} needs "${expected}"`));
    }
    const hints = toPhraseHints(vocabulary.phrases);
    if (hints.trimmed > 0 || hints.dropped > 0) {
      this.logger.warn({ msg: 'phrase hints cut to google limits', version: vocabulary.version, trimmed: hints.trimmed, dropped: hints.dropped });
    }
    this.streamingConfig = this.configFor(hints.speechContexts);
    this.vocabularyVersion = vocabulary.version;
    return Promise.resolve();
  }

  start(callId: string, listener: RecognitionListener): Promise<RecognitionSession> {
    const session = new GoogleSpeechSession(
      {
        callId,
        vocabularyVersion: this.vocabularyVersion ?? 'none',
        streamingConfig: this.streamingConfig,
        openStream: () => this.client._streamingRecognize() as unknown as RecognizeStream,
        streamRestartMs: this.options.streamRestartMs,
        retry: { ...DEFAULT_RETRY, ...this.options.retry },
        maxResendMs: this.options.maxResendMs ?? 60_000,
        endTimeoutMs: this.options.endTimeoutMs ?? 5000,
      },
      listener,
    );
    return Promise.resolve(session);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private configFor(speechContexts: { phrases: string[] }[]): StreamingRecognitionConfig {
    return {
      config: {
        encoding: 'MULAW',
        sampleRateHertz: 8000,
        audioChannelCount: 1,
        languageCode: this.options.languageCode,
        model: 'phone_call',
        useEnhanced: true,
        maxAlternatives: this.options.maxAlternatives ?? 5,
        enableWordTimeOffsets: true,
        speechContexts,
      },
      interimResults: true,
    };
  }
}

function clientOptions(options: GoogleSpeechRecogniserOptions): ClientOptions {
  if (!options.endpoint) return {};
  const endpoint = { apiEndpoint: options.endpoint.host, port: options.endpoint.port };
  // With sslCreds given, google-gax uses them as they are and never asks Google auth for a token.
  return options.insecure ? { ...endpoint, sslCreds: grpc.credentials.createInsecure(), universeDomain: 'googleapis.com' } : endpoint;
}
