import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { customerGetV1, orderGetV1, productsSearchV1, vocabularyGetV1, walletGetV1 } from '@callcart/contracts';
import { GatewayClient } from '@callcart/gateway-client';
import { MessageBus } from '@callcart/messaging';
import { createTestDatabase, createTestNats, eventually, freePort, type RunningService, startService, stopService, type TestDatabase, type TestNats, WORKSPACE_ROOT } from '@callcart/testing';
import { CALLER_SCRIPT } from './call/caller-script';
import type { DemoCallResult } from './call/demo-call.result';
import { parseDemoCatalogue, readDemoCatalogueText } from './catalogue/demo-catalogue';
import { DEMO_AGENT, DEMO_CUSTOMER_PHONE, DEMO_WALLET } from './demo-cast';
import type { SeedReport } from './seed/seed.command';

/**
 * Issue 7’s demo against all six built services, each its own process on a fresh database and
 * NATS prefix: the seed (twice: the second changes nothing; and its one-line failures), then the
 * scripted call with short pauses, run as `npm run demo:call` runs it, to the wallet payment.
 */
const ADMIN = { username: 'demo-test-admin', password: 'demo test admin password' };

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('the npm start demo: seed and scripted call against the six services as processes', () => {
  const services: Record<string, RunningService> = {};
  const productCount = parseDemoCatalogue(readDemoCatalogueText()).length;
  let nats: TestNats;
  let database: TestDatabase;
  let baseEnv: Record<string, string>;
  let bus: MessageBus;
  let gateway = '';

  /** `node dist/apps/demo/src/main.js …` as the npm scripts run it, with the services' NATS and the test admin. */
  const demo = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/demo/src/main.js'), ...args], {
        cwd: WORKSPACE_ROOT,
        env: { PATH: process.env.PATH ?? '', NATS_URL: nats.url, NATS_PREFIX: nats.prefix, GATEWAY_ADMIN_USERNAME: ADMIN.username, GATEWAY_ADMIN_PASSWORD: ADMIN.password, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
  const serviceOutput = () => Object.values(services).map((service) => `--- ${service.name}\n${service.process.output().slice(-3000)}`).join('\n');

  beforeAll(async () => {
    [nats, database] = await Promise.all([createTestNats(), createTestDatabase()]);
    baseEnv = { NATS_URL: nats.url, NATS_PREFIX: nats.prefix, DATABASE_URL: database.url };
    // The catalogue first: speech asks it for the vocabulary at start, orders for prices.
    services.catalogue = await startService('catalogue', baseEnv);
    const [orders, speech, ingest, gatewayService, voice] = await Promise.all([
      startService('orders', baseEnv),
      startService('speech', { ...baseEnv, LOG_LEVEL: 'info' }),
      startService('call-ingest', baseEnv),
      startService('gateway', { ...baseEnv, GATEWAY_ADMIN_USERNAME: ADMIN.username, GATEWAY_ADMIN_PASSWORD: ADMIN.password, GATEWAY_SIGN_IN_FREE_FAILURES: '100', GATEWAY_SIGN_IN_ADDRESS_FREE_FAILURES: '1000' }),
      startService('voice', baseEnv),
    ]);
    Object.assign(services, { orders, speech, ingest, gateway: gatewayService, voice });
    gateway = gatewayService.url;
    bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'demo-int-spec', streams: [], requestTimeoutMs: 5000 });
  }, 90_000);

  afterAll(async () => {
    await bus?.close().catch(() => undefined);
    await Promise.all(Object.values(services).map((service) => stopService(service)));
    await database?.drop();
    await nats?.cleanup();
  }, 30_000);

  it('seed: imports the demo catalogue with no rejected row, creates the agent and the funded customer; a second seed changes nothing', async () => {
    const first = await demo(['seed', '--gateway', gateway, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as SeedReport;
    expect(report.catalogue).toMatchObject({ linesRead: productCount, created: productCount, updated: 0, unchanged: 0, rejected: 0, rejectedRows: [] });
    expect(report.agent).toMatchObject({ username: DEMO_AGENT.username, password: DEMO_AGENT.password, outcome: 'created' });
    expect(report.customer).toMatchObject({ phone: DEMO_CUSTOMER_PHONE, registration: 'registered', address: 'set', wallet: 'topped up', balance: { amountMinor: DEMO_WALLET.targetMinor, currency: 'CNY' } });
    expect(report.changed).toBe(true);

    const second = await demo(['seed', '--gateway', gateway]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`demo-catalogue.jsonl: already there (${productCount} products unchanged)`);
    expect(second.stdout).toContain(`${DEMO_AGENT.username}: already there`);
    expect(second.stdout).toContain(`${DEMO_CUSTOMER_PHONE}: already there; address already there; wallet already there (CN¥1,000.00)`);
    expect(second.stdout).toContain('nothing changed');
    expect(second.stdout).toContain(`${gateway}/   sign in as ${DEMO_AGENT.username} / ${DEMO_AGENT.password}`);
    expect(second.stdout).toContain('npm run demo:call');

    // One agent, one customer, one funded wallet with one top-up.
    const admin = await GatewayClient.signInStaff(gateway, ADMIN.username, ADMIN.password);
    const staff = await admin.get<{ username: string; role: string; active: boolean }[]>('/api/admin/staff');
    expect(staff.filter((account) => account.username === DEMO_AGENT.username)).toEqual([expect.objectContaining({ role: 'agent', active: true })]);
    await admin.signOut();
    const customer = await bus.request(customerGetV1, { phone: DEMO_CUSTOMER_PHONE });
    if (!customer.ok) throw new Error(`demo customer not found: ${customer.code}`);
    expect(customer.customer.defaultAddress?.city).toBe('上海市');
    const wallet = await bus.request(walletGetV1, { customerId: customer.customer.customerId });
    if (!wallet.ok) throw new Error(`no wallet: ${wallet.code}`);
    expect(wallet.wallet.balance).toEqual({ amountMinor: DEMO_WALLET.targetMinor, currency: 'CNY' });
    expect(wallet.wallet.recentEntries.map((entry) => entry.kind)).toEqual(['top-up']);

    // The second mention's words give more candidates than CONFIRM_LIST_MAX: the desk asks for the item number.
    const search = await bus.request(productsSearchV1, { query: CALLER_SCRIPT.second.search, limit: 10 });
    expect(search).toMatchObject({ ok: true, confirmationMode: 'item-number' });
  }, 60_000);

  it('seed: a wrong admin password, a gateway that is down and NATS that is down each fail in one line naming the fix, exit code 1', async () => {
    const wrongPassword = await demo(['seed', '--gateway', gateway], { GATEWAY_ADMIN_PASSWORD: 'not the admin password' });
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stderr.trim()).toMatch(/^demo: the gateway at \S+ refused the admin "demo-test-admin" \(wrong username or password\) — set GATEWAY_ADMIN_USERNAME and GATEWAY_ADMIN_PASSWORD/);
    expect(wrongPassword.stderr.trim().split('\n')).toHaveLength(1);

    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const gatewayDown = await demo(['seed', '--gateway', nowhere]);
    expect(gatewayDown.code).toBe(1);
    expect(gatewayDown.stderr.trim()).toMatch(new RegExp(`^demo: the gateway is not reachable at ${nowhere} \\(ECONNREFUSED\\).*npm start`));

    const natsDown = await demo(['seed', '--gateway', gateway], { NATS_URL: `nats://127.0.0.1:${await freePort()}` });
    expect(natsDown.code).toBe(1);
    expect(natsDown.stderr.trim()).toMatch(/^demo: NATS is not reachable at nats:\/\/127\.0\.0\.1:\d+ .*infra\/local\/up\.sh/);
  }, 60_000);

  it('call: the scripted call runs the whole story to a wallet payment, and says how each product was found', async () => {
    // The recogniser takes the catalogue's words for calls that start after it has them.
    let version = '';
    await eventually(async () => {
      const reply = await bus.request(vocabularyGetV1, { language: 'en' });
      if (!reply.ok || !reply.phrases.some((phrase) => /hot water bottle/i.test(phrase))) return false;
      version = reply.version;
      return true;
    }, 'the catalogue vocabulary to hold the demo catalogue', 15_000);
    await eventually(() => services.speech.process.output().includes(version), `speech to go live with vocabulary ${version}\n${serviceOutput()}`, 20_000);

    const call = await demo(['call', '--gateway', gateway, '--media', `ws://127.0.0.1:${services.ingest.port}/media`, '--fast', '--json']);
    process.stdout.write(`demo call narration:\n${call.stderr}\n`);
    const result = JSON.parse(call.stdout.trim().split('\n').at(-1) ?? '{}') as DemoCallResult;
    expect({ code: call.code, missing: result.missing, problem: result.problem }).toEqual({ code: 0, missing: [], problem: undefined });
    expect(result.ok).toBe(true);
    expect(result.callerStatus).toBe('returning');

    // Paid from the wallet: the balance went down by exactly the order total, as orders keeps it.
    expect(result.payment).toEqual({ method: 'wallet', amount: result.order?.total });
    expect(result.balanceBefore?.amountMinor).toBe(DEMO_WALLET.targetMinor);
    const customer = await bus.request(customerGetV1, { phone: DEMO_CUSTOMER_PHONE });
    if (!customer.ok) throw new Error(`demo customer not found: ${customer.code}`);
    expect(customer.customer.walletBalance.amountMinor).toBe(DEMO_WALLET.targetMinor - (result.order?.total.amountMinor ?? 0));
    const order = await bus.request(orderGetV1, { orderId: result.order?.orderId ?? '' });
    if (!order.ok) throw new Error(`order not found: ${order.code}`);
    expect(order.payment?.method).toBe('wallet');
    expect(order.order.lines.map((line) => [line.productId, line.quantity])).toEqual([
      [CALLER_SCRIPT.first.productId, CALLER_SCRIPT.first.quantity],
      [CALLER_SCRIPT.second.productId, CALLER_SCRIPT.second.quantity],
    ]);

    // The spoken path: candidates from speech, or the fallback said plainly; but speech must have matched
    // something in the call, or the demo would pass on the desk search alone.
    if (result.firstProduct?.foundBy === 'speech') expect(result.firstProduct.matchesFrames).toBeGreaterThan(0);
    else expect(call.stderr).toContain('recognition missed it');
    expect(result.recognition?.bySpeech.length).toBeGreaterThan(0);
    expect(call.stderr).toContain('found from speech:');
    // One list per mention and candidate set, in order (catalogue replicas, decision 0013).
    for (const spoken of [result.firstProduct, result.secondProduct]) expect(spoken).toMatchObject({ repeatedLists: 0, outOfOrderLists: 0 });
    expect(result.keypad).toEqual({ keyed: `${CALLER_SCRIPT.second.itemNumber}#`, digitsOnDesk: `${CALLER_SCRIPT.second.itemNumber}#`, productId: CALLER_SCRIPT.second.productId });
    expect(result).toMatchObject({ paymentSettledOnDesk: true, shipmentReadyOnDesk: true, callEndedOnDesk: true });
    // The agent's lines went over WebRTC through the voice service, and the caller's side received them.
    expect(result.agentVoice?.connected).toBe(true);
    expect(result.agentVoice?.lines.map((line) => ({ text: line.text, heard: line.framesHeardByCaller >= line.framesSent / 2 }))).toEqual(
      result.agentVoice?.lines.map((line) => ({ text: line.text, heard: true })),
    );
    expect(result.agentVoice?.lines.length).toBeGreaterThanOrEqual(4);
  }, 150_000);
});
