import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { declaredContentLength, headEnd, SipParseError } from './sip-message';

/** Where a message came from and how to answer on the same path (UDP: its source; TCP: its connection). */
export interface SipFlow {
  readonly transport: 'udp' | 'tcp';
  readonly address: string;
  readonly port: number;
  send(bytes: Buffer): void;
}

export interface SipTransportHandlers {
  /** One whole message (a datagram, or one framed from a TCP stream). */
  message(bytes: Buffer, flow: SipFlow): void;
  /** A TCP stream that cannot be framed (no or bad Content-Length, oversized): the connection is closed. */
  framingError(error: SipParseError, flow: SipFlow): void;
}

/** TCP connections at once from all peers; a trunk uses a handful. */
const MAX_TCP_CONNECTIONS = 1000;
/** A TCP connection that sends nothing for this long is closed (peers keep trunks alive with OPTIONS or CRLF). */
const TCP_IDLE_MS = 10 * 60 * 1000;

/**
 * Cuts a TCP byte stream into SIP messages by Content-Length (RFC 3261 §18.3), skipping CRLF
 * keep-alives between messages. Throws {@link SipParseError} when the stream cannot be framed.
 */
export class SipStreamFramer {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageBytes: number) {}

  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const messages: Buffer[] = [];
    for (;;) {
      let start = 0;
      while (start < this.buffered.length && (this.buffered[start] === 0x0d || this.buffered[start] === 0x0a)) start += 1;
      if (start > 0) this.buffered = this.buffered.subarray(start);
      const end = headEnd(this.buffered);
      if (end < 0) {
        if (this.buffered.length > this.maxMessageBytes) throw new SipParseError('too-large', `no end of headers within ${this.maxMessageBytes} bytes`, 413);
        return messages;
      }
      const length = declaredContentLength(this.buffered.toString('latin1', 0, end));
      if (length === undefined) throw new SipParseError('content-length', 'Content-Length is required over TCP');
      const total = end + 4 + length;
      if (total > this.maxMessageBytes) throw new SipParseError('too-large', `message of ${total} bytes exceeds ${this.maxMessageBytes}`, 413);
      if (this.buffered.length < total) return messages;
      messages.push(Buffer.from(this.buffered.subarray(0, total)));
      this.buffered = this.buffered.subarray(total);
    }
  }
}

/** SIP over UDP and TCP on one address and port. */
export class SipTransport {
  private udp: UdpSocket | undefined;
  private tcp: Server | undefined;
  private readonly connections = new Set<Socket>();

  constructor(
    private readonly handlers: SipTransportHandlers,
    private readonly maxMessageBytes: number,
  ) {}

  async listen(bind: string, port: number): Promise<{ port: number }> {
    // A larger kernel buffer rides out event-loop stalls under a burst of INVITEs (capped by net.core.rmem_max).
    const udp = createSocket({ type: 'udp4', reuseAddr: false, recvBufferSize: 4 * 1024 * 1024 });
    this.udp = udp;
    udp.on('message', (bytes, remote) => {
      this.handlers.message(bytes, { transport: 'udp', address: remote.address, port: remote.port, send: (reply) => sendUnlessClosed(udp, reply, remote.port, remote.address) });
    });
    udp.on('error', () => undefined); // ICMP unreachable and the like: the peer's problem, not ours
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, bind, () => resolve());
    });
    const boundPort = udp.address().port;
    this.tcp = createServer((socket) => this.accept(socket));
    this.tcp.maxConnections = MAX_TCP_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      this.tcp!.once('error', reject);
      this.tcp!.listen(boundPort, bind, () => resolve());
    });
    return { port: boundPort };
  }

  /** Sends a request of ours on UDP to an address (a BYE when the INVITE's TCP connection is gone falls back here). */
  sendUdp(bytes: Buffer, address: string, port: number): void {
    this.udp?.send(bytes, port, address);
  }

  private accept(socket: Socket): void {
    this.connections.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    const framer = new SipStreamFramer(this.maxMessageBytes);
    const flow: SipFlow = {
      transport: 'tcp',
      address: (socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      port: socket.remotePort ?? 0,
      send: (reply) => {
        if (!socket.destroyed) socket.write(reply);
      },
    };
    socket.on('data', (chunk) => {
      let messages: Buffer[];
      try {
        messages = framer.push(chunk);
      } catch (error) {
        if (!(error instanceof SipParseError)) throw error;
        this.handlers.framingError(error, flow);
        socket.end();
        return;
      }
      for (const message of messages) this.handlers.message(message, flow);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.connections.delete(socket));
  }

  async close(): Promise<void> {
    for (const socket of this.connections) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => (this.udp ? this.udp.close(() => resolve()) : resolve())),
      new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve())),
    ]);
  }
}

/**
 * Sends a datagram unless the socket has closed: a retransmission timer may fire after the
 * transport stopped (shutdown), and `send` on a closed socket throws from the timer.
 */
function sendUnlessClosed(udp: UdpSocket, bytes: Uint8Array, port: number, address: string): void {
  try {
    udp.send(bytes, port, address);
  } catch {
    // closed: nothing left to answer
  }
}
