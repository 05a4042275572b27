import { Logger } from '@nestjs/common';
import type { protos } from '@google-cloud/speech';
import type { RecognitionListener, RecognitionSession, Recognition } from '../recognition/recogniser';
import { GoogleSpeechError, GrpcStatus, grpcCode, isTransientSpeechError } from './google-speech.errors';

type StreamingRecognizeRequest = protos.google.cloud.speech.v1.IStreamingRecognizeRequest;
type StreamingRecognizeResponse = protos.google.cloud.speech.v1.IStreamingRecognizeResponse;
type StreamingRecognitionResult = protos.google.cloud.speech.v1.IStreamingRecognitionResult;
type Duration = protos.google.protobuf.IDuration;

/** µ-law 8 kHz: one byte per sample, 8 bytes per millisecond. */
const BYTES_PER_MS = 8;
/** Google's limit on one request's audio. */
export const MAX_REQUEST_BYTES = 25_000;

/** The part of the client's raw bidirectional stream a session uses (gax's CancellableStream). */
export interface RecognizeStream {
  write(request: StreamingRecognizeRequest): boolean;
  end(): void;
  /** Cancels the call on the server too (unlike `destroy()`, which leaks it until its deadline). */
  cancel(): void;
  on(event: 'data', listener: (response: StreamingRecognizeResponse) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'end' | 'close', listener: () => void): this;
}

/** Backoff between attempts to reopen a failed stream. */
export interface RetryPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failed streams (no response in between) before the session gives up. */
  readonly maxAttempts: number;
}

export interface GoogleSpeechSessionOptions {
  readonly callId: string;
  readonly vocabularyVersion: string;
  readonly streamingConfig: protos.google.cloud.speech.v1.IStreamingRecognitionConfig;
  readonly openStream: () => RecognizeStream;
  /** A stream is replaced after this long (Google ends streams at ~305 s). */
  readonly streamRestartMs: number;
  readonly retry: RetryPolicy;
  /** Audio kept for a resend after the last final; older audio is given up (bounds memory per call). */
  readonly maxResendMs: number;
  /** How long end() waits for the last results after half-closing before it cancels. */
  readonly endTimeoutMs: number;
}

interface ActiveStream {
  readonly raw: RecognizeStream;
  /** Session byte offset of the first audio byte this stream got: its times are relative to it. */
  readonly startByte: number;
  readonly openedAt: number;
}

/** A stream that lived this long counts as healthy again, even without a final. */
const HEALTHY_STREAM_MS = 10_000;

interface AudioChunk {
  readonly start: number;
  readonly bytes: Uint8Array;
}

/**
 * One call on Google's v1 streaming recognition. The config goes on each stream's first request,
 * then audio only. Audio since the last final result is kept so that a stream can be replaced —
 * at the planned restart before the 305 s limit, on OUT_OF_RANGE, or after a transient error
 * (with backoff) — by a new one that gets that audio again: results of a replaced stream are
 * ignored, so no word is lost or reported twice, and times are offset onto the session's clock.
 */
export class GoogleSpeechSession implements RecognitionSession {
  private readonly logger = new Logger(GoogleSpeechSession.name);
  private state: 'open' | 'ending' | 'closed' = 'open';
  private stream: ActiveStream | undefined;
  private chunks: AudioChunk[] = [];
  private writtenBytes = 0;
  private lastFinalEndByte = 0;
  private utteranceCount = 0;
  private currentUtterance: string | undefined;
  private failedAttempts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private ended: Promise<void> | undefined;
  private settleEnd: (() => void) | undefined;

  constructor(
    private readonly options: GoogleSpeechSessionOptions,
    private readonly listener: RecognitionListener,
  ) {}

  get callId(): string {
    return this.options.callId;
  }

  get vocabularyVersion(): string {
    return this.options.vocabularyVersion;
  }

  write(mulaw8k: Uint8Array): void {
    if (this.state !== 'open' || mulaw8k.length === 0) return;
    // A copy: the caller's buffer (a NATS message) may be reused once we return.
    const chunk: AudioChunk = { start: this.writtenBytes, bytes: mulaw8k.slice() };
    this.chunks.push(chunk);
    this.writtenBytes += chunk.bytes.length;
    this.boundResendBuffer();
    // The first stream opens with the first audio: Google times out a stream that gets none.
    if (!this.stream && !this.retryTimer) this.openStream();
    else if (this.stream) this.send(this.stream, chunk.bytes);
  }

