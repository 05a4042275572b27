import type { RecognitionSession } from '../recognition/recogniser';
import { fillLostAudio, MULAW_BYTES_PER_MS } from './lost-audio';

/** Audio kept while the recogniser starts: 30 s of 20 ms frames, far beyond any set-up seen (docs/speech.md). */
export const MAX_BUFFERED_FRAMES = 1500;

/**
 * A call's audio from the first frame this worker hears, whether or not its recogniser has
 * started: frames wait here (bounded) until the session exists, so a burst of calls whose
 * recognisers start late loses no first words. Once the session is attached, frames pass
 * straight through.
 *
 * Audio lost between two frames becomes silence for the recogniser ({@link fillLostAudio}).
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
    fillLostAudio(session, this.nextFrameMs, timestampMs);
    session.write(body);
    this.nextFrameMs = timestampMs + body.length / MULAW_BYTES_PER_MS;
  }
}
