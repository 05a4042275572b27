import { SAMPLES_PER_FRAME } from './telephone-frame';

/**
 * Cuts a stream of 8 kHz µ-law bytes into 20 ms frames (160 bytes): the browser's packets may
 * hold 10, 20 or 30 ms and a lost one is filled with any length of silence, but the caller's
 * carrier and the recogniser take 20 ms frames. A frame goes out as soon as it is full.
 */
export class MulawFramer {
  private readonly pending = new Uint8Array(SAMPLES_PER_FRAME);
  private filled = 0;

  constructor(private readonly emit: (frame: Uint8Array) => void) {}

  write(audio: Uint8Array): void {
    let offset = 0;
    while (offset < audio.byteLength) {
      const take = Math.min(SAMPLES_PER_FRAME - this.filled, audio.byteLength - offset);
      this.pending.set(audio.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === SAMPLES_PER_FRAME) {
        this.emit(this.pending.slice());
        this.filled = 0;
      }
    }
  }
}
