import { encodeMulaw } from '@callcart/audio';
import { toFrames } from '../playout/frame-sources';
import type { WaitingPrompts } from '../prompts/prompt-files';

/**
 * What a caller hears while no agent is on the line (before the first `connect`, and on hold),
 * as 20 ms frames of 8 kHz µ-law. The Twilio path's recorded prompts can stand behind this
 * interface; {@link PromptWaitingAudio} plays them, {@link WaitingTone} is a prompt-free tone.
 */
export interface WaitingAudio {
  /** The frame to play `index` frames (20 ms each) after the waiting began. */
  frame(index: number): Uint8Array;
  /** The index a caller put on hold starts from (past the greeting: it is heard once, at the start). */
  readonly holdStart: number;
}

/**
 * The project's prompts (`apps/call-ingest/assets/prompts`, the Twilio path's too): the greeting
 * once, then the waiting loop.
 */
export class PromptWaitingAudio implements WaitingAudio {
  private readonly greeting: Uint8Array[];
  private readonly loop: Uint8Array[];

  constructor(prompts: WaitingPrompts) {
    this.greeting = toFrames(prompts.greeting);
    this.loop = toFrames(prompts.waiting);
    if (this.loop.length === 0) throw new Error('call-ingest: the waiting prompt is empty');
  }

  get holdStart(): number {
    return this.greeting.length;
  }

  frame(index: number): Uint8Array {
    if (index < this.greeting.length) return this.greeting[index];
    return this.loop[(index - this.greeting.length) % this.loop.length];
  }
}

/** Injection token for the waiting audio. */
export const WAITING_AUDIO = Symbol('WAITING_AUDIO');

/**
 * A soft waiting tone: 400 Hz + 450 Hz (the ring-back pair used in the UK and much of Asia) in a
 * 0.4 s on, 0.2 s off, 0.4 s on, 2 s off cadence, at -20 dBFS. Computed once (3 s, 150 frames).
 */
export class WaitingTone implements WaitingAudio {
  private readonly frames: Uint8Array[];
  readonly holdStart = 0;

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
