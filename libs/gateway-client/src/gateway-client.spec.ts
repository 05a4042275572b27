import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { GatewayClient } from './gateway-client';
import { GatewayRequestError } from './gateway-request.error';
import { LiveFeed } from './live-feed';

/** A stand-in gateway speaking the same HTTP shapes: a session cookie, JSON errors, /api/live. */
function fakeGateway(): Promise<{ server: Server; url: string; push: (frame: object) => void }> {
  const sockets = new Set<import('ws').WebSocket>();
  const hasSession = (request: IncomingMessage) => request.headers.cookie === 'cc_session=s3cret';
  const server = createServer((request, response) => {
    const json = (status: number, body: object, headers: Record<string, string | string[]> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/api/auth/staff/sign-in') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { password } = JSON.parse(body) as { password: string };
        if (password !== 'right password') return json(401, { code: 'INVALID_CREDENTIALS', message: 'wrong username or password' });
        json(200, { ok: true }, { 'set-cookie': ['other=1; Path=/', 'cc_session=s3cret; HttpOnly; Path=/', 'cc_csrf=t0ken; Path=/; SameSite=Strict'] });
      });
      return;
    }
    if (!hasSession(request)) return json(401, { code: 'UNAUTHENTICATED', message: 'sign in first' });
    if (request.method !== 'GET' && request.headers['x-csrf-token'] !== 't0ken') return json(403, { code: 'CSRF_TOKEN_INVALID', message: 'no token' });
    if (request.url === '/api/auth/me') return json(200, { principal: { kind: 'staff' } });
    if (request.url === '/api/broken') {
      response.writeHead(502, { 'content-type': 'text/plain' });
      return response.end('bad gateway upstream');
    }
    response.writeHead(204).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    if (!hasSession(request)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.send(JSON.stringify({ type: 'hello', data: { principal: { kind: 'staff' } } }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        push: (frame) => sockets.forEach((ws) => ws.send(JSON.stringify(frame))),
      }),
    ),
  );
}

describe('GatewayClient', () => {
  let gateway: Awaited<ReturnType<typeof fakeGateway>>;
  beforeAll(async () => {
    gateway = await fakeGateway();
  });
  afterAll(async () => {
    gateway.server.closeAllConnections();
    await new Promise((resolve) => gateway.server.close(resolve));
  });

  it('keeps the session cookie from sign-in and sends it with every request, and the CSRF token with every state change', async () => {
    const client = await GatewayClient.signInStaff(gateway.url, 'li.na', 'right password');
    await expect(client.get('/api/auth/me')).resolves.toEqual({ principal: { kind: 'staff' } });
    await expect(client.delete('/api/anything')).resolves.toBeUndefined();
  });

  it('turns a refused request into a GatewayRequestError with the API code, or the status when the body is not the API shape', async () => {
    const refused = GatewayClient.signInStaff(gateway.url, 'li.na', 'wrong');
    await expect(refused).rejects.toBeInstanceOf(GatewayRequestError);
    await expect(refused).rejects.toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: expect.stringContaining('wrong username or password') });
    const client = await GatewayClient.signInStaff(gateway.url, 'li.na', 'right password');
    await expect(client.get('/api/broken')).rejects.toMatchObject({ status: 502, code: 'HTTP_502', message: expect.stringContaining('bad gateway upstream') });
  });

  it('live(): frames that came before the question are not missed, later ones are waited for, each is taken once', async () => {
    const client = await GatewayClient.signInStaff(gateway.url, 'li.na', 'right password');
    const feed = await client.live();
    try {
      await expect(feed.next('hello')).resolves.toMatchObject({ type: 'hello', data: { principal: { kind: 'staff' } } });
      gateway.push({ type: 'transcript', callId: 'CA1', data: { text: 'first' } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const later = feed.next('transcript', (message) => message.data.text === 'second', 2000);
      gateway.push({ type: 'transcript', callId: 'CA1', data: { text: 'second' } });
      await expect(later).resolves.toMatchObject({ callId: 'CA1', data: { text: 'second' } });
      await expect(feed.next('transcript')).resolves.toMatchObject({ data: { text: 'first' } });
      await expect(feed.next('transcript', () => true, 100)).rejects.toThrow(/no live "transcript" frame within 100 ms/);
      expect(feed.messages.map((message) => message.type)).toEqual(['hello', 'transcript', 'transcript']);
    } finally {
      await feed.close();
    }
  });

  it('live() without a session is refused with the status', async () => {
    await expect(LiveFeed.open(`${gateway.url.replace('http', 'ws')}/api/live`, 'cc_session=forged')).rejects.toThrow(/HTTP 401/);
  });
});
