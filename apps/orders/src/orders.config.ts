import { z } from 'zod';
import { getCountries, type CountryCode } from 'libphonenumber-js';
import { baseEnvSchema, ConfigError, databaseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';
import { durationMsSchema } from './shared/duration';
import { readSmsConfig, smsEnvSchema, type SmsConfig } from './sign-in/sms.config';
import { readTopUpConfig, topUpEnvSchema, type TopUpConfig } from './top-ups/top-ups.config';

const countries = new Set<string>(getCountries());

/** The staff roles top-ups are limited by (as the gateway names them). */
export const TOP_UP_ROLES = ['agent', 'catalogue-manager', 'admin'] as const;
export type TopUpRole = (typeof TOP_UP_ROLES)[number];

/** What one role may credit: per top-up, and per staff member over the last 24 hours (minor units). */
export interface TopUpLimit {
  readonly perTopUpMinor: number;
  readonly perDayMinor: number;
}

/** No limit may pass this (10^12 minor units): sums of them stay far inside the safe integer range. */
const TOP_UP_LIMIT_CEILING = 10 ** 12;

/** `agent=100000/1000000,admin=...`: a role, its per-top-up and its per-day limit; unnamed roles keep their default. */
const topUpLimitsSchema = z
  .string()
  .transform((text, context) => {
    const limits: Partial<Record<TopUpRole, TopUpLimit>> = {};
    for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
      const match = /^([a-z-]+)=(\d{1,13})\/(\d{1,13})$/.exec(part);
      const role = match?.[1] as TopUpRole | undefined;
      const [perTopUpMinor, perDayMinor] = [Number(match?.[2]), Number(match?.[3])];
      if (!match || !TOP_UP_ROLES.includes(role!) || perTopUpMinor < 1 || perDayMinor < perTopUpMinor || perDayMinor > TOP_UP_LIMIT_CEILING) {
        context.addIssue({ code: 'custom', message: `"${part}" is not ROLE=PER_TOP_UP/PER_DAY (roles ${TOP_UP_ROLES.join(', ')}; 1 <= per top-up <= per day <= 10^12 minor units)` });
        return z.NEVER;
      }
      limits[role!] = { perTopUpMinor, perDayMinor };
    }
    return limits;
  });

/** Defaults in minor units: agents and catalogue managers CN¥1,000 a top-up and CN¥10,000 a day; admins a hundred times that. */
const DEFAULT_TOP_UP_LIMITS: Record<TopUpRole, TopUpLimit> = {
  agent: { perTopUpMinor: 100_000, perDayMinor: 1_000_000 },
  'catalogue-manager': { perTopUpMinor: 100_000, perDayMinor: 1_000_000 },
  admin: { perTopUpMinor: 10_000_000, perDayMinor: 100_000_000 },
};

/** The environment variables the orders service reads; see the README's configuration table. */
export const ordersEnvSchema = baseEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(httpPortEnv(3004).shape)
  .extend(smsEnvSchema.shape)
  .extend(topUpEnvSchema.shape)
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
    /** One-time sign-in codes: lifetime, wrong tries per code, pause between sends to one number from one address, sends per hour per number (all addresses) and per number from one address (decision 0075). */
    SIGN_IN_CODE_TTL: durationMsSchema.prefault('5m'),
    SIGN_IN_CODE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    SIGN_IN_CODE_RESEND_AFTER: durationMsSchema.prefault('60s'),
    SIGN_IN_CODE_SENDS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(30),
    SIGN_IN_CODE_SENDS_PER_HOUR_PER_ADDRESS: z.coerce.number().int().min(1).max(100).default(5),
    /** Top-up limits per staff role, `ROLE=PER_TOP_UP/PER_DAY` in minor units, comma-separated (decision 0077). */
    WALLET_TOP_UP_LIMITS: topUpLimitsSchema.prefault(''),
    /** `production` refuses the development SMS outbox. */
    NODE_ENV: z.string().default('development'),
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
    readonly sendsPerHourPerAddress: number;
  };
  readonly sms: SmsConfig;
  readonly topUps: TopUpConfig;
  readonly topUpLimits: Readonly<Record<TopUpRole, TopUpLimit>>;
}

/** Reads and validates the orders service's configuration; throws a ConfigError naming bad variables. */
export function loadOrdersConfig(env: Record<string, string | undefined>): OrdersConfig {
  const vars = parseEnv('orders', ordersEnvSchema, env);
  if (vars.NODE_ENV === 'production' && vars.SMS_SENDER === 'outbox') throw new ConfigError('orders', [{ variable: 'SMS_SENDER', problem: 'outbox is for development; production needs aliyun or twilio' }]);
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
      sendsPerHourPerAddress: vars.SIGN_IN_CODE_SENDS_PER_HOUR_PER_ADDRESS,
    },
    sms: readSmsConfig('orders', vars),
    topUps: readTopUpConfig('orders', vars),
    topUpLimits: { ...DEFAULT_TOP_UP_LIMITS, ...vars.WALLET_TOP_UP_LIMITS },
  };
}

/** Injection token of the {@link OrdersConfig}. */
export const ORDERS_CONFIG = Symbol('ORDERS_CONFIG');
