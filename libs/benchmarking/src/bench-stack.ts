import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { MessageBus } from '@callcart/messaging';

/**
 * The services a benchmark runs, each as its own process from its build in `dist/` (apps never
 * import apps; this is how `npm start` and production run them), on one database and one NATS
 * prefix of the benchmark's own, both removed again by `dispose`.
 */
const DIST_APPS = join(__dirname, '..', '..', '..', 'apps');

/** One started service: where it answers and what it printed. */
export interface BenchService {
  /** The app, or `<app>#<n>` for a further replica. */
  readonly name: string;
  readonly url: string;
  /** Where its Prometheus counters are: `<url>/metrics`, except the gateway's own metrics port. */
  readonly metricsUrl: string;
  readonly child: ChildProcess;
  output(): string;
}

export interface BenchStackOptions {
  /** A PostgreSQL URL allowed to create and drop databases. */
  readonly adminUrl: string;
  readonly natsUrl: string;
  /** Names the database (`cc_bench_<label>_<time>`) and the NATS prefix (`bench_<label>_<time>`). */
  readonly label: string;
}

/** `dist/apps/<app>/src/<file>`; throws with the build command when it is missing. */
export function builtScript(app: string, file: string): string {
  const path = join(DIST_APPS, app, 'src', file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`node tools/build.mjs\` first`);
  return path;
}

/** True when `dist/apps/<app>/src/<file>` has been built. */
export function hasBuiltScript(app: string, file: string): boolean {
  return existsSync(join(DIST_APPS, app, 'src', file));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function runNode(script: string, args: readonly string[], env: Record<string, string>, nodeArgs: readonly string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Only the tail is kept: a service's log over a whole benchmark run is of no use in memory.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, output: () => output, exited };
}

export class BenchStack {
  readonly prefix: string;
  readonly databaseName: string;
  private readonly services: (BenchService & { exited: Promise<number | string> })[] = [];
  private databaseCreated = false;

  constructor(private readonly options: BenchStackOptions) {
    const stamp = Date.now();
    this.prefix = `bench_${options.label}_${stamp}`;
    this.databaseName = `cc_bench_${options.label}_${stamp}`;
  }

  get databaseUrl(): string {
    const url = new URL(this.options.adminUrl);
    url.pathname = `/${this.databaseName}`;
    return url.toString();
  }

  /** What every service and the catalogue CLI of this stack read. */
  get env(): Record<string, string> {
    const credentials = Object.fromEntries(['NATS_USER', 'NATS_PASSWORD'].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
    return { DATABASE_URL: this.databaseUrl, NATS_URL: this.options.natsUrl, NATS_PREFIX: this.prefix, LOG_LEVEL: 'error', ...credentials };
  }

  async createDatabase(): Promise<void> {
    await this.admin(`CREATE DATABASE "${this.databaseName}"`);
    this.databaseCreated = true;
  }

  /** `callcart catalogue import FILE …` into this stack's database; its output, or an error with it. */
  async importCatalogue(file: string, args: readonly string[]): Promise<string> {
    const run = runNode(builtScript('catalogue', 'cli/catalogue.cli.js'), ['import', file, ...args], this.env);
    const code = await run.exited;
    if (code !== 0) throw new Error(`catalogue import exited ${code}:\n${run.output()}`);
    return run.output();
  }

  /**
   * Starts a built service on a free port and resolves once its `/health` answers 200.
   * `nodeArgs` go to node itself (`--cpu-prof` is not allowed in NODE_OPTIONS).
   */
  async start(app: string, env: Record<string, string> = {}, nodeArgs: readonly string[] = [], timeoutMs = 180_000): Promise<BenchService> {
    const port = await freePort();
    const metricsPort = app === 'gateway' ? await freePort() : port;
    const metricsEnv: Record<string, string> = app === 'gateway' ? { GATEWAY_METRICS_PORT: String(metricsPort) } : {};
    const run = runNode(builtScript(app, 'main.js'), [], { ...this.env, ...metricsEnv, ...env, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port) }, nodeArgs);
    const replicas = this.services.filter((service) => service.name === app || service.name.startsWith(`${app}#`)).length;
    const name = replicas === 0 ? app : `${app}#${replicas + 1}`;
    const service = { name, url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, child: run.child, output: run.output, exited: run.exited };
    this.services.push(service);
    let ended: number | string | undefined;
    void run.exited.then((code) => (ended = code));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && ended === undefined) {
      const healthy = await fetch(`${service.url}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return service;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${name} not healthy (${ended === undefined ? `after ${timeoutMs} ms` : `exited ${ended}`}):\n${run.output()}`);
  }

  /**
   * Stops the services (SIGTERM, SIGKILL after 10 s), drops the database and deletes the
   * prefix's streams. Safe after any failure and more than once; problems are reported, not thrown.
   */
  async dispose(): Promise<void> {
    const services = this.services.splice(0);
    await Promise.all(
      services.map(async (service) => {
        if (service.child.exitCode !== null || service.child.signalCode !== null) return;
        service.child.kill('SIGTERM');
        const timer = setTimeout(() => service.child.kill('SIGKILL'), 10_000);
        await service.exited;
        clearTimeout(timer);
      }),
    );
    if (this.databaseCreated) {
      this.databaseCreated = false;
      await this.admin(`DROP DATABASE IF EXISTS "${this.databaseName}" WITH (FORCE)`).catch((error: unknown) =>
        process.stderr.write(`could not drop database ${this.databaseName}: ${(error as Error).message}\n`),
      );
    }
    await this.deleteStreams().catch((error: unknown) => process.stderr.write(`could not delete streams ${this.prefix}_*: ${(error as Error).message}\n`));
  }

  private async admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: this.options.adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  private async deleteStreams(): Promise<void> {
    const bus = await MessageBus.connect({
      servers: this.options.natsUrl.split(','),
      user: process.env.NATS_USER,
      password: process.env.NATS_PASSWORD,
      prefix: this.prefix,
      serviceName: 'bench',
      streams: [],
    });
    try {
      await bus.deletePrefixStreams();
    } finally {
      await bus.close();
    }
  }
}