  end(): Promise<void> {
    if (this.ended) return this.ended;
    this.clearTimers();
    const active = this.stream;
    if (this.state !== 'open' || !active) {
      this.close();
      this.ended = Promise.resolve();
      return this.ended;
    }
    this.state = 'ending';
    this.ended = new Promise<void>((resolve) => {
      const timeout = setTimeout(() => {
        this.logger.warn({ msg: 'no end of stream from google in time: cancelling', callId: this.callId });
        active.raw.cancel();
        this.close();
      }, this.options.endTimeoutMs);
      this.settleEnd = () => {
        clearTimeout(timeout);
        resolve();
      };
    });
    // Half-close: Google finishes the audio it has (a last final) and then ends the stream.
    active.raw.end();
    return this.ended;
  }

  private openStream(): void {
    const resendFrom = Math.min(this.writtenBytes, Math.max(this.lastFinalEndByte, this.chunks[0]?.start ?? this.writtenBytes));
    const active: ActiveStream = { raw: this.options.openStream(), startByte: resendFrom, openedAt: Date.now() };
    this.stream = active;
    active.raw.on('data', (response) => {
      if (this.stream === active && this.state !== 'closed') this.onResponse(active, response);
    });
    active.raw.on('error', (error) => {
      if (this.stream === active) this.onStreamError(error);
    });
    active.raw.on('end', () => {
      if (this.stream === active) this.onStreamEnd();
    });
    active.raw.write({ streamingConfig: this.options.streamingConfig });
    for (const chunk of this.chunks) {
      const from = Math.max(0, resendFrom - chunk.start);
      if (from < chunk.bytes.length) this.send(active, chunk.bytes.subarray(from));
    }
    this.restartTimer = setTimeout(() => this.replaceStream('stream time limit'), this.options.streamRestartMs);
  }

  private send(active: ActiveStream, bytes: Uint8Array): void {
    for (let offset = 0; offset < bytes.length; offset += MAX_REQUEST_BYTES) {
      const part = bytes.subarray(offset, offset + MAX_REQUEST_BYTES);
      active.raw.write({ audioContent: Buffer.from(part.buffer, part.byteOffset, part.byteLength) });
    }
  }

  /** Swaps the stream for a new one at once; the old one is cancelled and its results ignored. */
  private replaceStream(reason: string): void {
    const old = this.stream;
    this.stream = undefined;
    this.clearTimers();
    old?.raw.cancel();
    if (this.state !== 'open') return this.close();
    this.logger.debug({ msg: 'replacing the recognition stream', callId: this.callId, reason, resendMs: (this.writtenBytes - this.lastFinalEndByte) / BYTES_PER_MS });
    this.openStream();
  }

  private onResponse(active: ActiveStream, response: StreamingRecognizeResponse): void {
    if (response.error && response.error.code) {
      const error = Object.assign(new Error(response.error.message ?? 'recognition error'), { code: response.error.code });
      return this.onStreamError(error);
    }
    const results = response.results ?? [];
    // Progress (a final settles audio) or a long healthy stream resets the retry budget; an
    // interim alone does not, or a server that fails after every first word would be retried forever.
    if (results.some((result) => result.isFinal) || Date.now() - active.openedAt >= HEALTHY_STREAM_MS) this.failedAttempts = 0;
    for (const result of results) if (result.isFinal) this.onFinal(active, result);
    const interims = results.filter((result) => !result.isFinal);
    const text = interims
      .map((result) => result.alternatives?.[0]?.transcript?.trim() ?? '')
      .filter(Boolean)
      .join(' ');
    if (!text) return;
    const stability = Math.min(...interims.map((result) => roundScore(result.stability ?? 0)));
    this.currentUtterance ??= this.nextUtteranceId();
    this.deliver({ kind: 'interim', utteranceId: this.currentUtterance, text, stability, startMs: this.lastFinalEndByte / BYTES_PER_MS });
  }

