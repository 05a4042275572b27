import type { Language } from '@callcart/contracts';

/**
 * The words a recogniser is biased towards, as the catalogue gives them (`vocabularyGetV1`):
 * product names, brands and aliases. A new `version` replaces the previous one for new calls.
 */
export interface Vocabulary {
  readonly version: string;
  readonly language: Language;
  readonly phrases: readonly string[];
}

/** The recogniser's current guess while the caller speaks; a later one for the same utterance replaces it. */
export interface InterimRecognition {
  readonly kind: 'interim';
  /** Stable from the first interim of an utterance to its final, unique within the session. */
  readonly utteranceId: string;
  readonly text: string;
  /** How unlikely the guess is to change, 0..1. */
  readonly stability: number;
  /** Milliseconds since the first audio written to the session. */
  readonly startMs: number;
}

/** The settled text of one utterance, with the recogniser's n-best (best first, first = text). */
export interface FinalRecognition {
  readonly kind: 'final';
  readonly utteranceId: string;
  readonly text: string;
  readonly alternatives: readonly { readonly text: string; readonly confidence: number }[];
  /** Milliseconds since the first audio written to the session. */
  readonly startMs: number;
  readonly endMs: number;
}

export type Recognition = InterimRecognition | FinalRecognition;

/** Where a session's results go. Errors are reported, never thrown into the caller's audio path. */
export interface RecognitionListener {
  onRecognition(recognition: Recognition): void;
  /** The session failed for good (after its own retries); it will produce nothing more. */
  onError(error: Error): void;
}

/**
 * One call's recognition. Audio goes in as the telephone sends it: 8 kHz G.711 µ-law, normally
 * in 20 ms frames of 160 bytes, in order. Google takes those bytes as they are; pocketsphinx
 * decodes and upsamples them to the 16 kHz its model needs.
 */
export interface RecognitionSession {
  readonly callId: string;
  /** The vocabulary version this session was started with (it keeps it until it ends). */
  readonly vocabularyVersion: string;
  /** Queues audio; returns at once (decoding happens off the event loop). */
  write(mulaw8k: Uint8Array): void;
  /**
   * The call ended: finishes the audio already written (a last final for speech in progress),
   * releases the session's resources, and resolves once the last result has been delivered.
   */
  end(): Promise<void>;
}

/**
 * A speech recogniser: one streaming session per call. `updateVocabulary` applies to sessions
 * started afterwards; sessions in progress keep their vocabulary until their call ends, so a
 * catalogue reindex never drops or restarts a call.
 */
export interface Recogniser {
  readonly provider: 'pocketsphinx' | 'google';
  start(callId: string, listener: RecognitionListener): Promise<RecognitionSession>;
  updateVocabulary(vocabulary: Vocabulary): Promise<void>;
  /** The vocabulary new sessions get (undefined before the first one). */
  currentVocabularyVersion(): string | undefined;
  /** Ends nothing in progress by itself: call after every session has ended. */
  close(): Promise<void>;
}
