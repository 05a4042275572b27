import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { PhoneLine } from './phone-line';

interface Received {
  readonly event: string;
  readonly media?: { payload: string };
  readonly dtmf?: { digit: string };
  readonly start?: { customParameters: { from: string; to: string } };
}

/** A media endpoint that records what the caller's end sends and closes on `stop`, as call-ingest does. */
async function recordingEndpoint(): Promise<{ url: string; received: Received[]; dropAll: () => void; close: () => Promise<void> }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const received: Received[] = [];
  server.on('connection', (socket) =>
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as Received;
      received.push(message);
      if (message.event === 'stop') socket.close(1000, 'stream stopped');
    }),
  );
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/media`,
    received,
    dropAll: () => server.clients.forEach((socket) => socket.close(1011, 'gone')),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('PhoneLine', () => {
  it('announces the call, keeps the line alive with silence, plays speech and keys in order, and hangs up with stop', async () => {
    const endpoint = await recordingEndpoint();
    try {
      const line = await PhoneLine.dial(endpoint.url, { from: '+8613800138000', to: '+862160000000' });
      const speech = [new Uint8Array(160).fill(0x11), new Uint8Array(160).fill(0x22)];
      // Queued together, the keys follow the speech with nothing between (awaiting the speech
      // first would let silence frames in before the keys are queued).
      await Promise.all([line.say(speech), line.press('7#')]);
      expect(line.audioMs).toBeGreaterThanOrEqual((2 + 2 * 12) * 20);
      const close = await line.hangUp();
      expect(close.code).toBe(1000);
      expect(line.isUp).toBe(false);

      const events = endpoint.received.map((message) => message.event);
      expect(events.slice(0, 2)).toEqual(['connected', 'start']);
      expect(endpoint.received[1].start?.customParameters).toEqual({ from: '+8613800138000', to: '+862160000000' });
      expect(events.at(-1)).toBe('stop');
      const payloads = endpoint.received.filter((message) => message.event === 'media').map((message) => Buffer.from(message.media?.payload ?? '', 'base64'));
      expect(payloads.every((payload) => payload.length === 160)).toBe(true);
      const firstSpoken = payloads.findIndex((payload) => payload[0] === 0x11);
      expect(firstSpoken).toBeGreaterThanOrEqual(0);
      expect(payloads[firstSpoken + 1][0]).toBe(0x22);
      // After the speech: the keys, each followed by 12 frames (240 ms) of silence.
      const afterSpeech = events.slice(events.indexOf('media', 2) + firstSpoken + 2);
      expect(afterSpeech[0]).toBe('dtmf');
      expect(afterSpeech.slice(1, 13)).toEqual(Array(12).fill('media'));
      expect(afterSpeech[13]).toBe('dtmf');
      expect(endpoint.received.filter((message) => message.event === 'dtmf').map((message) => message.dtmf?.digit)).toEqual(['7', '#']);
    } finally {
      await endpoint.close();
    }
  });

  it('after the caller hung up, what is queued resolves at once; a line call-ingest closed rejects it', async () => {
    const endpoint = await recordingEndpoint();
    try {
      const line = await PhoneLine.dial(endpoint.url, { from: '+8613800138000', to: '+862160000000' });
      await line.hangUp();
      await expect(line.say([new Uint8Array(160)])).resolves.toMatchObject({ endMs: expect.any(Number) });

      const dropped = await PhoneLine.dial(endpoint.url, { from: '+8613800138000', to: '+862160000000' });
      const long = dropped.queueFrames(Array.from({ length: 500 }, () => new Uint8Array(160)));
      endpoint.dropAll();
      await expect(long.sent).rejects.toThrow(/call-ingest closed the line/);
      expect(dropped.isUp).toBe(false);
    } finally {
      await endpoint.close();
    }
  });

  it('places queued speech on the call clock after what is still queued', async () => {
    const endpoint = await recordingEndpoint();
    try {
      const line = await PhoneLine.dial(endpoint.url, { from: '+8613800138000', to: '+862160000000', pace: 4 });
      const first = line.queueFrames(Array.from({ length: 10 }, () => new Uint8Array(160).fill(0x11)));
      const second = line.queueFrames(Array.from({ length: 5 }, () => new Uint8Array(160).fill(0x22)));
      expect(second.startMs).toBe(first.endMs);
      expect(second.endMs - second.startMs).toBe(100);
      await second.sent;
      expect(line.audioMs).toBeGreaterThanOrEqual(second.endMs);
      await line.hangUp();
    } finally {
      await endpoint.close();
    }
  });
});
