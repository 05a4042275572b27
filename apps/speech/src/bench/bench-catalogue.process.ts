import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';

/**
 * The catalogue service as the speech bench uses it: a separate process from its build in
 * `dist/` (apps never import apps), on a database and a NATS prefix of the bench's own, both
 * removed again at the end. Names follow the test harness's `t<epoch>x<hex>` form, so leftovers of
 * a bench that was killed are cleaned up by the next test run after six hours.
 */
const CATALOGUE_DIST = join(__dirname, '..', '..', '..', 'catalogue', 'src');
const CATALOGUE_CLI = join(CATALOGUE_DIST, 'cli', 'catalogue.cli.js');
const CATALOGUE_MAIN = join(CATALOGUE_DIST, 'main.js');

/** True when `node tools/build.mjs catalogue` has put the service and its CLI into dist/. */
export function catalogueBuildExists(): boolean {
  return existsSync(CATALOGUE_CLI) && existsSync(CATALOGUE_MAIN);
}

function runName(): string {
  return `t${Math.floor(Date.now() / 1000)}x${randomBytes(4).toString('hex')}`;
}

export interface BenchCatalogueOptions {
  /** A PostgreSQL URL allowed to create and drop databases. */
  readonly adminUrl: string;
  readonly natsUrl: string;
}

interface CliResult {
  readonly code: number | string;
  readonly output: string;
}

/** One child process: its collected output and its end. */
function runNode(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A fresh catalogue for one bench run. `import` runs the catalogue CLI; `start` runs the service
 * and resolves once `/health` answers 200; `dispose` stops the service, drops the database and
 * deletes the prefix's streams (safe to call after any failure, and more than once).
 */
export class BenchCatalogue {
  readonly prefix = runName();
  private readonly dbName = `cc_${runName()}`;
  private service?: ReturnType<typeof runNode>;
  private created = false;

  constructor(private readonly options: BenchCatalogueOptions) {}

  get databaseUrl(): string {
    const url = new URL(this.options.adminUrl);
    url.pathname = `/${this.dbName}`;
    return url.toString();
  }

  private env(): Record<string, string> {
    return { DATABASE_URL: this.databaseUrl, NATS_URL: this.options.natsUrl, NATS_PREFIX: this.prefix, LOG_LEVEL: 'error' };
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

  async createDatabase(): Promise<void> {
    await this.admin(`CREATE DATABASE "${this.dbName}"`);
    this.created = true;
  }

  /** `callcart catalogue import FILE …` against this database; throws with its output unless it exits 0. */
  async import(file: string, args: string[]): Promise<string> {
    const run = runNode(CATALOGUE_CLI, ['import', file, ...args], this.env());
    const result: CliResult = { code: await run.exited, output: run.output() };
    if (result.code !== 0) throw new Error(`catalogue import exited ${result.code}:\n${result.output}`);
    return result.output;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const port = await freePort();
    const service = runNode(CATALOGUE_MAIN, [], { ...this.env(), HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port) });
    this.service = service;
    const deadline = Date.now() + timeoutMs;
    let ended: number | string | undefined;
    void service.exited.then((code) => (ended = code));
    while (Date.now() < deadline && ended === undefined) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`catalogue service not healthy (${ended === undefined ? `after ${timeoutMs} ms` : `exited ${ended}`}):\n${service.output()}`);
  }

  async dispose(): Promise<void> {
    const service = this.service;
    this.service = undefined;
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGTERM');
      const timer = setTimeout(() => service.child.kill('SIGKILL'), 10_000);
      await service.exited;
      clearTimeout(timer);
    }
    if (this.created) {
      this.created = false;
      await this.admin(`DROP DATABASE IF EXISTS "${this.dbName}" WITH (FORCE)`).catch((error: unknown) =>
        console.error(`could not drop database ${this.dbName}: ${(error as Error).message}`),
      );
    }
    await this.deleteStreams().catch((error: unknown) => console.error(`could not delete streams ${this.prefix}_*: ${(error as Error).message}`));
  }

  private async deleteStreams(): Promise<void> {
    const nc = await connect({ servers: this.options.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      const names: string[] = [];
      for await (const info of jsm.streams.list()) if (info.config.name.startsWith(`${this.prefix}_`)) names.push(info.config.name);
      for (const name of names) await jsm.streams.delete(name);
    } finally {
      await nc.close();
    }
  }
}
