import { createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '@callcart/service-kit';
import { durationMsSchema } from '../shared/duration';

/** The top-up variables of the orders service (README, configuration). */
export const topUpEnvSchema = z.object({
  /** How customers top up their own wallet: `none` (staff only) or `alipay`. */
  TOP_UP_PROVIDER: z.enum(['none', 'alipay']).default('none'),
  /** A top-up not paid within this long expires (and the provider is told to refuse it after). */
  TOP_UP_WINDOW: durationMsSchema.prefault('15m'),
  /** The largest top-up a customer may start, in minor units (CN¥5,000). */
  TOP_UP_MAX_MINOR: z.coerce.number().int().min(1).default(500_000),
  ALIPAY_APP_ID: z.string().regex(/^\d{10,32}$/, 'the Alipay app id (digits)').optional(),
  ALIPAY_PRIVATE_KEY: z.string().optional(),
  ALIPAY_PUBLIC_KEY: z.string().optional(),
  /** The public URL of the gateway's notification endpoint, e.g. https://shop.example.cn/api/payments/alipay/notify */
  ALIPAY_NOTIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
  ALIPAY_GATEWAY: z.url({ protocol: /^https?$/ }).default('https://openapi.alipay.com/gateway.do'),
  /** When set, a notification for another seller (`seller_id`) is not credited. */
  ALIPAY_SELLER_ID: z.string().optional(),
});

type TopUpEnv = z.infer<typeof topUpEnvSchema>;

export interface AlipayConfig {
  readonly appId: string;
  /** PKCS#8 PEM, whichever encoding was given. */
  readonly privateKey: string;
  readonly alipayPublicKey: string;
  readonly notifyUrl: string;
  readonly gateway: string;
  readonly sellerId?: string;
}

export interface TopUpConfig {
  readonly provider: TopUpEnv['TOP_UP_PROVIDER'];
  readonly windowMs: number;
  readonly maxMinor: number;
  readonly alipay?: AlipayConfig;
}

/** Reads a key given as PEM or as the bare base64 that Alipay's key tool prints, as PEM; undefined if it is no key. */
function readKey(text: string, kind: 'private' | 'public'): string | undefined {
  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  // Node derives a public key from a private one: a private key pasted as Alipay's is a mistake to name, not to accept.
  if (kind === 'public' && readKey(text, 'private') !== undefined) return undefined;
  const attempts =
    kind === 'private'
      ? [() => createPrivateKey(text), () => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), () => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })]
      : [() => createPublicKey(text), () => createPublicKey({ key: der, format: 'der', type: 'spki' }), () => createPublicKey({ key: der, format: 'der', type: 'pkcs1' })];
  for (const attempt of attempts) {
    try {
      const key = attempt();
      if (key.asymmetricKeyType !== 'rsa') return undefined;
      return key.export(kind === 'private' ? { type: 'pkcs8', format: 'pem' } : { type: 'spki', format: 'pem' }).toString();
    } catch {
      // not this encoding: try the next
    }
  }
  return undefined;
}

/** The typed top-up settings; with `alipay`, every Alipay variable is checked (ConfigError names the bad ones). */
export function readTopUpConfig(service: string, vars: TopUpEnv): TopUpConfig {
  const base = { provider: vars.TOP_UP_PROVIDER, windowMs: vars.TOP_UP_WINDOW, maxMinor: vars.TOP_UP_MAX_MINOR };
  if (vars.TOP_UP_PROVIDER !== 'alipay') return base;
  const problems: { variable: string; problem: string }[] = [];
  for (const name of ['ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY', 'ALIPAY_NOTIFY_URL'] as const) {
    if (vars[name] === undefined) problems.push({ variable: name, problem: 'required with TOP_UP_PROVIDER=alipay' });
  }
  const privateKey = vars.ALIPAY_PRIVATE_KEY === undefined ? undefined : readKey(vars.ALIPAY_PRIVATE_KEY, 'private');
  const publicKey = vars.ALIPAY_PUBLIC_KEY === undefined ? undefined : readKey(vars.ALIPAY_PUBLIC_KEY, 'public');
  if (vars.ALIPAY_PRIVATE_KEY !== undefined && !privateKey) problems.push({ variable: 'ALIPAY_PRIVATE_KEY', problem: 'not an RSA private key (PEM, or base64 PKCS#8/PKCS#1)' });
  if (vars.ALIPAY_PUBLIC_KEY !== undefined && !publicKey) problems.push({ variable: 'ALIPAY_PUBLIC_KEY', problem: "not Alipay's RSA public key (PEM or base64)" });
  if (problems.length > 0) throw new ConfigError(service, problems);
  return {
    ...base,
    alipay: {
      appId: vars.ALIPAY_APP_ID!,
      privateKey: privateKey!,
      alipayPublicKey: publicKey!,
      notifyUrl: vars.ALIPAY_NOTIFY_URL!,
      gateway: vars.ALIPAY_GATEWAY,
      sellerId: vars.ALIPAY_SELLER_ID,
    },
  };
}
