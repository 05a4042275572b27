import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawnService, type ServiceProcess, waitForHealthy, WORKSPACE_ROOT } from '@callcart/testing';
import type { Page } from 'playwright-core';

/**
 * Shared pieces of the Chromium end-to-end suites: building the web app into a scratch folder,
 * free ports, running built services as processes and stopping them again, and collecting the
 * page errors a suite asserts are absent.
 */

/** Debian's chromium, headless, without the background traffic that slows a CI machine down. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOTS = join(WORKSPACE_ROOT, 'tmp', 'screenshots');

/** Builds the web app with Vite into `outDir` (the gateway serves it from GATEWAY_WEB_ROOT). */
export function buildWebApp(outDir: string): void {
  execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

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

/** Spawns `dist/apps/<app>` on a free port and waits until `/health` answers (its output on failure). */
export async function startService(app: string, env: Record<string, string>, healthTimeoutMs = 30_000): Promise<RunningService> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnService(app, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', SHUTDOWN_GRACE_MS: '2000', ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' });
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

/** Records uncaught page errors, console errors (other than failed loads) and dialogs (an `alert` is an XSS). */
export function collectPageErrors(page: Page, into: string[], label = ''): void {
  const prefix = label ? `${label}: ` : '';
  page.on('pageerror', (error) => into.push(`${prefix}${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) into.push(`${prefix}${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    into.push(`${prefix}dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
}
