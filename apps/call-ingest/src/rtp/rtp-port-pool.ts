import { createSocket, type Socket } from 'node:dgram';

/**
 * Kernel buffer per RTP socket: ~1,000 packets, 20 s of one caller's audio, so a stalled event loop
 * (GC, a busy machine) delays packets instead of losing them (Linux's default of 208 KiB is ~4 s).
 */
const RTP_RECEIVE_BUFFER_BYTES = 1024 * 1024;

/**
 * Hands out RTP ports from `RTP_PORT_MIN`–`RTP_PORT_MAX` (even ports, RFC 3550's convention; we
 * send no RTCP), each bound to a UDP socket. A port someone else holds is skipped.
 */
export class RtpPortPool {
  private readonly inUse = new Set<number>();
  private cursor: number;

  constructor(
    private readonly bind: string,
    private readonly min: number,
    private readonly max: number,
  ) {
    this.cursor = min + (min % 2);
  }

  get capacity(): number {
    return Math.floor((this.max - this.min) / 2) + 1;
  }

  /** A socket bound to a free port of the range; undefined when the range is exhausted. */
  async open(): Promise<{ socket: Socket; port: number } | undefined> {
    for (let tries = 0; tries < this.capacity; tries += 1) {
      const port = this.cursor;
      this.cursor = this.cursor + 2 > this.max ? this.min + (this.min % 2) : this.cursor + 2;
      if (this.inUse.has(port)) continue;
      const socket = createSocket({ type: 'udp4', recvBufferSize: RTP_RECEIVE_BUFFER_BYTES });
      const bound = await new Promise<boolean>((resolve) => {
        socket.once('error', () => resolve(false));
        socket.bind(port, this.bind, () => resolve(true));
      });
      if (bound) {
        this.inUse.add(port);
        socket.removeAllListeners('error');
        return { socket, port };
      }
      try {
        socket.close();
      } catch {
        // a socket that never bound may already be closed
      }
    }
    return undefined;
  }

  release(port: number, socket: Socket): void {
    this.inUse.delete(port);
    socket.close();
  }
}
