import type { RecognitionSession } from '../recognition/recogniser';

/** 8 kHz µ-law: 8 bytes per millisecond; 0xff is its silence. */
export const MULAW_BYTES_PER_MS = 8;
const SILENCE_FRAME = new Uint8Array(160).fill(0xff);
const SILENCE_FRAME_MS = SILENCE_FRAME.length / MULAW_BYTES_PER_MS;
/** Longer gaps (a NATS outage) are filled only this far; the recogniser's clock then lags the call's. */
const MAX_FILLED_GAP_MS = 30_000;
/** Audio kept while the recogniser starts: 30 s of 20 ms frames, far beyond any set-up seen (docs/speech.md). */
export const MAX_BUFFERED_FRAMES = 1500;

/**
 * A call's audio from the first frame this worker hears, whether or not its recogniser has
 * started: frames wait here (bounded) until the session exists, so a burst of calls whose
 * recognisers start late loses no first words. Once the session is attached, frames pass
 * straight through.
 *
 * Audio lost between two frames (the provider's gap, or frames NATS dropped in an outage)
 * becomes silence for the recogniser: transcript times stay on the call's clock and an
 * utterance cut by the loss ends there instead of running into the next.
 */
export class CallAudioBuffer {
  private waiting: { timestampMs: number; body: Uint8Array }[] = [];
  private session: RecognitionSession | undefined;
  /** Call time (ms) of the first frame heard: transcript times are relative to it. */
  firstFrameMs: number | undefined;
  /** Call time (ms) the next frame should have: a later one means frames were lost on the way. */
  private nextFrameMs: number | undefined;
  /** Frames dropped because the recogniser took longer than the buffer holds. */
  dropped = 0;
  /** When (wall clock) the first frame arrived. */
  readonly firstHeardAt = Date.now();

  constructor(private readonly maxFrames = MAX_BUFFERED_FRAMES) {}

  /** How many frames wait for the recogniser. */
  get buffered(): number {
    return this.waiting.length;
  }

  write(timestampMs: number, body: Uint8Array): void {
    this.firstFrameMs ??= timestampMs;
    if (this.session) return this.feed(this.session, timestampMs, body);
    // The bus reuses nothing, but a copy keeps the buffer independent of the message's memory.
    this.waiting.push({ timestampMs, body: Uint8Array.from(body) });
    if (this.waiting.length > this.maxFrames) {
      this.waiting.shift();
      this.dropped += 1;
    }
  }

  /** Hands the waiting audio to the session, in order, and every later frame straight to it. */
  attach(session: RecognitionSession): void {
    for (const frame of this.waiting) this.feed(session, frame.timestampMs, frame.body);
    this.waiting = [];
    this.session = session;
  }

  private feed(session: RecognitionSession, timestampMs: number, body: Uint8Array): void {
    if (this.nextFrameMs !== undefined) {
      const lostMs = Math.min(timestampMs - this.nextFrameMs, MAX_FILLED_GAP_MS);
      for (let filled = 0; filled + SILENCE_FRAME_MS <= lostMs; filled += SILENCE_FRAME_MS) session.write(SILENCE_FRAME);
    }
    session.write(body);
    this.nextFrameMs = timestampMs + body.length / MULAW_BYTES_PER_MS;
  }
}
