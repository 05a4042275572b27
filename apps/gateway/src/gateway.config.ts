import { z } from 'zod';
import { getCountries, type CountryCode } from 'libphonenumber-js';
import { iceServersJsonSchema, type IceServer } from '@callcart/contracts';
import { baseEnvSchema, databaseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

/** Injection token of the gateway's {@link GatewayConfig}. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

const countries = new Set<string>(getCountries());

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Staff passwords are at least this long: the first admin's as much as any other. */
export const MIN_PASSWORD_LENGTH = 12;

/** The first admin's password `npm start` uses, printed in the README: never a production password. */
export const DEVELOPMENT_ADMIN_PASSWORD = 'callcart-dev-admin';

/** The environment variables the gateway service reads; see docs/gateway.md. */
export const gatewayEnvSchema = baseEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(httpPortEnv(3000).shape)
  .extend({
    NODE_ENV: z.string().default('development'),
    /** Where numbers without a country code are (as the orders service reads it): phone rate-limit keys are E.164. */
    DEFAULT_REGION: z
      .string()
      .toUpperCase()
      .refine((code) => countries.has(code), 'an ISO 3166-1 alpha-2 country code, e.g. CN or GB')
      .default('CN'),
    /** The first admin, created at start when no admin exists; both or neither. */
    GATEWAY_ADMIN_USERNAME: z.string().trim().regex(/^[a-z0-9._-]{3,64}$/, '3-64 lower-case letters, digits, ".", "_" or "-"').optional(),
    GATEWAY_ADMIN_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(200).optional(),
    /** Mark the session cookie `Secure` (behind HTTPS); unset: on in production, off elsewhere. */
    GATEWAY_COOKIE_SECURE: flag.optional(),
    /** Idle minutes after which a session ends; every request slides it. */
    GATEWAY_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 30).default(12 * 60),
    /** Hours after which a session ends however active it is (besides the idle timeout). */
    GATEWAY_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
    /** Failed sign-ins (or codes asked for) an account or phone number may have from one address within an hour before the backoff starts. */
    GATEWAY_SIGN_IN_FREE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    /** The same for one client address over every account and number. */
    GATEWAY_SIGN_IN_ADDRESS_FREE_FAILURES: z.coerce.number().int().min(1).max(10_000).default(30),
    /** The first backoff wait; it doubles with every further failure, up to the maximum. */
    GATEWAY_SIGN_IN_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(2),
    GATEWAY_SIGN_IN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(15 * 60),
    /** Where the built web app is (index.html and assets). */
    GATEWAY_WEB_ROOT: z.string().default('dist/apps/web'),
    /** How long the gateway waits for another service's reply. */
    GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /**
     * The origins (scheme://host[:port], comma-separated) whose pages may send state-changing
     * requests and open /api/live, besides the gateway's own origin (the request's Host).
     */
    GATEWAY_PUBLIC_ORIGINS: z
      .string()
      .optional()
      .transform((value, context) => {
        const origins = (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
        for (const origin of origins) {
          if (!isOrigin(origin)) context.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://shop.example.com` });
        }
        return origins;
      }),
    /** The port of GET /metrics (not served on the public HTTP port); replicas on one host need one each; 0 = any free port (tests). */
    GATEWAY_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9300),
    /** Express's `trust proxy`: which proxies' X-Forwarded-Proto/-For to believe (false, true, a hop count, loopback, a CIDR list). */
    GATEWAY_TRUST_PROXY: z.string().trim().default('false'),
    /** The STUN/TURN servers handed to the desk's softphone (JSON list; docs/voice.md). */
    ICE_SERVERS: iceServersJsonSchema,
    /** How long a call rings at an agent's desk (or a transfer at a colleague's) before it goes to the next agent. */
    GATEWAY_RING_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
    /** After a call, no call is routed to its agent for this long (or until they say they are ready); 0 = no wrap-up. */
    GATEWAY_WRAP_UP_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    /** After an agent's last desk socket closes, how long a page reload may take before they are made unavailable (`desk-closed`). */
    GATEWAY_DESK_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  })
  .refine((env) => (env.GATEWAY_ADMIN_USERNAME === undefined) === (env.GATEWAY_ADMIN_PASSWORD === undefined), {
    message: 'set GATEWAY_ADMIN_USERNAME and GATEWAY_ADMIN_PASSWORD together, or neither',
    path: ['GATEWAY_ADMIN_PASSWORD'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.GATEWAY_ADMIN_PASSWORD !== DEVELOPMENT_ADMIN_PASSWORD, {
    message: 'the published development password is refused in production: choose another',
    path: ['GATEWAY_ADMIN_PASSWORD'],
  });

export interface GatewayConfig {
  readonly service: ServiceConfig;
  readonly production: boolean;
  readonly defaultRegion: CountryCode;
  /** Absent: no first admin is created (a warning is logged when there is no admin yet). */
  readonly firstAdmin?: { readonly username: string; readonly password: string };
  readonly cookieSecure: boolean;
  readonly sessionIdleMs: number;
  readonly sessionMaxMs: number;
  readonly signInFreeFailures: { readonly perAccountAddress: number; readonly perAddress: number };
  readonly signInBackoff: { readonly baseMs: number; readonly maxMs: number };
  /** The development outbox of one-time codes is served to admins: never in production. */
  readonly devOutbox: boolean;
  readonly webRoot: string;
  readonly requestTimeoutMs: number;
  /** Origins allowed to send state-changing requests besides the gateway's own (docs/security.md). */
  readonly publicOrigins: readonly string[];
  /** Where GET /metrics is served (main.ts), apart from the public port. */
  readonly metricsPort: number;
  /** Express's `trust proxy` setting: decides whether X-Forwarded-Proto makes a request HTTPS (HSTS). */
  readonly trustProxy: boolean | number | string;
  /** The STUN/TURN servers the desk's browsers gather WebRTC candidates with. */
  readonly iceServers: readonly IceServer[];
  /** Call routing's timers (decision 0051). */
  readonly routing: { readonly ringTimeoutMs: number; readonly wrapUpMs: number; readonly deskGraceMs: number };
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
  } catch {
    return false;
  }
}

/** The Vite development server (`npm run dev:web`) proxies /api to the gateway from this origin. */
const DEV_WEB_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

/** Express's `trust proxy` value from its text form. */
function trustProxyOf(text: string): boolean | number | string {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^[0-9]+$/.test(text) ? Number(text) : text;
}

/** Reads and validates the gateway service's configuration; throws a ConfigError naming bad variables. */
export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const vars = parseEnv('gateway', gatewayEnvSchema, env);
  const production = vars.NODE_ENV === 'production';
  return {
    service: toServiceConfig('gateway', vars),
    production,
    defaultRegion: vars.DEFAULT_REGION as CountryCode,
    firstAdmin:
      vars.GATEWAY_ADMIN_USERNAME && vars.GATEWAY_ADMIN_PASSWORD
        ? { username: vars.GATEWAY_ADMIN_USERNAME, password: vars.GATEWAY_ADMIN_PASSWORD }
        : undefined,
    cookieSecure: vars.GATEWAY_COOKIE_SECURE ?? production,
    sessionIdleMs: vars.GATEWAY_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: vars.GATEWAY_SESSION_MAX_HOURS * 3_600_000,
    signInFreeFailures: { perAccountAddress: vars.GATEWAY_SIGN_IN_FREE_FAILURES, perAddress: vars.GATEWAY_SIGN_IN_ADDRESS_FREE_FAILURES },
    signInBackoff: { baseMs: vars.GATEWAY_SIGN_IN_BACKOFF_BASE_SECONDS * 1000, maxMs: vars.GATEWAY_SIGN_IN_BACKOFF_MAX_SECONDS * 1000 },
    devOutbox: !production,
    webRoot: vars.GATEWAY_WEB_ROOT,
    requestTimeoutMs: vars.GATEWAY_REQUEST_TIMEOUT_MS,
    publicOrigins: vars.GATEWAY_PUBLIC_ORIGINS.length > 0 || production ? vars.GATEWAY_PUBLIC_ORIGINS : DEV_WEB_ORIGINS,
    metricsPort: vars.GATEWAY_METRICS_PORT,
    trustProxy: trustProxyOf(vars.GATEWAY_TRUST_PROXY),
    iceServers: vars.ICE_SERVERS,
    routing: {
      ringTimeoutMs: vars.GATEWAY_RING_TIMEOUT_SECONDS * 1000,
      wrapUpMs: vars.GATEWAY_WRAP_UP_SECONDS * 1000,
      deskGraceMs: vars.GATEWAY_DESK_GRACE_SECONDS * 1000,
    },
  };
}
