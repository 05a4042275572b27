/** The 20 ms of one G.711 frame. */
export const FRAME_INTERVAL_MS = 20;

/** Ticks missed (a busy event loop) that are still caught up; beyond, the clock skips ahead. */
const MAX_CATCH_UP_TICKS = 10;

/** Something paced by the media clock: sends one frame per tick. */
export interface PacedStream {
  tick(now: number): void;
}

/**
 * One 20 ms clock for every call's outgoing RTP: a timer per call would be 50 wake-ups a second
 * each; one timer walks all calls. Ticks are counted from the start, so a late timer is caught up
 * (packets keep their average rate) rather than drifting.
 */
export class MediaClock {
  /** @param failed told when a stream's tick throws (the stream stays; the clock goes on). */
  constructor(private readonly failed: (stream: PacedStream, error: unknown) => void = () => undefined) {}

  private readonly streams = new Set<PacedStream>();
  private timer: NodeJS.Timeout | undefined;
  private nextTickAt = 0;

  add(stream: PacedStream): void {
    this.streams.add(stream);
    if (!this.timer) {
      this.nextTickAt = Date.now() + FRAME_INTERVAL_MS;
      this.schedule();
    }
  }

  remove(stream: PacedStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /**
   * A repeating 20 ms interval, not a timeout re-armed with the time left: measured here, a
   * re-armed short timeout starved for up to a second while 50 calls' RTP kept the event loop's
   * I/O phase busy; the interval kept time. Late ticks are caught up in {@link fire}.
   */
  private schedule(): void {
    this.timer = setInterval(() => this.fire(), FRAME_INTERVAL_MS);
  }

  private fire(): void {
    const now = Date.now();
    let due = Math.floor((now - this.nextTickAt) / FRAME_INTERVAL_MS) + 1;
    if (due > MAX_CATCH_UP_TICKS) {
      this.nextTickAt += (due - 1) * FRAME_INTERVAL_MS;
      due = 1;
    }
    for (let i = 0; i < due; i += 1) {
      for (const stream of this.streams) {
        try {
          stream.tick(now);
        } catch (error) {
          // One call's failure must not stop every other call's audio.
          this.failed(stream, error);
        }
      }
      this.nextTickAt += FRAME_INTERVAL_MS;
    }
  }
}
