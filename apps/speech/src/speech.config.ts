import { hostname } from 'node:os';
import { z } from 'zod';
import type { Language } from '@callcart/contracts';
import { DEFAULT_WARPS, parseWarps } from './pocketsphinx/decoder-pool';
import { baseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

const LANGUAGES = { 'en-US': 'en', 'cmn-Hans-CN': 'zh' } as const satisfies Record<string, Language>;

/** The environment variables the speech service reads; see the README's configuration table. */
export const speechEnvSchema = baseEnvSchema.extend(httpPortEnv(3002).shape).extend({
  SPEECH_PROVIDER: z.enum(['pocketsphinx', 'google']).default('pocketsphinx'),
  SPEECH_LANGUAGE: z.enum(['en-US', 'cmn-Hans-CN']).default('en-US'),
  CLAIM_TTL_MS: z.coerce.number().int().min(300).max(60_000).default(1500),
  STREAM_RESTART_MS: z.coerce.number().int().min(1000).max(300_000).default(290_000),
  AUDIO_IDLE_MS: z.coerce.number().int().min(1000).default(30_000),
  /** The agents' sides recognised at once per worker (each a recogniser session beside its caller's); 0: callers only. */
  SPEECH_AGENT_SESSIONS_MAX: z.coerce.number().int().min(0).max(10_000).default(100),
  WORKER_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'letters, digits, ".", "-" or "_"').optional(),
  GOOGLE_SPEECH_ENDPOINT: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')
    .optional(),
  GOOGLE_SPEECH_INSECURE: z.stringbool().default(false),
  SPEECH_WARPS: z
    .string()
    .default(DEFAULT_WARPS.join(','))
    .transform((list, context) => {
      try {
        return parseWarps(list);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

export interface SpeechConfig {
  readonly service: ServiceConfig;
  readonly provider: 'pocketsphinx' | 'google';
  /** The recogniser's language code and the catalogue language it maps to. */
  readonly languageCode: keyof typeof LANGUAGES;
  readonly language: Language;
  readonly claimTtlMs: number;
  readonly streamRestartMs: number;
  readonly audioIdleMs: number;
  /** The agents' sides this worker recognises at once (0: none). */
  readonly maxAgentSessions: number;
  readonly workerId: string;
  /** (pocketsphinx) The frequency warps a call is decoded with until the caller's fit is known. */
  readonly warps: readonly number[];
  /** The google provider's endpoint: Google's own unless set (tests and emulators). */
  readonly google: GoogleSpeechEndpointConfig;
}

/** Where the google recogniser connects; credentials come from GOOGLE_APPLICATION_CREDENTIALS as usual. */
export interface GoogleSpeechEndpointConfig {
  readonly endpoint?: { readonly host: string; readonly port: number };
  /** Plaintext gRPC without Google auth: only for a local endpoint (tests, emulators). */
  readonly insecure: boolean;
}

/** Reads and validates the speech service's configuration; throws a ConfigError naming bad variables. */
export function loadSpeechConfig(env: Record<string, string | undefined>): SpeechConfig {
  const checked = speechEnvSchema
    .refine((vars) => !(vars.SPEECH_PROVIDER === 'pocketsphinx' && vars.SPEECH_LANGUAGE !== 'en-US'), {
      message: 'pocketsphinx has an English model only: use SPEECH_PROVIDER=google for cmn-Hans-CN',
      path: ['SPEECH_LANGUAGE'],
    })
    .refine((vars) => !(vars.GOOGLE_SPEECH_INSECURE && !vars.GOOGLE_SPEECH_ENDPOINT), {
      message: 'plaintext is for a local endpoint only: set GOOGLE_SPEECH_ENDPOINT too',
      path: ['GOOGLE_SPEECH_INSECURE'],
    });
  const vars = parseEnv('speech', checked as unknown as typeof speechEnvSchema, env);
  return {
    service: toServiceConfig('speech', vars),
    provider: vars.SPEECH_PROVIDER,
    languageCode: vars.SPEECH_LANGUAGE,
    language: LANGUAGES[vars.SPEECH_LANGUAGE],
    claimTtlMs: vars.CLAIM_TTL_MS,
    streamRestartMs: vars.STREAM_RESTART_MS,
    audioIdleMs: vars.AUDIO_IDLE_MS,
    maxAgentSessions: vars.SPEECH_AGENT_SESSIONS_MAX,
    workerId: vars.WORKER_ID ?? `${hostname()}-${process.pid}`,
    warps: vars.SPEECH_WARPS,
    google: { endpoint: parseEndpoint(vars.GOOGLE_SPEECH_ENDPOINT), insecure: vars.GOOGLE_SPEECH_INSECURE },
  };
}

function parseEndpoint(endpoint: string | undefined): GoogleSpeechEndpointConfig['endpoint'] {
  if (!endpoint) return undefined;
  const colon = endpoint.lastIndexOf(':');
  return { host: endpoint.slice(0, colon), port: Number(endpoint.slice(colon + 1)) };
}
