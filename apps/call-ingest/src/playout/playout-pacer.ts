/** One telephone frame: 20 ms of 8 kHz audio. */
export const FRAME_MS = 20;

/**
 * How far ahead of real time audio may be handed to the carrier: three frames. Twilio buffers what
 * it is sent and plays it at 20 ms a frame, so a small lead absorbs our timer's jitter without
 * letting a burst fill its buffer (a full buffer is audio the caller hears late, and what a
 * `clear` must throw away on hold).
 */
export const DEFAULT_LEAD_MS = 3 * FRAME_MS;

/**
 * The longest delay made up for by sending overdue frames at once (a stalled sender or event loop);
 * after a longer silence the playout clock restarts at now.
 */
export const MAX_CATCH_UP_MS = 1000;

/** Where the next frame comes from: `undefined` is a gap (nothing to send, the carrier plays silence). */
export interface FrameSource {
  next(): Uint8Array | undefined;
}

/** What the pacer needs of time: a clock in milliseconds and a one-shot timer (injected in tests). */
export interface PacerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export const REAL_CLOCK: PacerClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/**
 * Sends frames from a source at the pace a phone line plays them: 20 ms of audio per 20 ms of
 * time: never more than the real time since the playout clock started plus `leadMs`. A burst
 * from NATS goes out paced; a gap sends nothing (the carrier plays silence). Frames late by less
 * than {@link MAX_CATCH_UP_MS} (a stall) go out at once to make the time up; after a longer gap the
 * clock restarts at now. Protocol logic only: no socket, an injected clock.
 */
export class PlayoutPacer {
  private source: FrameSource | undefined;
  /** When the next frame would start playing at the carrier, on our clock. */
  private nextPlayAt = 0;
  private timer: unknown;
  private idle = true;
  private stopped = false;

  constructor(
    private readonly send: (frame: Uint8Array, playAt: number) => void,
    private readonly clock: PacerClock = REAL_CLOCK,
    private readonly leadMs = DEFAULT_LEAD_MS,
  ) {}

  /**
   * Plays another source from now on. The carrier's buffer is the caller's business (the caller
   * sends `clear`); here the playout clock restarts at now, since a cleared buffer is empty.
   */
  play(source: FrameSource | undefined): void {
    if (this.stopped) return;
    this.source = source;
    this.nextPlayAt = this.clock.now();
    this.cancelTimer();
    this.idle = true;
    this.wake();
  }

  /** The source has audio again after a gap: resume pacing (no-op while already pacing). */
  wake(): void {
    if (this.stopped || !this.idle || !this.source) return;
    this.idle = false;
    this.pump();
  }

  /** Stops for good: nothing more is sent. */
  stop(): void {
    this.stopped = true;
    this.source = undefined;
    this.cancelTimer();
  }

  /** When the audio sent so far will have finished playing (our clock). */
  get playedOutAt(): number {
    return this.nextPlayAt;
  }

  private readonly pump = (): void => {
    this.timer = undefined;
    if (this.stopped || !this.source) return;
    const now = this.clock.now();
    // Frames held up on their way (the sender's or our own event loop stalled: a late timer, a late
    // burst from NATS) go out now, as far as real time since the clock started allows: otherwise
    // every stall would add its length to the caller's delay for the rest of the call. After a
    // silence too long to make up, the clock restarts at now (the carrier played silence meanwhile).
    if (this.nextPlayAt < now - MAX_CATCH_UP_MS) this.nextPlayAt = now;
    while (this.nextPlayAt <= now + this.leadMs) {
      const frame = this.source.next();
      if (!frame) {
        this.idle = true;
        return;
      }
      this.send(frame, this.nextPlayAt);
      this.nextPlayAt += FRAME_MS;
    }
    this.timer = this.clock.setTimer(this.pump, Math.max(1, this.nextPlayAt - this.leadMs - now));
  };

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }
}
