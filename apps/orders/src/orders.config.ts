import { z } from 'zod';
import { getCountries, type CountryCode } from 'libphonenumber-js';
import { baseEnvSchema, databaseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';
import { durationMsSchema } from './shared/duration';

const countries = new Set<string>(getCountries());

/** The environment variables the orders service reads; see the README's configuration table. */
export const ordersEnvSchema = baseEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(httpPortEnv(3004).shape)
  .extend({
    /** Where numbers without a country code are assumed to be (the merchant's country). */
    DEFAULT_REGION: z
      .string()
      .toUpperCase()
      .refine((code) => countries.has(code), 'an ISO 3166-1 alpha-2 country code, e.g. CN or GB')
      .default('CN'),
    /** An unknown caller still on the line after this long is registered (the method says 5-10 minutes). */
    REGISTRATION_THRESHOLD: durationMsSchema.prefault('5m'),
    /** How long a placed order waits for a wallet payment before it ships cash on delivery. */
    PAYMENT_WINDOW: durationMsSchema.prefault('30m'),
    /** The currency of wallets and prices (ISO 4217). */
    CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code, e.g. CNY').default('CNY'),
    /** How often the timers (registration, payment windows) look for due rows. */
    TIMER_POLL_INTERVAL: durationMsSchema.prefault('200ms'),
    /** Publish attempts of one outbox event before it is parked (decision 0085). */
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
    /** Published outbox events and processed inbox messages are deleted after this long; keep it above any redelivery horizon. */
    OUTBOX_RETENTION: durationMsSchema.prefault('168h'),
    /** Attempts of one timer item (e.g. one order's payment-window expiry) before it is parked. */
    TIMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
    /** How long a cart command waits for the catalogue's product details. */
    CATALOGUE_TIMEOUT: durationMsSchema.prefault('2s'),
    /** One-time sign-in codes: lifetime, wrong tries allowed, pause between sends, sends per hour. */
    SIGN_IN_CODE_TTL: durationMsSchema.prefault('5m'),
    SIGN_IN_CODE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    SIGN_IN_CODE_RESEND_AFTER: durationMsSchema.prefault('60s'),
    SIGN_IN_CODE_SENDS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(5),
    /** Where one-time codes go: `outbox` keeps them for the admin page (no SMS provider yet). */
    SMS_SENDER: z.enum(['outbox']).default('outbox'),
  });

export interface OrdersConfig {
  readonly service: ServiceConfig;
  readonly defaultRegion: CountryCode;
  readonly registrationThresholdMs: number;
  readonly paymentWindowMs: number;
  readonly currency: string;
  readonly timerPollIntervalMs: number;
  readonly outbox: { readonly maxAttempts: number; readonly retentionMs: number };
  readonly timerMaxAttempts: number;
  readonly catalogueTimeoutMs: number;
  readonly signIn: {
    readonly codeTtlMs: number;
    readonly maxAttempts: number;
    readonly resendAfterMs: number;
    readonly sendsPerHour: number;
  };
  readonly smsSender: 'outbox';
}

/** Reads and validates the orders service's configuration; throws a ConfigError naming bad variables. */
export function loadOrdersConfig(env: Record<string, string | undefined>): OrdersConfig {
  const vars = parseEnv('orders', ordersEnvSchema, env);
  return {
    service: toServiceConfig('orders', vars),
    defaultRegion: vars.DEFAULT_REGION as CountryCode,
    registrationThresholdMs: vars.REGISTRATION_THRESHOLD,
    paymentWindowMs: vars.PAYMENT_WINDOW,
    currency: vars.CURRENCY,
    timerPollIntervalMs: Math.max(10, vars.TIMER_POLL_INTERVAL),
    outbox: { maxAttempts: vars.OUTBOX_MAX_ATTEMPTS, retentionMs: vars.OUTBOX_RETENTION },
    timerMaxAttempts: vars.TIMER_MAX_ATTEMPTS,
    catalogueTimeoutMs: vars.CATALOGUE_TIMEOUT,
    signIn: {
      codeTtlMs: vars.SIGN_IN_CODE_TTL,
      maxAttempts: vars.SIGN_IN_CODE_MAX_ATTEMPTS,
      resendAfterMs: vars.SIGN_IN_CODE_RESEND_AFTER,
      sendsPerHour: vars.SIGN_IN_CODE_SENDS_PER_HOUR,
    },
    smsSender: vars.SMS_SENDER,
  };
}

/** Injection token of the {@link OrdersConfig}. */
export const ORDERS_CONFIG = Symbol('ORDERS_CONFIG');
