import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import { GatewayClient, signInCodeFromOutbox } from '@callcart/gateway-client';
import { createTestDatabase, createTestNats, type RunningService, startService, stopService, type TestDatabase, type TestNats } from '@callcart/testing';
import { type ApiRoute, type FuzzRequest, liveUpgrades, mediaFrames, requestsFor, routesOf, type Sender, urlPath, voiceWebhookBodies } from './api-fuzz.inputs';

/**
 * The fuzz suite of issue 14: every route of the gateway's OpenAPI document and call-ingest's
 * media WebSocket get generated bad input (fast-check, seeded: FUZZ_SEED reproduces a run) on
 * the real services. Never a 5xx, every refusal `{ code, message }`, every service's /health
 * still 200, and no row written by a batch of requests that were all refused.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 60);
const MEDIA_SOCKETS = Number(process.env.FUZZ_MEDIA_SOCKETS ?? 40);
/** FUZZ_ROUTE=sign-in drives only the routes whose path contains it (to reproduce one finding). */
const ROUTE_FILTER = process.env.FUZZ_ROUTE ?? '';
const ADMIN = { username: 'fuzz-admin', password: 'fuzz admin password 1' };
const AGENT = { username: 'fuzz-agent', password: 'fuzz agent password 1' };
const CUSTOMER_PHONE = '+8613800009999';
/** Counters that refused requests write by design: sign-in attempts feed the rate limits. */
const COUNTED_ON_REFUSAL = /attempt/;

interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
}

