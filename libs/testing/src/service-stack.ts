import { createServer } from 'node:net';
import { spawnService, type ServiceProcess, waitForHealthy } from './service-process';

/** A TCP port nobody listens on right now (the service binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A built service running as its own process on a free port, with its base URL. */
export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly process: ServiceProcess;
}

/**
 * Spawns `dist/apps/<app>` on a free port (or `env.HTTP_PORT`) and waits until `/health`
 * answers; on failure the error carries the process's output.
 */
export async function startService(app: string, env: Record<string, string>, healthTimeoutMs = 30_000): Promise<RunningService> {
  const port = env.HTTP_PORT ? Number(env.HTTP_PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The gateway's metrics port is fixed by default (9300): suites side by side would clash on it.
  const metricsPort: Record<string, string> = app === 'gateway' ? { GATEWAY_METRICS_PORT: '0' } : {};
  const child = spawnService(app, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', SHUTDOWN_GRACE_MS: '2000', ...metricsPort, ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' });
  const running = { name: app, url, port, process: child };
  try {
    await waitForHealthy(`${url}/health`, healthTimeoutMs);
  } catch (error) {
    await stopService(running);
    throw new Error(`${app}: ${(error as Error).message}\n${child.output()}`);
  }
  return running;
}

/** SIGTERM, then SIGKILL if the process has not ended after `graceMs`; resolves once it has ended. */
export async function stopService(service: RunningService | undefined, graceMs = 5_000): Promise<void> {
  if (!service) return;
  const { child } = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await service.process.exited();
  clearTimeout(timer);
}

/** Kills a service at once (SIGKILL: no graceful shutdown, as a crash) and waits until it has ended. */
export async function killService(service: RunningService): Promise<void> {
  const { child } = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await service.process.exited();
}
