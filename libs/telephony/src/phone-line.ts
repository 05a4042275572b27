import { silentFrames, spokenFrames } from './caller-audio';
import { type MediaSocketClose, type StreamMessageFromServer, TwilioMediaClient } from './twilio-media.client';

const FRAME_MS = 20;
const SILENCE = silentFrames(1)[0];
/** Silence after each keypad press: 240 ms, a person's rhythm on a phone keypad. */
const FRAMES_AFTER_KEY = 12;
/** Silence after a spoken sentence: the recogniser cuts an utterance at a pause (~0.3 s). */
const FRAMES_AFTER_SENTENCE = 40;

type LineItem = Uint8Array | { readonly digit: string };

/** Something put on the line, on the call's audio clock (ms since the first frame). */
export interface LineSegment {
  readonly startMs: number;
  readonly endMs: number;
  /** Resolves once its last frame has gone out; rejects if call-ingest closed the line first. */
  readonly sent: Promise<void>;
}

/** A sentence the caller said, with where it falls on the call's clock. */
export interface SpokenSentence {
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
}

interface Waiter {
  readonly afterMs: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export interface DialOptions {
  readonly from: string;
  readonly to: string;
  /** Audio milliseconds per wall millisecond: 1 is a real line (what recognisers expect). */
  readonly pace?: number;
  /** Extra headers on the WebSocket upgrade (a Twilio signature). */
  readonly headers?: Record<string, string>;
  /** Echo call-ingest's `mark`s once played, as Twilio does (default true). */
  readonly answerMarks?: boolean;
}

/**
 * The caller's end of a phone call as the phone network delivers it to call-ingest: from `start`
 * to hang-up a 20 ms µ-law frame goes out every 20 ms of wall time, silence when the caller says
 * nothing (recognisers cut utterances at those pauses; speech gives up on a call whose audio
 * stops). What the caller says and the keys they press are queued in order. Used by the demo
 * call and the end-to-end suites.
 */
export class PhoneLine {
  private readonly queue: LineItem[] = [];
  private waiters: Waiter[] = [];
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private hungUp = false;

  private constructor(
    private readonly client: TwilioMediaClient,
    private readonly pace: number,
  ) {}

  /** Opens the media stream, announces the call (`connected`, `start` with the numbers) and starts the audio clock. */
  static async dial(mediaUrl: string, options: DialOptions): Promise<PhoneLine> {
    if (options.pace !== undefined && !(options.pace > 0)) throw new Error(`pace must be above 0, not ${options.pace}`);
    const line = new PhoneLine(await TwilioMediaClient.connect(mediaUrl, { headers: options.headers, answerMarks: options.answerMarks }), options.pace ?? 1);
    line.client.sendConnected();
    line.client.sendStart({ from: options.from, to: options.to });
    line.startedAt = performance.now();
    line.timer = setInterval(() => line.pump(), FRAME_MS);
    void line.client.closed.then(() => line.stop());
    return line;
  }

  /** The call id call-ingest uses (Twilio's call SID). */
  get callId(): string {
    return this.client.callSid;
  }

  /** Milliseconds of audio sent: the call's clock, which transcript times are on. */
  get audioMs(): number {
    return this.client.audioMs;
  }

  /** True from dialling until the caller hangs up or call-ingest closes the line. */
  get isUp(): boolean {
    return this.client.isOpen && this.timer !== undefined;
  }

  /** What callcart sent the caller to hear (greeting, waiting audio, the agent): 8 kHz 16-bit PCM, in order. */
  received(): Int16Array {
    return this.client.received();
  }

  /** The µ-law frames callcart sent the caller, in order. */
  receivedFrames(): Uint8Array[] {
    return this.client.receivedFrames();
  }

  /** Calls `listener` with each µ-law frame callcart sends the caller, as it arrives. */
  onMedia(listener: (frame: Uint8Array) => void): void {
    this.client.onMedia(listener);
  }

