import { z } from 'zod';
import { languageSchema, type Language } from '@callcart/contracts';
import { baseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';
import { rtpRangeProblem, sipEnvShape, toSipConfig, type SipConfig } from './sip/sip.config';

/** The environment variables the call-ingest service reads; see the README's configuration table. */
export const callIngestEnvSchema = baseEnvSchema
  .extend(httpPortEnv(3001).shape)
  .extend({
    NODE_ENV: z.string().default('development'),
    /**
     * Production without TWILIO_AUTH_TOKEN: anyone reaching the port could start a call as any caller
     * and see that customer's screen pop. `true` accepts it for a private network (logged loudly).
     */
    CALL_INGEST_ALLOW_UNAUTHENTICATED: z.stringbool().default(false),
    /** Twilio's auth token: when set, voice webhooks must carry a valid `X-Twilio-Signature`; empty is unset. */
    TWILIO_AUTH_TOKEN: z
      .string()
      .optional()
      .transform((token) => (token === '' ? undefined : token)),
    /**
     * The service's public base URL as Twilio sees it (behind a proxy the Host header differs):
     * signatures are computed over it and the media stream URL is derived from it.
     */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'expected an http(s):// base URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /**
     * With TWILIO_AUTH_TOKEN set, also require Twilio's signature on the /media WebSocket upgrade
     * (HMAC over the stream URL we gave in TwiML). `false` only if a proxy rewrites that URL.
     */
    TWILIO_VALIDATE_MEDIA_SIGNATURE: z.stringbool().default(true),
    /** The largest WebSocket message accepted on /media; Twilio's are ~400 bytes. */
    MEDIA_MAX_FRAME_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
    ...sipEnvShape,
    /** The language of the greeting a waiting caller hears (the merchant's callers' language). */
    CALL_GREETING_LANGUAGE: languageSchema.default('en'),
  })
  .refine((env) => rtpRangeProblem(env) === undefined, { message: 'must be above RTP_PORT_MIN', path: ['RTP_PORT_MAX'] })
  .refine((env) => env.NODE_ENV !== 'production' || env.TWILIO_AUTH_TOKEN !== undefined || env.CALL_INGEST_ALLOW_UNAUTHENTICATED, {
    message: 'required in production (calls must be authenticated); or set CALL_INGEST_ALLOW_UNAUTHENTICATED=true on a private network',
    path: ['TWILIO_AUTH_TOKEN'],
  });

export interface CallIngestConfig {
  readonly service: ServiceConfig;
  readonly twilio: {
    /** Unset: webhooks are not authenticated (development only). */
    readonly authToken?: string;
    /** Whether /media upgrades must be signed too (only with an auth token). */
    readonly validateMediaSignature: boolean;
  };
  /** Unset: `http://127.0.0.1:<listening port>`. */
  readonly publicUrl?: string;
  readonly media: { readonly maxFrameBytes: number };
  /** What a caller hears back: the greeting's language. */
  readonly playout: { readonly greetingLanguage: Language };
  /** Production with no TWILIO_AUTH_TOKEN, accepted by CALL_INGEST_ALLOW_UNAUTHENTICATED (warned at start). */
  readonly unauthenticatedInProduction: boolean;
  /** The SIP trunk endpoint (off unless SIP_ENABLED). */
  readonly sip: SipConfig;
}

export const CALL_INGEST_CONFIG = Symbol('CALL_INGEST_CONFIG');

/** Reads and validates the call-ingest service's configuration; throws a ConfigError naming bad variables. */
export function loadCallIngestConfig(env: Record<string, string | undefined>): CallIngestConfig {
  const vars = parseEnv('call-ingest', callIngestEnvSchema, env);
  return {
    service: toServiceConfig('call-ingest', vars),
    twilio: { authToken: vars.TWILIO_AUTH_TOKEN, validateMediaSignature: vars.TWILIO_VALIDATE_MEDIA_SIGNATURE },
    publicUrl: vars.PUBLIC_URL,
    media: { maxFrameBytes: vars.MEDIA_MAX_FRAME_BYTES },
    playout: { greetingLanguage: vars.CALL_GREETING_LANGUAGE },
    unauthenticatedInProduction: vars.NODE_ENV === 'production' && vars.TWILIO_AUTH_TOKEN === undefined,
    sip: toSipConfig(vars),
  };
}
