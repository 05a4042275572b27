import { FRAME_MS } from './telephone-frame';

/** The clock and timer a pacer runs on: the real ones in the service, a hand-driven one in tests. */
export interface PacerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PacerOptions {
  /** At most this many frames wait; beyond, the oldest leaves at once, unpaced (the delay stays bounded, nothing is lost). */
  readonly maxQueued: number;
  /** Told of each frame sent ahead of its slot from a full queue (for the service's counter). */
  readonly onUnpaced?: () => void;
}

/**
 * Sends the caller's frames to the agent one per 20 ms. Frames usually arrive on time and then
 * leave at once (no added delay); a burst (the carrier or NATS catching up) is spread over the
 * following 20 ms slots instead of reaching the browser in a clump. Slots stay on their grid
 * while frames keep coming (a frame up to one slot late does not shift it, and a timer that wakes
 * late sends every frame whose slot has passed, so a busy machine never makes the queue grow), and
 * start again from the next frame after the line went quiet. A queue longer than `maxQueued` (an
 * upstream stall released at once) sends its oldest frames straight away: the browser's jitter
 * buffer absorbs them, a stall never turns into a lasting delay, and no caller audio is dropped here.
 */
export class FramePacer {
  private readonly queue: Uint8Array[] = [];
  private nextSlotAt?: number;
  private timer?: unknown;
  private stopped = false;
  /** Frames sent ahead of their slot because the queue was full. */
  unpaced = 0;

  constructor(
    private readonly send: (frame: Uint8Array) => void,
    private readonly clock: PacerClock = realClock,
    private readonly options: PacerOptions = { maxQueued: 10 },
  ) {}

  push(frame: Uint8Array): void {
    if (this.stopped) return;
    // The grid starts again only from a frame that finds the line quiet (nothing waiting, its slot
    // long past); while frames wait, late wake-ups catch up on the slots they missed instead.
    const now = this.clock.now();
    if (this.queue.length === 0 && (this.nextSlotAt === undefined || now - this.nextSlotAt >= FRAME_MS)) this.nextSlotAt = now;
    this.queue.push(frame);
    while (this.queue.length > this.options.maxQueued) {
      this.send(this.queue.shift() as Uint8Array);
      this.unpaced += 1;
      this.options.onUnpaced?.();
    }
    if (this.timer === undefined) this.release();
  }

  /** Frames waiting for their slot. */
  get queued(): number {
    return this.queue.length;
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sends every frame whose slot has come, then waits for the next slot if frames remain. */
  private release(): void {
    this.timer = undefined;
    while (this.queue.length > 0) {
      const now = this.clock.now();
      this.nextSlotAt ??= now;
      if (this.nextSlotAt > now) {
        this.timer = this.clock.setTimeout(() => this.release(), this.nextSlotAt - now);
        return;
      }
      this.send(this.queue.shift() as Uint8Array);
      this.nextSlotAt += FRAME_MS;
    }
  }
}
