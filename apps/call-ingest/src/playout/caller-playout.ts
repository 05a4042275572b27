import { decodeAlaw, encodeMulaw } from '@callcart/audio';
import type { AudioFrameMetaV1 } from '@callcart/contracts';
import type { IngestMetrics } from '../media/ingest.metrics';
import { FRAME_BYTES, FrameQueue, toFrames, WaitingAudio } from './frame-sources';
import { FRAME_MS, PlayoutPacer, REAL_CLOCK, type PacerClock } from './playout-pacer';

/**
 * Agent frames held for playout at most: one second, as much as the pacer makes up after a stall
 * (MAX_CATCH_UP_MS); beyond it the oldest go, counted, so the caller never hears the agent later.
 */
const QUEUE_CAPACITY_FRAMES = 50;
/** A `mark` after every 25 frames (0.5 s) of audio: often enough to follow playout, few messages. */
const MARK_EVERY_FRAMES = 25;
/** Marks awaiting their echo at most (a carrier that never echoes must not grow this). */
const MAX_OUTSTANDING_MARKS = 64;
/** Above this many bytes unsent on the socket the carrier is not reading: frames are dropped. */
const MAX_SOCKET_BACKLOG_BYTES = 64 * 1024;

/** What the caller hears now. */
export type PlayoutMode = 'waiting' | 'connected' | 'ended';

export interface CallerPlayoutDeps {
  readonly streamSid: string;
  /** Sends one text message on the media socket. */
  readonly sendText: (text: string) => void;
  /** Bytes queued on the socket but not yet written. */
  readonly socketBacklog: () => number;
  readonly metrics: IngestMetrics;
  /** The greeting (once, at the call's start) and the waiting loop, 8 kHz µ-law. */
  readonly prompts: { readonly greeting: Uint8Array; readonly waiting: Uint8Array };
  readonly clock?: PacerClock;
}

/**
 * The audio going back to the caller on a Twilio bidirectional stream: the greeting and waiting
 * loop until an agent is connected, the agent's frames while connected, the waiting loop again on
 * hold. Everything goes out paced at 20 ms a frame ({@link PlayoutPacer}) as `media` messages; a
 * `clear` at every switch drops what the carrier still buffered of the other audio; `mark`s
 * follow playout (the carrier echoes each once the audio before it has played) and give the
 * playout lag. Nothing here touches the caller's inbound audio.
 */
export class CallerPlayout {
  private mode: PlayoutMode = 'waiting';
  private readonly pacer: PlayoutPacer;
  private readonly agentFrames: FrameQueue;
  private readonly waitingFrames: Uint8Array[];
  private readonly clock: PacerClock;
  private sourceLabel: 'agent' | 'prompt' = 'prompt';
  private framesSinceMark = 0;
  /** Changes at every `clear`: echoes of marks sent before it are not playout. */
  private epoch = 0;
  private markNumber = 0;
  /** Mark name → when the audio before it is due to have played (our clock). */
  private readonly outstandingMarks = new Map<string, number>();

  constructor(private readonly deps: CallerPlayoutDeps) {
    this.clock = deps.clock ?? REAL_CLOCK;
    this.pacer = new PlayoutPacer((frame, playAt) => this.sendFrame(frame, playAt), this.clock);
    this.agentFrames = new FrameQueue(QUEUE_CAPACITY_FRAMES, (count) => deps.metrics.outboundFramesDropped.inc({ reason: 'queue-full' }, count));
    this.waitingFrames = toFrames(deps.prompts.waiting);
    this.pacer.play(new WaitingAudio(toFrames(deps.prompts.greeting), this.waitingFrames));
  }

  get currentMode(): PlayoutMode {
    return this.mode;
  }

  /** `connect`: the caller hears the agent from now on (repeating it changes nothing). */
  connect(): void {
    if (this.mode !== 'waiting') return;
    this.mode = 'connected';
    this.switchTo('agent');
  }

