import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@callcart/testing';
import i18next from 'i18next';
import type { Page } from 'playwright-core';
import { EN_MESSAGES } from '../src/i18n/messages.en';
import { ZH_CN_MESSAGES } from '../src/i18n/messages.zh-cn';
import { formatMoney } from '../src/shared/money.format';

/**
 * Shared pieces of the Chromium end-to-end suites: building the web app into a scratch folder and
 * collecting the page errors a suite asserts are absent (services run through @callcart/testing's
 * startService / stopService).
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

/**
 * The environment of a gateway process serving the built web app on its own NATS prefix and
 * database, with a development admin, for a suite that plays the other services itself.
 */
export function webGatewayEnv(options: { nats: { url: string; prefix: string }; databaseUrl: string; port: number; admin: { username: string; password: string }; webRoot: string }): Record<string, string> {
  return {
    NATS_URL: options.nats.url,
    NATS_PREFIX: options.nats.prefix,
    DATABASE_URL: options.databaseUrl,
    HTTP_PORT: String(options.port),
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    SHUTDOWN_GRACE_MS: '2000',
    GATEWAY_ADMIN_USERNAME: options.admin.username,
    GATEWAY_ADMIN_PASSWORD: options.admin.password,
    GATEWAY_WEB_ROOT: options.webRoot,
    GATEWAY_REQUEST_TIMEOUT_MS: '2000',
    // Any free port: suites run side by side, and the default 9300 is taken by the first gateway.
    GATEWAY_METRICS_PORT: '0',
  };
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

/** The two languages a browser suite runs in: the Chromium context's locale picks the app's language. */
export const E2E_LOCALES = ['en', 'zh-CN'] as const;
export type E2eLocale = (typeof E2E_LOCALES)[number];

/**
 * What the app shows in `locale`, from the app's own catalogues: `t(key, values)` and money as
 * the screen formats it, so a suite finds its buttons and texts in either language.
 */
export function screenText(locale: E2eLocale): { t: (key: string, values?: Record<string, unknown>) => string; money: (amountMinor: number, currency?: string) => string } {
  const translator = i18next.createInstance();
  void translator.init({
    lng: locale,
    fallbackLng: false,
    resources: { en: { translation: EN_MESSAGES }, 'zh-CN': { translation: ZH_CN_MESSAGES } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return {
    t: (key, values) => {
      if (!translator.exists(key)) throw new Error(`no text ${key} in ${locale}`);
      return translator.t(key, values ?? {});
    },
    money: (amountMinor, currency = 'CNY') => formatMoney({ amountMinor, currency }, locale),
  };
}
