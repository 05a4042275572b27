import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/**
 * Below Linux's ephemeral range (32768–60999): ports the kernel hands to outgoing connections and
 * to `bind(0)` all over a parallel test run, so a fixed port picked there collides now and then.
 */
const DEFAULT_RANGE = { min: 10_000, max: 19_999 };

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The first port of `size` consecutive ports, all free on 127.0.0.1 for both UDP and TCP when
 * probed, for programs that cannot take port 0 (baresip, sipp). Starts are random and even, so
 * suites side by side rarely probe the same block; the caller still retries if a port is taken
 * between the probe and its use.
 */
export async function freePortBlock(size: number, range = DEFAULT_RANGE, attempts = 50): Promise<number> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const first = range.min + 2 * Math.floor(Math.random() * Math.floor((range.max - range.min - size) / 2));
    let free = true;
    for (let port = first; port < first + size && free; port += 1) {
      free = (await udpFree(port)) && (await tcpFree(port));
    }
    if (free) return first;
  }
  throw new Error(`no ${size} free consecutive ports in ${range.min}–${range.max} after ${attempts} tries`);
}
