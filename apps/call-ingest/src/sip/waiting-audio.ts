import { encodeMulaw } from '@callcart/audio';

/**
 * What a caller hears while no agent is on the line (before the first `connect`, and on hold),
 * as 20 ms frames of 8 kHz µ-law. The Twilio path's recorded prompts can stand behind this
 * interface; {@link WaitingTone} is the built-in default.
 */
export interface WaitingAudio {
  /** The frame to play `index` frames (20 ms each) after the waiting began. */
  frame(index: number): Uint8Array;
}

/** Injection token for the waiting audio. */
export const WAITING_AUDIO = Symbol('WAITING_AUDIO');

/**
 * A soft waiting tone: 400 Hz + 450 Hz (the ring-back pair used in the UK and much of Asia) in a
 * 0.4 s on, 0.2 s off, 0.4 s on, 2 s off cadence, at -20 dBFS. Computed once (3 s, 150 frames).
 */
export class WaitingTone implements WaitingAudio {
  private readonly frames: Uint8Array[];

  constructor() {
    const samples = new Int16Array(3 * 8000);
    const amplitude = 32767 * 0.1 * 0.5;
    for (let i = 0; i < samples.length; i += 1) {
      const t = i / 8000;
      const on = t < 0.4 || (t >= 0.6 && t < 1.0);
      samples[i] = on ? Math.round(amplitude * (Math.sin(2 * Math.PI * 400 * t) + Math.sin(2 * Math.PI * 450 * t))) : 0;
    }
    const mulaw = encodeMulaw(samples);
    this.frames = [];
    for (let offset = 0; offset < mulaw.length; offset += 160) this.frames.push(mulaw.subarray(offset, offset + 160));
  }

  frame(index: number): Uint8Array {
    return this.frames[index % this.frames.length];
  }
}