/** Signs in through the API and keeps the two cookies a browser would. */
async function signIn(gatewayUrl: string, path: string, body: object): Promise<Session> {
  const response = await fetch(`${gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`sign-in ${path} answered ${response.status}: ${await response.text()}`);
  const pairs = response.headers.getSetCookie().map((header) => header.split(';')[0]);
  const cookie = pairs.find((pair) => pair.startsWith('cc_session='))!;
  const csrfToken = pairs.find((pair) => pair.startsWith('cc_csrf='))!.slice('cc_csrf='.length);
  return { cookie, csrfToken };
}

/** Routes a payment provider calls: the route refuses in the provider's own terms (Alipay: the text `failure`). */
const PROVIDER_PROTOCOL_ROUTES = new Set(['/api/payments/alipay/notify']);

describe('fuzz: the gateway API and the media WebSocket with generated bad input', () => {
  let database: TestDatabase;
  let nats: TestNats;
  const services: RunningService[] = [];
  let gatewayUrl: string;
  let mediaUrl: string;
  let callIngestUrl: string;
  let pg: Client;
  const sessions = new Map<Sender, Session>();
  /** The ids of the run's real accounts: path parameters that reach real rows. */
  const knownIds: string[] = [];
  let agentId: string;
  let restoreAgent: () => Promise<void>;
  let restoreCustomer: () => Promise<void>;

  const me = async (who: Sender): Promise<{ staffId?: string; customerId?: string } | undefined> => {
    const response = await fetch(`${gatewayUrl}/api/auth/me`, { headers: { cookie: sessions.get(who)!.cookie } });
    return response.status === 200 ? ((await response.json()) as { staffId?: string; customerId?: string }) : undefined;
  };

  const signInCustomer = async (admin: GatewayClient): Promise<void> => {
    const askedAt = new Date();
    await GatewayClient.requestCustomerCode(gatewayUrl, CUSTOMER_PHONE);
    const code = await signInCodeFromOutbox(admin, CUSTOMER_PHONE, askedAt);
    sessions.set('customer', await signIn(gatewayUrl, '/api/auth/customer/verify-code', { phone: CUSTOMER_PHONE, code }));
  };

  /** A generated request may have deactivated the agent or signed a session out: the next route starts with live sessions again. */
  const restoreSessions = async (): Promise<void> => {
    if (!(await me('admin'))) throw new Error('the admin session ended: the run cannot go on');
    if (!(await me('agent'))) await restoreAgent();
    if (!(await me('customer'))) await restoreCustomer();
  };
  let sent = 0;
  /** How many answers had each status: shows the run reached the handlers, not only the guards. */
  const statuses = new Map<number, number>();
  let watchedTables = 0;
  let drivenRoutes = 0;

  beforeAll(async () => {
    [database, nats] = await Promise.all([createTestDatabase(), createTestNats()]);
    const env = { NATS_URL: nats.url, NATS_PREFIX: nats.prefix, DATABASE_URL: database.url, LOG_LEVEL: 'error' };
    const started = await Promise.all([
      startService('catalogue', env, 45_000),
      startService('orders', env, 45_000),
      startService('call-ingest', env, 45_000),
      startService('gateway', { ...env, GATEWAY_ADMIN_USERNAME: ADMIN.username, GATEWAY_ADMIN_PASSWORD: ADMIN.password }, 45_000),
    ]);
    services.push(...started);
    gatewayUrl = started[3].url;
    mediaUrl = `${started[2].url.replace(/^http/, 'ws')}/media`;
    callIngestUrl = started[2].url;
    pg = new Client({ connectionString: database.url });
    await pg.connect();
    const admin = await signIn(gatewayUrl, '/api/auth/staff/sign-in', ADMIN);
    sessions.set('admin', admin);
    const adminClient = await GatewayClient.signInStaff(gatewayUrl, ADMIN.username, ADMIN.password);
    await adminClient.post('/api/admin/staff', { ...AGENT, role: 'agent' });
    sessions.set('agent', await signIn(gatewayUrl, '/api/auth/staff/sign-in', AGENT));
    await signInCustomer(adminClient);
    const ids = await Promise.all((['admin', 'agent', 'customer'] as const).map(async (who) => (await me(who))!));
    agentId = ids[1].staffId!;
    // Not the admin's own id: a generated PATCH would deactivate the account the run drives with.
    knownIds.push(agentId, ids[2].customerId!);
    restoreAgent = async () => {
      await adminClient.patch(`/api/admin/staff/${agentId}`, { active: true, role: 'agent', password: AGENT.password });
      sessions.set('agent', await signIn(gatewayUrl, '/api/auth/staff/sign-in', AGENT));
    };
    restoreCustomer = () => signInCustomer(adminClient);
  }, 120_000);

  afterAll(async () => {
    const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    console.log(`fuzz: ${sent} requests and frames sent (seed ${SEED}, ${RUNS_PER_ROUTE} per route of ${drivenRoutes}; FUZZ_SEED=${SEED} reproduces); answers: ${byStatus}; rows of ${watchedTables} tables watched`);
    await pg?.end();
    await Promise.allSettled(services.map((service) => stopService(service)));
    await database?.drop();
    await nats?.cleanup();
  });

  /** Row counts of every table of every service's schema but the attempt counters. */
  const rowCounts = async (): Promise<Record<string, number>> => {
    const tables = await pg.query<{ name: string }>(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'public') ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    watchedTables = tables.rows.length;
    for (const { name } of tables.rows) {
      if (COUNTED_ON_REFUSAL.test(name)) continue;
      counts[name] = Number((await pg.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`)).rows[0].n);
    }
    return counts;
  };

  /** The row counts once the services' asynchronous work (events, outboxes) has come to rest. */
  const settledRowCounts = async (): Promise<Record<string, number>> => {
    let previous = await rowCounts();
    for (let polls = 0; polls < 30; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const next = await rowCounts();
      if (JSON.stringify(next) === JSON.stringify(previous)) return next;
      previous = next;
    }
    return previous;
  };

  /** Sends one generated request as its sender would. */
  const send = async (route: ApiRoute, request: FuzzRequest): Promise<{ status: number; text: string; contentType: string }> => {
    const headers: Record<string, string> = {};
    const session = sessions.get(request.sender === 'no-csrf-token' || request.sender === 'foreign-origin' ? 'admin' : request.sender);
    if (session) headers.cookie = session.cookie;
    if (session && request.sender !== 'no-csrf-token') headers['x-csrf-token'] = session.csrfToken;
    if (request.sender === 'malformed-cookie') headers.cookie = 'cc_session=%';
    if (request.sender === 'foreign-origin') Object.assign(headers, { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
    let body: string | Buffer | undefined;
    if (request.body.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body.value) ?? 'null';
    } else if (request.body.kind === 'raw') {
      headers['content-type'] = request.body.contentType;
      body = request.body.contentEncoding === 'gzip' ? gzipSync(request.body.text) : request.body.text;
      if (request.body.contentEncoding) headers['content-encoding'] = request.body.contentEncoding;
    }
    const canHaveBody = route.method !== 'GET' && route.method !== 'HEAD';
    const response = await fetch(`${gatewayUrl}${urlPath(route, request)}`, { method: route.method, headers, body: canHaveBody ? body : undefined });
    sent += 1;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
  };

  it('answers every generated request to every route with no 5xx, refusals as { code, message }, and writes nothing for a refused batch', async () => {
    const document = (await (await fetch(`${gatewayUrl}/api/docs-json`)).json()) as Parameters<typeof routesOf>[0];
    // Signing out would end the sessions the other routes are driven with; it gets its own batch below.
    const routes = routesOf(document).filter((route) => route.path !== '/api/auth/sign-out');
    expect(routes.length).toBeGreaterThan(25);
    const driven = routes.filter((route) => route.path.includes(ROUTE_FILTER));
    drivenRoutes = driven.length;
    const problems: string[] = [];
    for (const [index, route] of routes.entries()) {
      if (!driven.includes(route)) continue;
      await restoreSessions();
      const requests = fc.sample(requestsFor(route, knownIds), { seed: SEED + index, numRuns: RUNS_PER_ROUTE });
      const before = await settledRowCounts();
      let accepted = 0;
      for (const request of requests) {
        const answer = await send(route, request);
        if (process.env.FUZZ_VERBOSE) console.log(answer.status, request.sender, JSON.stringify(request.body).slice(0, 100), answer.text.slice(0, 100));
        const where = `${route.method} ${urlPath(route, request)} as ${request.sender} with ${JSON.stringify(request.body).slice(0, 300)}`;
        if (answer.status >= 500) problems.push(`${answer.status} for ${where}: ${answer.text.slice(0, 300)}`);
        if (answer.status < 400) {
          accepted += 1;
          continue;
        }
        // Refused by the route itself in the provider's words, or before it by the gateway's own checks.
        if (PROVIDER_PROTOCOL_ROUTES.has(route.path) && answer.text === 'failure') continue;
        let refusal: { code?: unknown; message?: unknown } = {};
        try {
          refusal = JSON.parse(answer.text) as typeof refusal;
        } catch {
          // not JSON: reported below
        }
        if (typeof refusal.code !== 'string' || typeof refusal.message !== 'string') problems.push(`${answer.status} without { code, message } for ${where}: ${answer.text.slice(0, 200)}`);
      }
      if (accepted === 0) {
        const after = await settledRowCounts();
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${route.method} ${route.path}: every request was refused, yet rows changed: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('signs out a malformed, unknown or foreign session with no 5xx', async () => {
    const cookies = ['cc_session=%', 'cc_session=', 'cc_session=x'.repeat(2000), 'cc_session=%E0%A4%A; cc_session=%', 'cc_session=\u00ff'];
    for (const cookie of cookies) {
      const response = await fetch(`${gatewayUrl}/api/auth/sign-out`, { method: 'POST', headers: { cookie: Buffer.from(cookie, 'latin1').toString('latin1') } });
      sent += 1;
      expect(response.status).toBeLessThan(500);
    }
  });

  it('answers every generated /api/live upgrade with 101, 401 or 403, never a 5xx', async () => {
    const upgrades = fc.sample(liveUpgrades(), { seed: SEED, numRuns: 40 });
    const answers = new Set<number>();
    for (const upgrade of upgrades) {
      const session = sessions.get(upgrade.sender);
      const headers: Record<string, string> = { cookie: upgrade.cookie ?? session?.cookie ?? '' };
      const status = await new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(`${gatewayUrl.replace(/^http/, 'ws')}/api/live`, { headers, ...(upgrade.origin ? { origin: upgrade.origin } : {}) });
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.once('unexpected-response', (request, response) => {
          request.destroy();
          resolve(response.statusCode ?? 0);
        });
        socket.once('error', reject);
      });
      sent += 1;
      answers.add(status);
    }
    expect([...answers].filter((status) => ![101, 401, 403].includes(status))).toEqual([]);
  });

  it("answers every generated voice webhook with TwiML or a 4xx { code, message }, never a 5xx", async () => {
    const problems: string[] = [];
    for (const { contentType, body } of fc.sample(voiceWebhookBodies(), { seed: SEED, numRuns: RUNS_PER_ROUTE })) {
      const response = await fetch(`${callIngestUrl}/twilio/voice`, { method: 'POST', headers: { 'content-type': contentType }, body });
      sent += 1;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      const where = `POST /twilio/voice ${contentType} ${body.slice(0, 200)}`;
      if (response.status >= 500) problems.push(`${response.status} for ${where}: ${text.slice(0, 200)}`);
      else if (response.status >= 400) {
        const refusal = (() => {
          try {
            return JSON.parse(text) as { code?: unknown; message?: unknown };
          } catch {
            return {};
          }
        })();
        if (typeof refusal.code !== 'string' || typeof refusal.message !== 'string') problems.push(`${response.status} without { code, message } for ${where}: ${text.slice(0, 200)}`);
      } else if (!text.includes('<Connect><Stream')) problems.push(`${response.status} without TwiML for ${where}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('keeps call-ingest up whatever the media WebSocket is sent', async () => {
    const streams = fc.sample(mediaFrames(), { seed: SEED, numRuns: MEDIA_SOCKETS });
    for (const frames of streams) {
      const socket = new WebSocket(mediaUrl);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined);
      for (const frame of frames) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(frame);
        sent += 1;
      }
      socket.close();
      await closed;
    }
    for (const service of services) {
      const health = await fetch(`${service.url}/health`);
      expect({ service: service.name, status: health.status }).toEqual({ service: service.name, status: 200 });
    }
  }, 120_000);

  it('still reports every service healthy after the whole run', async () => {
    for (const service of services) expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });
});
