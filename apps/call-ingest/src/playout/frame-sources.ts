import type { FrameSource } from './playout-pacer';

/** One 20 ms frame of 8 kHz µ-law. */
export const FRAME_BYTES = 160;
/** µ-law silence (a zero sample). */
export const MULAW_SILENCE = 0xff;

/**
 * The agent's frames waiting for their turn, oldest first. Bounded: a sender running ahead of
 * real time for longer than `capacity` frames loses its oldest frames (counted by `onDrop`), so
 * the caller never hears the agent more than `capacity` × 20 ms late.
 */
export class FrameQueue implements FrameSource {
  private frames: Uint8Array[] = [];

  constructor(
    private readonly capacity: number,
    private readonly onDrop: (count: number) => void,
  ) {}

  push(frame: Uint8Array): void {
    this.frames.push(frame);
    if (this.frames.length > this.capacity) {
      const dropped = this.frames.length - this.capacity;
      this.frames.splice(0, dropped);
      this.onDrop(dropped);
    }
  }

  next(): Uint8Array | undefined {
    return this.frames.shift();
  }

  get length(): number {
    return this.frames.length;
  }

  /** Drops what is queued (hold, hang-up); returns how many frames that was. */
  clear(): number {
    const count = this.frames.length;
    this.frames = [];
    return count;
  }
}

/** Cuts µ-law audio into 20 ms frames; the last one is padded with silence. */
export function toFrames(mulaw: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < mulaw.length; offset += FRAME_BYTES) {
    const frame = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
    frame.set(mulaw.subarray(offset, offset + FRAME_BYTES));
    frames.push(frame);
  }
  return frames;
}

/**
 * What a waiting caller hears: an optional greeting once, then the waiting audio in a loop, for as
 * long as it is played. Never runs dry (unless both are empty).
 */
export class WaitingAudio implements FrameSource {
  private position = 0;
  private inGreeting: boolean;

  constructor(
    private readonly greeting: readonly Uint8Array[],
    private readonly loop: readonly Uint8Array[],
  ) {
    this.inGreeting = greeting.length > 0;
  }

  next(): Uint8Array | undefined {
    if (this.inGreeting) {
      const frame = this.greeting[this.position];
      this.position += 1;
      if (this.position >= this.greeting.length) {
        this.inGreeting = false;
        this.position = 0;
      }
      return frame;
    }
    if (this.loop.length === 0) return undefined;
    const frame = this.loop[this.position];
    this.position = (this.position + 1) % this.loop.length;
    return frame;
  }
}
