import { mulawToAlaw } from '@callcart/audio';
import type { WaitingAudio } from './waiting-audio';

/** Agent frames queued at most (200 ms): more means the agent's side runs ahead; the oldest go. */
const MAX_QUEUED_FRAMES = 10;

/**
 * Chooses what the caller hears, frame by frame, as `calls.control.command.v1` says: the waiting
 * audio until the first `connect` and while on hold; the agent's frames (µ-law, from the voice
 * service) when connected, with silence when none is queued. Transcodes to A-law for a PCMA call.
 */
export class CallerPlayout {
  private connected = false;
  private readonly queue: Uint8Array[] = [];
  private waitingIndex = 0;
  /** Agent frames dropped because the queue was full, or because the caller was not connected. */
  droppedAgentFrames = 0;

  constructor(private readonly waiting: WaitingAudio) {}

  connect(): void {
    this.connected = true;
  }

  hold(): void {
    this.connected = false;
    this.queue.length = 0;
    this.waitingIndex = this.waiting.holdStart;
  }

  /** One 20 ms frame of the agent's voice (8 kHz µ-law). */
  agentFrame(mulaw: Uint8Array): void {
    if (!this.connected) {
      this.droppedAgentFrames += 1;
      return;
    }
    if (this.queue.length >= MAX_QUEUED_FRAMES) {
      this.queue.shift();
      this.droppedAgentFrames += 1;
    }
    this.queue.push(mulaw);
  }

  /** The next frame to send, in the call's law. */
  next(codec: 'PCMA' | 'PCMU'): Uint8Array {
    let frame: Uint8Array;
    if (this.connected) frame = this.queue.shift() ?? SILENT_MULAW;
    else frame = this.waiting.frame(this.waitingIndex++);
    return codec === 'PCMU' ? frame : mulawToAlaw(frame);
  }
}

const SILENT_MULAW = new Uint8Array(160).fill(0xff);
