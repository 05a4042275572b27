import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/** A Twilio-style id: two letters and 32 hex digits (`CA…` calls, `MZ…` streams, `AC…` accounts). */
export function twilioSid(prefix: 'CA' | 'MZ' | 'AC'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** How the server closed the socket. */
export interface MediaSocketClose {
  readonly code: number;
  readonly reason: string;
}

/**
 * The caller's side of a Twilio media stream, speaking the protocol as Twilio does: `connected`,
 * `start` with the custom parameters, `media` frames of 20 ms µ-law with sequence numbers, chunk
 * numbers and timestamps as strings, `dtmf`, `stop`. Sequence numbers count every message after
 * `connected`, so a DTMF between two frames leaves no gap. Used by the call simulator, the ingest
 * benchmark and the protocol tests.
 */
export class TwilioMediaClient {
  readonly callSid = twilioSid('CA');
  readonly streamSid = twilioSid('MZ');
  private readonly accountSid = twilioSid('AC');
  private sequence = 0;
  private chunk = 0;
  /** Resolves when the socket has closed, with the server's code and reason. */
  readonly closed: Promise<MediaSocketClose>;

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
    });
  }

  /** Opens the media WebSocket (rejects when the server refuses the upgrade or is unreachable). */
  static async connect(url: string, options: { headers?: Record<string, string> } = {}): Promise<TwilioMediaClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false, headers: options.headers });
    const client = new TwilioMediaClient(ws);
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

  private nextSequence(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  private send(message: object): void {
    this.ws.send(JSON.stringify(message));
  }
}