  /** Everything callcart sent back on the stream (`media`, `mark`, `clear`), in order. */
  get messagesFromServer(): readonly StreamMessageFromServer[] {
    return this.client.messagesFromServer;
  }

  /** Queues frames after whatever is still queued; returns where they fall on the call's clock. */
  queueFrames(frames: readonly Uint8Array[]): LineSegment {
    return this.enqueue(frames);
  }

  /** Speaks the frames; resolves once the last one has gone out. */
  async say(frames: readonly Uint8Array[]): Promise<LineSegment> {
    const segment = this.enqueue(frames);
    await segment.sent;
    return segment;
  }

  /** Queues a sentence spoken by espeak-ng and a pause; resolves as soon as it is queued. */
  async startSaying(text: string, voice = 'en-us'): Promise<SpokenSentence & { readonly spoken: Promise<void> }> {
    const frames = await spokenFrames(text, voice);
    const speech = this.enqueue([...frames, ...silentFrames(FRAMES_AFTER_SENTENCE)]);
    return { text, startMs: speech.startMs, endMs: speech.startMs + frames.length * FRAME_MS, spoken: speech.sent };
  }

  /** Says a sentence (espeak-ng) and a pause; resolves once all of it went down the line. */
  async sayText(text: string, voice = 'en-us'): Promise<SpokenSentence> {
    const { spoken, ...sentence } = await this.startSaying(text, voice);
    await spoken;
    return sentence;
  }

  /** Presses the keys one by one with a short silence after each; resolves once all went out. */
  async press(keys: string): Promise<void> {
    await this.enqueue([...keys].flatMap((digit): LineItem[] => [{ digit }, ...silentFrames(FRAMES_AFTER_KEY)])).sent;
  }

  /** Hangs up as Twilio does (`stop`, then call-ingest closes the socket; we close it if it has not within 2 s). */
  async hangUp(): Promise<MediaSocketClose> {
    this.hungUp = true;
    this.stop();
    if (this.client.isOpen) this.client.sendStop();
    const fallback = setTimeout(() => void this.client.close(), 2000);
    const close = await this.client.closed;
    clearTimeout(fallback);
    return close;
  }

  private enqueue(items: readonly LineItem[]): LineSegment {
    const audioItems = (list: readonly LineItem[]) => list.filter((item) => item instanceof Uint8Array).length;
    const startMs = this.client.audioMs + audioItems(this.queue) * FRAME_MS;
    this.queue.push(...items);
    const endMs = startMs + audioItems(items) * FRAME_MS;
    return { startMs, endMs, sent: this.audioReaches(endMs) };
  }

  private audioReaches(ms: number): Promise<void> {
    if (this.client.audioMs >= ms) return Promise.resolve();
    if (!this.isUp) return this.hungUp ? Promise.resolve() : Promise.reject(this.lineClosed());
    return new Promise((resolve, reject) => this.waiters.push({ afterMs: ms, resolve, reject }));
  }

  /** Sends every frame due by the wall clock (a late timer sends the overdue ones at once). */
  private pump(): void {
    const dueMs = (performance.now() - this.startedAt) * this.pace;
    while (this.client.isOpen && this.client.audioMs <= dueMs) {
      const item = this.queue.shift() ?? SILENCE;
      if (item instanceof Uint8Array) this.client.sendMedia(item);
      else this.client.sendDtmf(item.digit);
    }
    const done = this.waiters.filter((waiter) => this.client.audioMs >= waiter.afterMs);
    this.waiters = this.waiters.filter((waiter) => !done.includes(waiter));
    done.forEach((waiter) => waiter.resolve());
  }

  /** Stops the clock; what was still to be said is cut short (fine when hanging up, a failure otherwise). */
  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const error = this.hungUp ? undefined : this.lineClosed();
    for (const waiter of this.waiters.splice(0)) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  private lineClosed(): Error {
    return new Error(`call ${this.callId}: call-ingest closed the line at ${this.client.audioMs} ms of audio`);
  }
}