  /** `hold`: the caller hears the waiting loop (not the greeting again) until the next `connect`. */
  hold(): void {
    if (this.mode !== 'connected') return;
    this.mode = 'waiting';
    this.switchTo('prompt');
  }

  /** One frame of the agent's voice; sent only while connected. */
  agentFrame(meta: AudioFrameMetaV1, body: Uint8Array): void {
    if (this.mode !== 'connected') {
      if (this.mode === 'waiting') this.deps.metrics.outboundFramesDropped.inc({ reason: 'not-connected' });
      return;
    }
    const mulaw = toMulaw(meta, body);
    if (!mulaw || mulaw.length === 0 || mulaw.length % FRAME_BYTES !== 0) {
      this.deps.metrics.outboundFramesDropped.inc({ reason: 'unsupported' });
      return;
    }
    for (let offset = 0; offset < mulaw.length; offset += FRAME_BYTES) this.agentFrames.push(mulaw.subarray(offset, offset + FRAME_BYTES));
    this.pacer.wake();
  }

  /** The carrier echoed a mark: its audio has played. */
  markPlayed(name: string): void {
    const dueAt = this.outstandingMarks.get(name);
    if (dueAt === undefined) return;
    this.outstandingMarks.delete(name);
    this.deps.metrics.playoutLag.observe(Math.max(0, this.clock.now() - dueAt) / 1000);
  }

  /** The call is over: nothing more is sent; with `clear`, the carrier drops what it buffered. */
  end(options: { clear: boolean }): void {
    if (this.mode === 'ended') return;
    this.mode = 'ended';
    this.pacer.stop();
    const queued = this.agentFrames.clear();
    if (queued > 0) this.deps.metrics.outboundFramesDropped.inc({ reason: 'cleared' }, queued);
    if (options.clear) this.sendClear();
  }

  private switchTo(source: 'agent' | 'prompt'): void {
    this.sendClear();
    const queued = this.agentFrames.clear();
    if (queued > 0) this.deps.metrics.outboundFramesDropped.inc({ reason: 'cleared' }, queued);
    this.sourceLabel = source;
    this.pacer.play(source === 'agent' ? this.agentFrames : new WaitingAudio([], this.waitingFrames));
  }

  private sendClear(): void {
    this.epoch += 1;
    this.outstandingMarks.clear();
    this.framesSinceMark = 0;
    this.deps.sendText(JSON.stringify({ event: 'clear', streamSid: this.deps.streamSid }));
    this.deps.metrics.outboundClears.inc();
  }

  private sendFrame(frame: Uint8Array, playAt: number): void {
    if (this.deps.socketBacklog() > MAX_SOCKET_BACKLOG_BYTES) {
      this.deps.metrics.outboundFramesDropped.inc({ reason: 'socket-backlog' });
      return;
    }
    const payload = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
    this.deps.sendText(JSON.stringify({ event: 'media', streamSid: this.deps.streamSid, media: { payload } }));
    this.deps.metrics.outboundFramesSent.inc({ source: this.sourceLabel });
    this.framesSinceMark += 1;
    if (this.framesSinceMark >= MARK_EVERY_FRAMES) this.sendMark(playAt + FRAME_MS);
  }

  private sendMark(playedOutAt: number): void {
    this.framesSinceMark = 0;
    if (this.outstandingMarks.size >= MAX_OUTSTANDING_MARKS) return;
    this.markNumber += 1;
    const name = `callcart-${this.epoch}-${this.markNumber}`;
    this.outstandingMarks.set(name, playedOutAt);
    this.deps.sendText(JSON.stringify({ event: 'mark', streamSid: this.deps.streamSid, mark: { name } }));
  }
}

/** The agent's frame as µ-law (A-law converted); undefined for what a phone line cannot carry. */
function toMulaw(meta: AudioFrameMetaV1, body: Uint8Array): Uint8Array | undefined {
  if (meta.sampleRateHz !== 8000) return undefined;
  if (meta.encoding === 'mulaw') return body;
  if (meta.encoding === 'alaw') return encodeMulaw(decodeAlaw(body));
  return undefined;
}