  private onFinal(active: ActiveStream, result: StreamingRecognitionResult): void {
    const streamStartMs = active.startByte / BYTES_PER_MS;
    const endMs = Math.min(this.writtenBytes / BYTES_PER_MS, streamStartMs + durationMs(result.resultEndTime));
    const alternatives = (result.alternatives ?? [])
      .map((alternative) => ({ text: alternative.transcript?.trim() ?? '', confidence: roundScore(alternative.confidence ?? 0) }))
      .filter((alternative) => alternative.text);
    const firstWord = result.alternatives?.[0]?.words?.[0]?.startTime;
    const startMs = firstWord ? Math.min(endMs, streamStartMs + durationMs(firstWord)) : this.lastFinalEndByte / BYTES_PER_MS;
    this.lastFinalEndByte = Math.max(this.lastFinalEndByte, Math.round(endMs * BYTES_PER_MS));
    this.dropAudioBefore(this.lastFinalEndByte);
    // A final with no words (noise) settles nothing: its audio is done, its id stays for the next.
    if (alternatives.length === 0) return;
    const utteranceId = this.currentUtterance ?? this.nextUtteranceId();
    this.currentUtterance = undefined;
    this.deliver({ kind: 'final', utteranceId, text: alternatives[0].text, alternatives, startMs, endMs });
  }

  private onStreamError(error: Error): void {
    const code = grpcCode(error);
    this.stream = undefined;
    this.clearTimers();
    if (this.state !== 'open') {
      this.logger.warn({ msg: 'recognition stream failed while ending', callId: this.callId, code, err: error });
      return this.close();
    }
    if (!isTransientSpeechError(code)) return this.fail(code, `google recognition failed: ${error.message}`, error);
    this.retry(code === GrpcStatus.OUT_OF_RANGE ? 'stream limit reached' : `transient error ${code}`, error);
  }

  /** The server closed the stream without an error: a clean end after end(), else a restart. */
  private onStreamEnd(): void {
    this.stream = undefined;
    this.clearTimers();
    if (this.state !== 'open') return this.close();
    this.retry('stream ended by the server');
  }

  private retry(reason: string, cause?: Error): void {
    this.failedAttempts += 1;
    const { initialDelayMs, maxDelayMs, maxAttempts } = this.options.retry;
    if (this.failedAttempts > maxAttempts) {
      return this.fail(grpcCode(cause), `google recognition failed ${maxAttempts} times in a row (${reason})`, cause);
    }
    // A stream limit (or a clean server end) is a restart: reopen at once, the first time.
    const restart = cause === undefined || grpcCode(cause) === GrpcStatus.OUT_OF_RANGE;
    const backoffMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (this.failedAttempts - 1));
    const delayMs = restart && this.failedAttempts === 1 ? 0 : Math.round(backoffMs * (0.8 + Math.random() * 0.4));
    this.logger.warn({ msg: 'recognition stream lost: reopening', callId: this.callId, reason, attempt: this.failedAttempts, delayMs });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.state === 'open') this.openStream();
    }, delayMs);
  }

  private fail(code: number | undefined, message: string, cause?: unknown): void {
    const error = new GoogleSpeechError(this.callId, code, message, { cause });
    this.logger.error({ msg: 'recognition of a call failed for good', callId: this.callId, code, err: cause });
    this.close();
    try {
      this.listener.onError(error);
    } catch (listenerError) {
      this.logger.warn({ msg: 'recognition error listener threw', callId: this.callId, err: listenerError });
    }
  }

  private close(): void {
    this.state = 'closed';
    this.clearTimers();
    this.stream = undefined;
    this.chunks = [];
    this.settleEnd?.();
    this.settleEnd = undefined;
  }

  private deliver(recognition: Recognition): void {
    try {
      this.listener.onRecognition(recognition);
    } catch (error) {
      this.logger.warn({ msg: 'recognition listener threw', callId: this.callId, err: error });
    }
  }

  private nextUtteranceId(): string {
    this.utteranceCount += 1;
    return `u${this.utteranceCount}`;
  }

  private dropAudioBefore(byte: number): void {
    while (this.chunks.length > 0 && this.chunks[0].start + this.chunks[0].bytes.length <= byte) this.chunks.shift();
  }

  private boundResendBuffer(): void {
    const maxBytes = this.options.maxResendMs * BYTES_PER_MS;
    while (this.chunks.length > 1 && this.writtenBytes - this.chunks[0].start > maxBytes) this.chunks.shift();
  }

  private clearTimers(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.restartTimer = undefined;
    this.retryTimer = undefined;
  }
}

function durationMs(duration: Duration | null | undefined): number {
  if (!duration) return 0;
  return Number(duration.seconds ?? 0) * 1000 + Math.round((duration.nanos ?? 0) / 1e6);
}

/** Confidences and stabilities travel as float32 (0.92 arrives as 0.9200000166893005): four decimals are plenty. */
function roundScore(value: number): number {
  return Math.round(clamp01(value) * 10_000) / 10_000;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
