import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { vocabularyGetV1 } from '@callcart/contracts';
import { GatewayClient } from '@callcart/gateway-client';
import { MessageBus } from '@callcart/messaging';
import { PhoneLine } from '@callcart/telephony';
import {
  createTestDatabase,
  createTestNats,
  killService,
  type NatsServerProcess,
  type RunningService,
  startService,
  stopService,
  type TestDatabase,
  type TestNats,
  waitForSpeechVocabulary,
  waitForHealthy,
  WORKSPACE_ROOT,
} from '@callcart/testing';

const run = promisify(execFile);

/** A few products pocketsphinx can hear from espeak-ng (English names), numeric item numbers, CNY prices. */
export const PRODUCTS = [
  { id: 'e2e-nivea', sku: '300101', name: 'Nivea Creme 150 ml', brand: 'Nivea', price: '59.00', language: 'en' },
  { id: 'e2e-pringles', sku: '300102', name: 'Pringles Original 165 g', brand: 'Pringles', price: '18.50', language: 'en' },
  { id: 'e2e-lipton', sku: '300103', name: 'Lipton Yellow Label Tea', brand: 'Lipton', price: '32.00', language: 'en' },
  { id: 'e2e-colgate', sku: '300104', name: 'Colgate Total Toothpaste', brand: 'Colgate', price: '24.90', language: 'en' },
] as const;

export const ADMIN = { username: 'e2e-admin', password: 'e2e admin password 1' };
export const AGENT = { username: 'e2e.agent', password: 'e2e agent password 1' };

/** The merchant's number every simulated call dials. */
const MERCHANT_NUMBER = '+864001234567';

/** A caller on call-ingest's media WebSocket, at real-time pace (what the recogniser is built for). */
export function dialShop(mediaUrl: string, from: string): Promise<PhoneLine> {
  return PhoneLine.dial(mediaUrl, { from, to: MERCHANT_NUMBER });
}

export interface PhoneOrderStackOptions {
  /** Used in log file names. */
  readonly name: string;
  /** Environment of the orders service beyond the stack's (REGISTRATION_THRESHOLD, PAYMENT_WINDOW, …). */
  readonly orders?: Record<string, string>;
  /** One speech process per worker id. */
  readonly speechWorkers?: readonly string[];
  /** A private nats-server (for suites that restart it); otherwise the machine's with a prefix of the suite's own. */
  readonly natsServer?: NatsServerProcess;
}

/**
 * All five services as their own processes (from dist/) on a database of the suite's own and
 * a NATS prefix (or server) of its own, with the demo catalogue imported by the command-line
 * tool, the speech workers on its vocabulary, the admin signed in and one agent available.
 */
export class PhoneOrderStack {
  readonly services = new Map<string, RunningService>();
  /** Output of service processes that were replaced by a restart. */
  private readonly logs: string[] = [];
  admin!: GatewayClient;
  agent!: GatewayClient;
  private readonly scratch = mkdtempSync(join(tmpdir(), 'callcart-e2e-'));

  private constructor(
    private readonly options: PhoneOrderStackOptions,
    readonly database: TestDatabase,
    private readonly nats: { url: string; prefix: string; cleanup(): Promise<void> },
  ) {}

  /** The environment every service of the stack shares. */
  get env(): Record<string, string> {
    return { NATS_URL: this.nats.url, NATS_PREFIX: this.nats.prefix, DATABASE_URL: this.database.url };
  }

  get gatewayUrl(): string {
    return this.service('gateway').url;
  }

  get mediaUrl(): string {
    return `${this.service('call-ingest').url.replace(/^http/, 'ws')}/media`;
  }

  get speechWorkers(): readonly string[] {
    return this.options.speechWorkers ?? ['speech-1'];
  }

  static async start(options: PhoneOrderStackOptions): Promise<PhoneOrderStack> {
    const natsServer = options.natsServer;
    const [database, nats] = await Promise.all([
      createTestDatabase(),
      // A private server is the suite's alone: a fixed prefix will do, and its store goes with it.
      natsServer ? Promise.resolve<TestNats>({ url: natsServer.url, prefix: 'e2e', cleanup: async () => undefined }) : createTestNats(),
    ]);
    const stack = new PhoneOrderStack(options, database, nats);
    try {
      await stack.startAll();
      await stack.importCatalogue();
      await stack.signInStaff();
      await stack.waitForSpeechVocabulary();
    } catch (error) {
      await stack.close();
      throw error;
    }
    return stack;
  }

  service(name: string): RunningService {
    const service = this.services.get(name);
    if (!service) throw new Error(`no running service "${name}" in the stack`);
    return service;
  }

