import type { INestApplication } from '@nestjs/common';
import { ALL_STREAMS } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestDatabase, createTestNats, testServiceEnv, type TestDatabase, type TestNats } from '@callcart/testing';
import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import { createGatewayApp } from './gateway-app';
import { loadGatewayConfig } from './gateway.config';

/** Shared by the gateway's integration suites. Not a spec itself: jest only runs `*.spec.ts`. */

export const ADMIN = { username: 'root-admin', password: 'correct horse battery staple' };

/** A gateway in this process on real NATS and PostgreSQL, with a bus of its own for fixture responders. */
export interface GatewayWorld {
  readonly url: string;
  readonly app: INestApplication;
  /** Plays the other services: answers their requests and publishes their facts. */
  readonly services: MessageBus;
  /** The environment the gateway runs with (for a second replica on the same NATS and database). */
  readonly env: Record<string, string>;
  sql<T extends object>(statement: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startGatewayWorld(extra: Record<string, string> = {}): Promise<GatewayWorld> {
  const nats: TestNats = await createTestNats();
  const database: TestDatabase = await createTestDatabase();
  const env = testServiceEnv({
    natsUrl: nats.url,
    natsPrefix: nats.prefix,
    databaseUrl: database.url,
    extra: { GATEWAY_ADMIN_USERNAME: ADMIN.username, GATEWAY_ADMIN_PASSWORD: ADMIN.password, GATEWAY_WEB_ROOT: '/nonexistent/web', ...extra },
  });
  const { app, url } = await startGatewayReplica(env);
  const services = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'fixture-services', streams: ALL_STREAMS, requestTimeoutMs: 2000 });
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  return {
    url,
    app,
    services,
    env,
    sql: async <T extends object>(statement: string, params: unknown[] = []) => (await pg.query(statement, params)).rows as T[],
    close: async () => {
      await services.close();
      await app.close();
      await pg.end();
      await database.drop();
      await nats.cleanup();
    },
  };
}

/** One gateway replica in this process, listening on a free port. */
export async function startGatewayReplica(env: Record<string, string>): Promise<{ app: INestApplication; url: string }> {
  const app = await createGatewayApp(loadGatewayConfig(env));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}

export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * A browser of the gateway's own pages: keeps the session cookie and its CSRF token, sends JSON. Given a loopback address
 * (`127.0.0.2`, ...), it connects from there, so the gateway sees another client address.
 */
export class TestBrowser {
  cookie?: string;
  csrfToken?: string;

  constructor(
    private readonly baseUrl: string,
    private readonly fromAddress?: string,
  ) {}

  /** The headers a page of the gateway's own origin sends with a state-changing request. */
  ownPageHeaders(): Record<string, string> {
    return { origin: this.baseUrl, ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}) };
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const init = {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...this.ownPageHeaders() },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    };
    const response = this.fromAddress ? await fetchFrom(this.fromAddress, `${this.baseUrl}${path}`, init) : await fetch(`${this.baseUrl}${path}`, init);
    for (const setCookie of response.headers.getSetCookie()) {
      const [name, value = ''] = setCookie.split(';')[0].split('=');
      if (name === 'cc_session') this.cookie = value ? `cc_session=${value}` : undefined;
      if (name === 'cc_csrf') this.csrfToken = value || undefined;
    }
    const text = await response.text();
    const parsed = response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text;
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = Record<string, unknown>>(path: string) => this.call<T>('GET', path);
  post = <T = Record<string, unknown>>(path: string, body: unknown = {}) => this.call<T>('POST', path, body);
  put = <T = Record<string, unknown>>(path: string, body: unknown) => this.call<T>('PUT', path, body);
  delete = <T = Record<string, unknown>>(path: string) => this.call<T>('DELETE', path);

  async signInStaff(username: string, password: string): Promise<Answer> {
    return this.post('/api/auth/staff/sign-in', { username, password });
  }

  /** Opens `/api/live` with this browser's cookie and collects every message it receives. */
  async openLive(): Promise<LiveClient> {
    const socket = new WebSocket(`${this.baseUrl.replace('http', 'ws')}/api/live`, { headers: this.cookie ? { cookie: this.cookie } : {} });
    const messages: LiveFrame[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as LiveFrame));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => reject(new Error(`live refused: ${response.statusCode}`)));
      socket.once('error', reject);
    });
    return { socket, messages, close: () => socket.close() };
  }
}

/** `fetch` from a given local address (node's fetch cannot bind one without undici's Agent). */
function fetchFrom(localAddress: string, url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: init.method, headers: init.headers, localAddress }, (message) => {
      const chunks: Buffer[] = [];
      message.on('data', (chunk: Buffer) => chunks.push(chunk));
      message.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(message.headers)) for (const item of [value ?? []].flat()) headers.append(name, item);
        const status = message.statusCode ?? 0;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
      message.on('error', reject);
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

export interface LiveFrame {
  readonly type: string;
  readonly callId?: string;
  readonly data: Record<string, unknown>;
}

export interface LiveClient {
  readonly socket: WebSocket;
  readonly messages: LiveFrame[];
  close(): void;
}

/** A staff browser, signed in, made by the admin. */
export async function staffBrowser(world: GatewayWorld, admin: TestBrowser, username: string, role: string): Promise<TestBrowser & { staffId: string }> {
  const password = `${username}-password-long`;
  const created = await admin.post<{ staffId: string }>('/api/admin/staff', { username, password, role });
  if (created.status !== 201) throw new Error(`could not create ${username}: ${JSON.stringify(created.body)}`);
  const browser = new TestBrowser(world.url) as TestBrowser & { staffId: string };
  browser.staffId = created.body.staffId;
  const signedIn = await browser.signInStaff(username, password);
  if (signedIn.status !== 200) throw new Error(`could not sign ${username} in: ${JSON.stringify(signedIn.body)}`);
  return browser;
}
