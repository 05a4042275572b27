/** Twilio Media Streams send (and the call path works in) 20 ms frames. */
export const FRAME_MS = 20;

/** Samples in one frame at a rate: 160 at 8 kHz, 320 at 16 kHz for 20 ms. */
export function samplesPerFrame(sampleRateHz: number, frameMs = FRAME_MS): number {
  const samples = (sampleRateHz * frameMs) / 1000;
  if (!Number.isInteger(samples) || samples <= 0) {
    throw new RangeError(`${frameMs} ms at ${sampleRateHz} Hz is not a whole number of samples`);
  }
  return samples;
}

type SampleArray = Int16Array | Uint8Array;

/**
 * Cuts a stream of arbitrarily sized chunks into frames of exactly `frameLength` samples (and
 * accumulates small chunks into whole frames): the simulator cuts a WAV file into 160-byte µ-law
 * media frames, the recogniser gathers 20 ms frames into the chunk size its engine wants. Frames
 * are fresh arrays the caller may keep; what does not fill a frame waits for the next `push`.
 */
export class FrameSplitter<T extends SampleArray> {
  private current: T;
  private filled = 0;

  /** @param create allocates one frame, e.g. `(n) => new Uint8Array(n)`. */
  constructor(
    readonly frameLength: number,
    private readonly create: (length: number) => T,
  ) {
    if (!Number.isInteger(frameLength) || frameLength <= 0) throw new RangeError(`frame length must be a positive integer, got ${frameLength}`);
    this.current = create(frameLength);
  }

  /** 20 ms frames of 8 kHz µ-law (160 bytes), as Twilio's media messages carry them. */
  static mulaw8k(): FrameSplitter<Uint8Array> {
    return new FrameSplitter(samplesPerFrame(8000), (length) => new Uint8Array(length));
  }

  /** 20 ms (or `frameMs`) frames of 16-bit PCM at `sampleRateHz`. */
  static pcm16(sampleRateHz: number, frameMs = FRAME_MS): FrameSplitter<Int16Array> {
    return new FrameSplitter(samplesPerFrame(sampleRateHz, frameMs), (length) => new Int16Array(length));
  }

  /** Samples waiting for a full frame. */
  get pendingLength(): number {
    return this.filled;
  }

  /** Adds a chunk; returns the frames it completed (possibly none), in order. */
  push(chunk: T): T[] {
    const frames: T[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.frameLength - this.filled, chunk.length - offset);
      this.current.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frameLength) {
        frames.push(this.current);
        this.current = this.create(this.frameLength);
        this.filled = 0;
      }
    }
    return frames;
  }

  /**
   * Ends the stream: the partial frame, filled up to a whole frame with `padValue` (µ-law silence
   * is 0xFF, PCM silence 0), or undefined when nothing is pending. The splitter is empty after.
   */
  flush(padValue: number): T | undefined {
    if (this.filled === 0) return undefined;
    const last = this.current;
    last.fill(padValue, this.filled);
    this.current = this.create(this.frameLength);
    this.filled = 0;
    return last;
  }
}