  /** (Re)starts one of the stack's services by its name (`orders`, `speech-2`, …) with the stack's environment. */
  async startService(name: string): Promise<RunningService> {
    const app = name.startsWith('speech') ? 'speech' : name;
    const extra = this.serviceEnv(app, name);
    const service = await startService(app, { ...this.env, ...extra }, 45_000);
    const previous = this.services.get(name);
    this.services.set(name, service);
    if (previous) this.logs.push(`--- ${name} (before its restart)\n${previous.process.output()}`);
    return service;
  }

  /** SIGKILL: a crash, nothing finishes. */
  async killService(name: string): Promise<void> {
    await killService(this.service(name));
  }

  /** Resolves once every running service answers /health with 200 again (after a NATS outage). */
  async allHealthy(timeoutMs = 30_000): Promise<void> {
    await Promise.all([...this.services.values()].filter(isRunning).map((service) => waitForHealthy(`${service.url}/health`, timeoutMs)));
  }

  /** Where a failed run's services' output is (written when the stack closes). */
  get logHint(): string {
    return `the services' output is in tmp/e2e/${this.options.name}.log`;
  }

  /** The services' output so far, for the log file. */
  private output(): string {
    return [...this.logs, ...[...this.services.entries()].map(([name, service]) => `--- ${name}\n${service.process.output()}`)].join('\n');
  }

  /** Stops everything, keeps the services' output in tmp/e2e/<name>.log, drops the database. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.services.values()].map((service) => stopService(service)));
    try {
      const logDir = join(WORKSPACE_ROOT, 'tmp', 'e2e');
      mkdirSync(logDir, { recursive: true });
      writeFileSync(join(logDir, `${this.options.name}.log`), this.output());
    } catch {
      // the log is a convenience for a failed run
    }
    await this.database.drop().catch(() => undefined);
    await this.nats.cleanup().catch(() => undefined);
    rmSync(this.scratch, { recursive: true, force: true });
  }

  /** What one service gets beyond the shared environment; speech and orders log at info (takeovers, timers). */
  private serviceEnv(app: string, name: string): Record<string, string> {
    switch (app) {
      case 'orders':
        return { LOG_LEVEL: 'info', TIMER_POLL_INTERVAL: '100ms', ...this.options.orders };
      case 'gateway':
        // No wrap-up between the stories' calls: the scripted agent takes the next call at once
        // (the desk's wrap-up has its own Chromium suite, apps/web/e2e/desk-routing.int-spec.ts).
        return { GATEWAY_ADMIN_USERNAME: ADMIN.username, GATEWAY_ADMIN_PASSWORD: ADMIN.password, GATEWAY_REQUEST_TIMEOUT_MS: '4000', GATEWAY_WRAP_UP_SECONDS: '0' };
      case 'speech':
        return { LOG_LEVEL: 'info', WORKER_ID: name };
      default:
        return {};
    }
  }

  private async startAll(): Promise<void> {
    // Speech asks the catalogue for its vocabulary with backoff and again after every product
    // change, so the services may start side by side.
    await Promise.all(['catalogue', 'orders', 'call-ingest', 'gateway', ...this.speechWorkers].map((name) => this.startService(name)));
  }

  private async importCatalogue(): Promise<void> {
    const file = join(this.scratch, 'products.jsonl');
    writeFileSync(file, PRODUCTS.map((product) => JSON.stringify(product)).join('\n') + '\n');
    const imported = await run(process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/catalogue/src/cli/catalogue.cli.js'), 'import', file], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env, LOG_LEVEL: 'error' },
    });
    if (!new RegExp(`created\\D*${PRODUCTS.length}`, 'i').test(imported.stdout)) throw new Error(`catalogue import did not create the products:\n${imported.stdout}\n${imported.stderr}`);
  }

  private async signInStaff(): Promise<void> {
    this.admin = await GatewayClient.signInStaff(this.gatewayUrl, ADMIN.username, ADMIN.password);
    await this.admin.post('/api/admin/staff', { ...AGENT, role: 'agent' });
    this.agent = await GatewayClient.signInStaff(this.gatewayUrl, AGENT.username, AGENT.password);
  }

  /**
   * Waits until the catalogue's vocabulary holds the products and every speech worker has gone
   * live with that version (it refreshes ~3 s after the import's product changes settle).
   */
  private async waitForSpeechVocabulary(): Promise<void> {
    const bus = await MessageBus.connect({ servers: this.nats.url, prefix: this.nats.prefix, serviceName: 'e2e-probe', streams: [], requestTimeoutMs: 3000 });
    try {
      const ask = () => bus.request(vocabularyGetV1, { language: 'en' }).then((reply) => (reply.ok ? reply : undefined));
      await waitForSpeechVocabulary(ask, /nivea/i, this.speechWorkers.map((worker) => this.service(worker)), () => this.logHint);
    } finally {
      await bus.close();
    }
  }
}

function isRunning(service: RunningService): boolean {
  return service.process.child.exitCode === null && service.process.child.signalCode === null;
}
