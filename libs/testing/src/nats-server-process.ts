import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service-stack';

const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
}

/**
 * A private nats-server (JetStream on, its own store) for tests that stop and restart the
 * server, which must never be done to the machine's shared one.
 */
export class NatsServerProcess {
  private process?: ChildProcess;
  private constructor(
    readonly port: number,
    private readonly storeDir: string,
    private readonly credentials?: { user: string; password: string },
    private readonly config?: { readonly file: string; readonly env: Record<string, string> },
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts a server; with credentials, clients must present them (as docker-compose's NATS does). */
  static async start(credentials?: { user: string; password: string }): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'callcart-nats-')), credentials);
    await server.restart();
    return server;
  }

  /**
   * Starts a server with a configuration file of the project's (e.g. the generated per-service
   * users of infra/nats/permissions.conf), `env` holding what its `$VARIABLES` read; the address,
   * port and store are this test's.
   */
  static async startWithConfig(file: string, env: Record<string, string>): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'callcart-nats-')), undefined, { file, env });
    await server.restart();
    return server;
  }

  /** Starts the server (again), on the same port and store, so JetStream state survives. */
  async restart(): Promise<void> {
    await this.stop();
    const auth = this.credentials ? ['--user', this.credentials.user, '--pass', this.credentials.password] : [];
    const config = this.config ? ['-c', this.config.file] : [];
    this.process = spawn(NATS_SERVER, [...config, '-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...auth], {
      stdio: 'ignore',
      env: { ...process.env, ...this.config?.env },
    });
    await waitForPort(this.port, 10_000);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
