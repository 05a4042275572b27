import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { z } from 'zod';
import { parseCidr, type Cidr } from './peer-allow-list';

const port = z.coerce.number().int().min(1).max(65535);

/** A comma list of `user:password` pairs for digest authentication; empty is none. */
const digestUsers = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const users = new Map<string, string>();
    for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
      const colon = entry.indexOf(':');
      if (colon <= 0 || colon === entry.length - 1) {
        ctx.addIssue({ code: 'custom', message: 'expected user:password pairs separated by commas' });
        return z.NEVER;
      }
      users.set(entry.slice(0, colon), entry.slice(colon + 1));
    }
    return users;
  });

const cidrs = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const list: Cidr[] = [];
    for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
      const cidr = parseCidr(entry);
      if (!cidr) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IPv4 address or CIDR (e.g. 198.51.100.0/24)` });
        return z.NEVER;
      }
      list.push(cidr);
    }
    return list;
  });

/** The SIP trunk's environment variables (README, configuration; docs/calls.md). */
export const sipEnvShape = {
  /** Whether call-ingest listens for SIP at all. */
  SIP_ENABLED: z.stringbool().default(false),
  /** 0 picks a free port (tests). */
  SIP_PORT: z.coerce.number().int().min(0).max(65535).default(5060),
  /** The address SIP (UDP and TCP) and RTP listen on. */
  SIP_BIND: z.string().default('0.0.0.0'),
  /** The IPv4 address peers reach us at, put in Contact and in the SDP; unset: SIP_BIND, or this host's first external address. */
  SIP_ADVERTISED_ADDRESS: z.ipv4().optional(),
  /** Trunk peers that may send calls without digest authentication (IPv4 addresses or CIDRs, comma separated). */
  SIP_ALLOWED_PEERS: cidrs,
  /** Digest authentication (RFC 2617 MD5) for peers not on the allow-list: `user:password,...`. */
  SIP_DIGEST_USERS: digestUsers,
  SIP_DIGEST_REALM: z.string().min(1).default('callcart'),
  /** Calls at once on this replica; more get 486 Busy Here (503 while shutting down). */
  SIP_MAX_CALLS: z.coerce.number().int().min(1).max(10_000).default(500),
  SIP_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1500).max(65_507).default(16 * 1024),
  SIP_MAX_HEADERS: z.coerce.number().int().min(10).max(500).default(80),
  /** Ringing before the 200 OK, in ms: 0 answers at once (the caller then hears the waiting audio). */
  SIP_ANSWER_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** RTP ports, inclusive; each call takes one even port (RTCP is not used). */
  RTP_PORT_MIN: port.default(20000),
  RTP_PORT_MAX: port.default(20999),
  /** Seconds without a caller's RTP packet before the call is ended (BYE, reason media-timeout); 0 never. */
  RTP_TIMEOUT: z.coerce.number().min(0).max(3600).default(30),
};

export interface SipConfig {
  readonly enabled: boolean;
  readonly port: number;
  readonly bind: string;
  readonly advertisedAddress: string;
  readonly allowedPeers: readonly Cidr[];
  readonly digestUsers: ReadonlyMap<string, string>;
  readonly digestRealm: string;
  readonly maxCalls: number;
  readonly maxMessageBytes: number;
  readonly maxHeaders: number;
  readonly answerDelayMs: number;
  readonly rtpPortMin: number;
  readonly rtpPortMax: number;
  readonly rtpTimeoutMs: number;
}

type SipEnv = z.output<z.ZodObject<typeof sipEnvShape>>;

function firstExternalAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    const external = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (external) return external.address;
  }
  return '127.0.0.1';
}

/** Checks that the RTP range is usable (refined into the env schema) */
export function rtpRangeProblem(env: { RTP_PORT_MIN: number; RTP_PORT_MAX: number }): string | undefined {
  return env.RTP_PORT_MAX - env.RTP_PORT_MIN < 1 ? 'RTP_PORT_MAX must be above RTP_PORT_MIN' : undefined;
}

export function toSipConfig(env: SipEnv): SipConfig {
  const bind = env.SIP_BIND;
  return {
    enabled: env.SIP_ENABLED,
    port: env.SIP_PORT,
    bind,
    advertisedAddress: env.SIP_ADVERTISED_ADDRESS ?? (isIPv4(bind) && bind !== '0.0.0.0' ? bind : firstExternalAddress()),
    allowedPeers: env.SIP_ALLOWED_PEERS,
    digestUsers: env.SIP_DIGEST_USERS,
    digestRealm: env.SIP_DIGEST_REALM,
    maxCalls: env.SIP_MAX_CALLS,
    maxMessageBytes: env.SIP_MAX_MESSAGE_BYTES,
    maxHeaders: env.SIP_MAX_HEADERS,
    answerDelayMs: env.SIP_ANSWER_DELAY_MS,
    rtpPortMin: env.RTP_PORT_MIN,
    rtpPortMax: env.RTP_PORT_MAX,
    rtpTimeoutMs: Math.round(env.RTP_TIMEOUT * 1000),
  };
}
