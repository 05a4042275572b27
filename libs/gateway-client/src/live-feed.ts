import WebSocket from 'ws';

/** One frame of `/api/live` (docs/agent-events.md), with when this process received it. */
export interface LiveMessage {
  readonly type: string;
  readonly callId?: string;
  readonly data: Record<string, unknown>;
  /** `performance.now()` at arrival, for latency measurements. */
  readonly receivedAt: number;
}

type Waiter = { readonly accepts: (message: LiveMessage) => boolean; readonly resolve: (message: LiveMessage) => void };

/**
 * The server → client live socket of a signed-in session. Every frame is kept in arrival order;
 * `next` waits for the first frame (already received or still to come) that matches and has not
 * been taken by an earlier `next`, so a caller never misses a frame that arrived before it asked.
 */
export class LiveFeed {
  readonly messages: LiveMessage[] = [];
  private readonly taken = new Set<LiveMessage>();
  private waiters: Waiter[] = [];
  /** Resolves when the socket closes, with the server's code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      let parsed: { type?: unknown; callId?: unknown; data?: unknown };
      try {
        parsed = JSON.parse(raw.toString('utf8')) as typeof parsed;
      } catch {
        return; // not a frame of the protocol
      }
      if (typeof parsed.type !== 'string') return;
      const message: LiveMessage = {
        type: parsed.type,
        ...(typeof parsed.callId === 'string' ? { callId: parsed.callId } : {}),
        data: (parsed.data ?? {}) as Record<string, unknown>,
        receivedAt: performance.now(),
      };
      this.messages.push(message);
      const waiter = this.waiters.find((candidate) => candidate.accepts(message));
      if (waiter) {
        this.taken.add(message);
        this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
        waiter.resolve(message);
      }
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
  }

  /** Opens `/api/live` with the session cookie; rejects with the HTTP status when the upgrade is refused. */
  static async open(url: string, cookie: string): Promise<LiveFeed> {
    const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
    const feed = new LiveFeed(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (request, response) => {
        request.destroy();
        reject(new Error(`live socket refused: HTTP ${response.statusCode}`));
      });
    });
    ws.on('error', () => undefined); // `closed` reports what follows an error
    return feed;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** The first frame of `type` (and matching `where`) not yet taken; rejects after `timeoutMs`. */
  next(type: string, where: (message: LiveMessage) => boolean = () => true, timeoutMs = 10_000): Promise<LiveMessage> {
    const accepts = (message: LiveMessage) => message.type === type && !this.taken.has(message) && where(message);
    const already = this.messages.find(accepts);
    if (already) {
      this.taken.add(already);
      return Promise.resolve(already);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        accepts,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
        const seen = this.messages.map((message) => message.type).join(', ') || 'nothing';
        reject(new Error(`no live "${type}" frame within ${timeoutMs} ms (received: ${seen})`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Closes the socket and waits until it is closed. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000, 'done');
    await this.closed;
  }
}
