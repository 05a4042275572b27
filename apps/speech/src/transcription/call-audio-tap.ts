import { alawToMulaw } from '@callcart/audio';
import { audioFrameV1 } from '@callcart/contracts';
import type { Listening, MessageBus } from '@callcart/messaging';
import { CallAudioBuffer } from './call-audio-buffer';

/** A call nobody here claims within this long stops being buffered (its claim went to a worker we did not hear of). */
const UNCLAIMED_CALL_MS = 30_000;

/**
 * The caller audio of every call, heard by this worker from the call's first frame (decision
 * 0046). One subscription to all calls' frames exists before any call starts, so no frame is
 * lost while a call's start is consumed and claimed — which takes seconds when many calls start
 * at once on a busy machine. Frames of a call nobody has claimed yet wait in a bounded
 * {@link CallAudioBuffer}; the worker that claims the call {@link take}s that buffer, frames of a
 * call another worker holds are dropped at once.
 */
export class CallAudioTap {
  /** Calls this worker recognises, and calls not claimed yet that it may win. */
  private readonly buffers = new Map<string, { frames: CallAudioBuffer; mine: boolean; heardAt: number }>();
  /** Calls held by other workers (until they end): their frames are not kept. */
  private readonly elsewhere = new Set<string>();
  private listening: Listening | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly onFramesDropped: (count: number) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    // A SIP trunk's A-law (PCMA) arrives as sent; the recognisers read µ-law.
    const mulaw = (encoding: string, body: Uint8Array) => (encoding === 'alaw' ? alawToMulaw(body) : body);
    this.listening = await this.bus.subscribeBinary(audioFrameV1, (header, body) => this.heard(header.callId, header.timestampMs, mulaw(header.encoding, body)), {
      acceptCall: (callId) => !this.elsewhere.has(callId),
    });
    this.sweeper = setInterval(() => this.forgetUnclaimed(), 5000);
    this.sweeper.unref();
  }

  /** This worker recognises the call from now on: its audio so far, and every later frame. */
  take(callId: string): CallAudioBuffer {
    this.elsewhere.delete(callId);
    const known = this.buffers.get(callId);
    if (known) {
      known.mine = true;
      return known.frames;
    }
    const frames = new CallAudioBuffer();
    this.buffers.set(callId, { frames, mine: true, heardAt: Date.now() });
    return frames;
  }

  /** Another worker holds the call: drop what was kept and ignore its frames. */
  heldElsewhere(callId: string): void {
    if (this.buffers.get(callId)?.mine) return;
    this.buffers.delete(callId);
    this.elsewhere.add(callId);
    // Bounded should call ends be missed: the oldest entries go first.
    if (this.elsewhere.size > 10_000) this.elsewhere.delete(this.elsewhere.values().next().value as string);
  }

  /** The call ended, or this worker stopped recognising it. */
  forget(callId: string): void {
    this.buffers.delete(callId);
    this.elsewhere.delete(callId);
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.listening?.stop();
    this.buffers.clear();
    this.elsewhere.clear();
  }

  private heard(callId: string, timestampMs: number, body: Uint8Array): void {
    if (this.elsewhere.has(callId)) return;
    let entry = this.buffers.get(callId);
    if (!entry) {
      entry = { frames: new CallAudioBuffer(), mine: false, heardAt: Date.now() };
      this.buffers.set(callId, entry);
    }
    entry.heardAt = Date.now();
    const dropped = entry.frames.dropped;
    entry.frames.write(timestampMs, body);
    if (entry.mine && entry.frames.dropped > dropped) this.onFramesDropped(entry.frames.dropped - dropped);
  }

  /** Drops calls never claimed here whose first frame is old: someone else has them, or nobody will. */
  private forgetUnclaimed(): void {
    const oldest = Date.now() - UNCLAIMED_CALL_MS;
    for (const [callId, entry] of this.buffers) {
      if (!entry.mine && entry.frames.firstHeardAt < oldest) this.buffers.delete(callId);
    }
  }

  /** When the call's last frame arrived here, for giving up calls whose end was missed. */
  lastFrameAt(callId: string): number | undefined {
    return this.buffers.get(callId)?.heardAt;
  }
}
