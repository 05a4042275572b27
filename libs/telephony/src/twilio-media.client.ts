import { randomBytes } from 'node:crypto';
import WebSocket, { type RawData } from 'ws';
import { decodeMulaw } from '@callcart/audio';

/** A Twilio-style id: two letters and 32 hex digits (`CA…` calls, `MZ…` streams, `AC…` accounts). */
export function twilioSid(prefix: 'CA' | 'MZ' | 'AC'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** How the server closed the socket. */
export interface MediaSocketClose {
  readonly code: number;
  readonly reason: string;
}

/** What call-ingest sent back on the bidirectional stream, in order, with when it arrived (performance.now()). */
export type StreamMessageFromServer =
  | { readonly event: 'media'; readonly payload: Uint8Array; readonly at: number }
  | { readonly event: 'mark'; readonly name: string; readonly at: number }
  | { readonly event: 'clear'; readonly at: number };

export interface MediaClientOptions {
  /** Extra headers on the WebSocket upgrade (a Twilio signature). */
  readonly headers?: Record<string, string>;
  /** Echo `mark`s once the audio before them has played, as Twilio does (default true). */
  readonly answerMarks?: boolean;
}

/** Twilio plays what it is sent at 20 ms a frame. */
const FRAME_MS = 20;

/**
 * The caller's side of a Twilio media stream, speaking the protocol as Twilio does: `connected`,
 * `start` with the custom parameters, `media` frames of 20 ms µ-law with sequence numbers, chunk
 * numbers and timestamps as strings, `dtmf`, `stop`. Sequence numbers count every message after
 * `connected`, so a DTMF between two frames leaves no gap. Used by the call simulator, the ingest
 * benchmark and the protocol tests.
 *
 * It also receives what a bidirectional stream sends back, as Twilio's side would: `media` (kept
 * in order: {@link received} is the audio as PCM, {@link onMedia} sees each frame as it arrives),
 * `mark` (echoed back once the audio sent before it has played, on a 20 ms-a-frame playout clock)
 * and `clear` (the playout buffer is dropped and its pending marks are echoed at once).
 */
export class TwilioMediaClient {
  readonly callSid = twilioSid('CA');
  readonly streamSid = twilioSid('MZ');
  private readonly accountSid = twilioSid('AC');
  private sequence = 0;
  private chunk = 0;
  /** Resolves when the socket has closed, with the server's code and reason. */
  readonly closed: Promise<MediaSocketClose>;
  private readonly fromServer: StreamMessageFromServer[] = [];
  private readonly mediaListeners: ((frame: Uint8Array) => void)[] = [];
  /** When the audio received so far will have played (performance.now() ms). */
  private playedOutAt = 0;
  private readonly pendingMarks = new Map<NodeJS.Timeout, string>();
  private readonly problems: string[] = [];

  private constructor(
    private readonly ws: WebSocket,
    private readonly answerMarks: boolean,
  ) {
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        for (const timer of this.pendingMarks.keys()) clearTimeout(timer);
        this.pendingMarks.clear();
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
    ws.on('message', (data, isBinary) => this.fromCallIngest(data, isBinary));
  }

  /** Opens the media WebSocket (rejects when the server refuses the upgrade or is unreachable). */
  static async connect(url: string, options: MediaClientOptions = {}): Promise<TwilioMediaClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false, headers: options.headers });
    const client = new TwilioMediaClient(ws, options.answerMarks ?? true);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (request, response) => {
        request.destroy();
        reject(new Error(`media socket refused: HTTP ${response.statusCode}`));
      });
    });
    ws.on('error', () => undefined); // a later error is followed by 'close', which `closed` reports
    return client;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Bytes queued in the socket but not yet written (for pacing a fast sender). */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** Milliseconds of audio sent so far (the next frame's timestamp). */
  get audioMs(): number {
    return this.chunk * 20;
  }

  sendConnected(): void {
    this.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
  }

  /** `start` with the stream's custom parameters (from, to, and whatever the TwiML passed). */
  sendStart(parameters: { from: string; to: string } & Record<string, string>): void {
    this.send({
      event: 'start',
      sequenceNumber: this.nextSequence(),
      start: {
        accountSid: this.accountSid,
        streamSid: this.streamSid,
        callSid: this.callSid,
        tracks: ['inbound'],
        customParameters: parameters,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
      streamSid: this.streamSid,
    });
  }

  /** One 20 ms frame of µ-law (160 bytes). */
  sendMedia(frame: Uint8Array): void {
    const timestamp = this.chunk * 20;
    this.chunk += 1;
    this.send({
      event: 'media',
      sequenceNumber: this.nextSequence(),
      media: { track: 'inbound', chunk: String(this.chunk), timestamp: String(timestamp), payload: Buffer.from(frame).toString('base64') },
      streamSid: this.streamSid,
    });
  }

  sendDtmf(digit: string): void {
    this.send({ event: 'dtmf', streamSid: this.streamSid, sequenceNumber: this.nextSequence(), dtmf: { track: 'inbound_track', digit } });
  }

  sendMark(name: string): void {
    this.send({ event: 'mark', streamSid: this.streamSid, sequenceNumber: this.nextSequence(), mark: { name } });
  }

  sendStop(): void {
    this.send({ event: 'stop', sequenceNumber: this.nextSequence(), stop: { accountSid: this.accountSid, callSid: this.callSid }, streamSid: this.streamSid });
  }

  /** Sends anything (the protocol tests send broken messages through this). */
  sendRaw(data: string | Uint8Array, options: { binary?: boolean } = {}): void {
    this.ws.send(data, { binary: options.binary ?? typeof data !== 'string' });
  }

  /** Skips sequence numbers, as if the provider lost messages. */
  skipSequence(count: number): void {
    this.sequence += count;
  }

  /** Closes the socket (normal closure) and waits until it is closed. */
  async close(): Promise<MediaSocketClose> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000, 'caller hung up');
    return this.closed;
  }

  /** Everything call-ingest sent back, in arrival order. */
  get messagesFromServer(): readonly StreamMessageFromServer[] {
    return this.fromServer;
  }

  /** The µ-law frames received in `media` messages, in order. */
  receivedFrames(): Uint8Array[] {
    return this.fromServer.flatMap((message) => (message.event === 'media' ? [message.payload] : []));
  }

  /** What call-ingest sent the caller to hear: every `media` payload in order, as 8 kHz 16-bit PCM. */
  received(): Int16Array {
    const frames = this.receivedFrames();
    const mulaw = new Uint8Array(frames.reduce((sum, frame) => sum + frame.length, 0));
    let offset = 0;
    for (const frame of frames) {
      mulaw.set(frame, offset);
      offset += frame.length;
    }
    return decodeMulaw(mulaw);
  }

  /** Calls `listener` with each µ-law frame call-ingest sends, as it arrives. */
  onMedia(listener: (frame: Uint8Array) => void): void {
    this.mediaListeners.push(listener);
  }

  /** Messages from call-ingest that Twilio would reject (wrong streamSid, unknown event, bad JSON). */
  get protocolProblems(): readonly string[] {
    return this.problems;
  }

  private fromCallIngest(data: RawData, isBinary: boolean): void {
    const at = performance.now();
    if (isBinary) return void this.problems.push('binary message');
    let message: { event?: unknown; streamSid?: unknown; media?: { payload?: unknown }; mark?: { name?: unknown } };
    try {
      message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data)) as typeof message;
    } catch {
      return void this.problems.push('malformed JSON');
    }
    if (message.streamSid !== this.streamSid) return void this.problems.push(`${String(message.event)} for stream ${String(message.streamSid)}`);
    if (message.event === 'media' && typeof message.media?.payload === 'string') {
      const payload = new Uint8Array(Buffer.from(message.media.payload, 'base64'));
      this.fromServer.push({ event: 'media', payload, at });
      this.playedOutAt = Math.max(at, this.playedOutAt) + (payload.length / 160) * FRAME_MS;
      for (const listener of this.mediaListeners) listener(payload);
    } else if (message.event === 'mark' && typeof message.mark?.name === 'string') {
      const name = message.mark.name;
      this.fromServer.push({ event: 'mark', name, at });
      if (this.answerMarks) this.echoMarkAt(name, this.playedOutAt - at);
    } else if (message.event === 'clear') {
      this.fromServer.push({ event: 'clear', at });
      this.playedOutAt = at;
      // Twilio echoes the marks whose audio the clear threw away at once.
      for (const [timer, name] of this.pendingMarks) {
        clearTimeout(timer);
        this.sendMarkEcho(name);
      }
      this.pendingMarks.clear();
    } else {
      this.problems.push(`unexpected ${String(message.event)} message`);
    }
  }

  private echoMarkAt(name: string, delayMs: number): void {
    if (delayMs <= 0) return this.sendMarkEcho(name);
    const timer = setTimeout(() => {
      this.pendingMarks.delete(timer);
      this.sendMarkEcho(name);
    }, delayMs);
    this.pendingMarks.set(timer, name);
  }

  private sendMarkEcho(name: string): void {
    if (this.isOpen) this.sendMark(name);
  }

  private nextSequence(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  private send(message: object): void {
    this.ws.send(JSON.stringify(message));
  }
}
