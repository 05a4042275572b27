import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeMulaw } from '@callcart/audio';
import { TwilioMediaClient } from './twilio-media.client';

/** A media endpoint that plays the server's part: the test sends through `socket` what call-ingest would. */
async function talkingEndpoint(): Promise<{ url: string; socket: () => Promise<WebSocket>; received: string[]; arrivals: number[]; close: () => Promise<void> }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const received: string[] = [];
  const arrivals: number[] = [];
  const connected = new Promise<WebSocket>((resolve) =>
    server.once('connection', (socket) => {
      socket.on('message', (raw) => {
        received.push(raw.toString());
        arrivals.push(performance.now());
      });
      resolve(socket);
    }),
  );
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/media`,
    socket: () => connected,
    received,
    arrivals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const until = async (predicate: () => boolean) => {
  for (let i = 0; i < 250 && !predicate(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(predicate()).toBe(true);
};

describe("TwilioMediaClient receiving a bidirectional stream (Twilio's side)", () => {
  it('records media as PCM in order, echoes a mark once its audio has played, and answers clear as Twilio does', async () => {
    const endpoint = await talkingEndpoint();
    try {
      const client = await TwilioMediaClient.connect(endpoint.url);
      const socket = await endpoint.socket();
      const heard: number[] = [];
      client.onMedia((frame) => heard.push(frame[0]));
      const tone = encodeMulaw(Int16Array.from({ length: 160 }, (_, i) => Math.round(8000 * Math.sin(i / 3))));
      const media = (frame: Uint8Array) => socket.send(JSON.stringify({ event: 'media', streamSid: client.streamSid, media: { payload: Buffer.from(frame).toString('base64') } }));
      const firstSentAt = performance.now();
      for (let i = 0; i < 10; i += 1) media(tone);
      socket.send(JSON.stringify({ event: 'mark', streamSid: client.streamSid, mark: { name: 'after-200-ms' } }));
      await until(() => endpoint.received.some((text) => text.includes('after-200-ms')));
      // Ten frames are 200 ms of audio: the echo cannot come sooner (a busy machine only makes it later).
      const echo = endpoint.received.findIndex((text) => text.includes('after-200-ms'));
      expect(endpoint.arrivals[echo] - firstSentAt).toBeGreaterThanOrEqual(190);
      expect(JSON.parse(endpoint.received[echo])).toMatchObject({ event: 'mark', streamSid: client.streamSid, mark: { name: 'after-200-ms' } });

      // A clear drops the buffered audio: the pending mark is echoed at once, not 5 s later.
      for (let i = 0; i < 250; i += 1) media(tone);
      socket.send(JSON.stringify({ event: 'mark', streamSid: client.streamSid, mark: { name: 'after-5-s' } }));
      socket.send(JSON.stringify({ event: 'clear', streamSid: client.streamSid }));
      await until(() => endpoint.received.some((text) => text.includes('after-5-s')));
      expect(client.messagesFromServer.at(-1)?.event).toBe('clear');

      const pcm = client.received();
      expect(pcm.length).toBe(260 * 160);
      expect(Math.max(...pcm.subarray(0, 160))).toBeGreaterThan(7000);
      expect(heard).toHaveLength(260);
      expect(client.receivedFrames()[0]).toEqual(tone);

      socket.send(JSON.stringify({ event: 'media', streamSid: 'MZ-another-stream', media: { payload: '' } }));
      socket.send('{not json');
      await until(() => client.protocolProblems.length === 2);
      expect(client.protocolProblems[0]).toMatch(/media for stream MZ-another-stream/);
      await client.close();
    } finally {
      await endpoint.close();
    }
  });

  it('leaves marks unanswered when told to (a carrier that never confirms playout)', async () => {
    const endpoint = await talkingEndpoint();
    try {
      const client = await TwilioMediaClient.connect(endpoint.url, { answerMarks: false });
      const socket = await endpoint.socket();
      socket.send(JSON.stringify({ event: 'mark', streamSid: client.streamSid, mark: { name: 'm1' } }));
      socket.send(JSON.stringify({ event: 'clear', streamSid: client.streamSid }));
      await until(() => client.messagesFromServer.length === 2);
      client.sendConnected(); // a message after them: the socket is in order, so no echo came before it
      await until(() => endpoint.received.length === 1);
      expect(endpoint.received.map((text) => JSON.parse(text).event)).toEqual(['connected']);
      await client.close();
    } finally {
      await endpoint.close();
    }
  });
});
