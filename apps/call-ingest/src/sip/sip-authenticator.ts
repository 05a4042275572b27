import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isAllowedPeer } from './peer-allow-list';
import type { SipConfig } from './sip.config';

/** How long a nonce we issued is accepted. */
const NONCE_LIFETIME_MS = 5 * 60 * 1000;

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** The outcome of checking a request: let in, challenge (401) or refuse (403). */
export type SipAdmission =
  | { readonly verdict: 'allowed'; readonly by: 'peer' | 'digest' | 'loopback' }
  | { readonly verdict: 'challenge'; readonly wwwAuthenticate: string }
  | { readonly verdict: 'forbidden'; readonly reason: string };

/** Reads `Digest a="b", c=d` into its parameters. */
export function parseDigestCredentials(value: string): Map<string, string> | undefined {
  const match = /^\s*digest\s+(.*)$/is.exec(value);
  if (!match) return undefined;
  const params = new Map<string, string>();
  const pattern = /\s*([a-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))\s*,?/giy;
  const text = match[1];
  let part: RegExpExecArray | null;
  while ((part = pattern.exec(text)) !== null) params.set(part[1].toLowerCase(), part[2] ?? part[3]);
  return params;
}

/**
 * Who may send calls: peers on `SIP_ALLOWED_PEERS`, else callers that answer a digest challenge
 * (RFC 2617 MD5, qop=auth) for a user of `SIP_DIGEST_USERS`; with neither configured, only this
 * host (development). Nonces are signed timestamps, so any replica accepts another's and nothing
 * is stored per challenge.
 */
export class SipAuthenticator {
  private readonly secret = randomBytes(32);

  constructor(private readonly config: Pick<SipConfig, 'allowedPeers' | 'digestUsers' | 'digestRealm'>) {}

  check(peerAddress: string, method: string, authorization: string | undefined, now = Date.now()): SipAdmission {
    const { allowedPeers, digestUsers } = this.config;
    if (isAllowedPeer(peerAddress, allowedPeers)) return { verdict: 'allowed', by: 'peer' };
    if (allowedPeers.length === 0 && digestUsers.size === 0) {
      const loopback = peerAddress === '127.0.0.1' || peerAddress === '::1' || peerAddress.startsWith('127.') || peerAddress === '::ffff:127.0.0.1';
      return loopback ? { verdict: 'allowed', by: 'loopback' } : { verdict: 'forbidden', reason: 'no SIP_ALLOWED_PEERS or SIP_DIGEST_USERS: only this host may call' };
    }
    if (digestUsers.size === 0) return { verdict: 'forbidden', reason: 'peer not in SIP_ALLOWED_PEERS' };
    // ACK and CANCEL cannot be challenged (RFC 3261 §22.1); they only act on an admitted INVITE.
    if (method === 'ACK' || method === 'CANCEL') return { verdict: 'forbidden', reason: `${method} for no admitted call` };
    if (authorization === undefined) return this.challenge(now, false);
    return this.verify(method, authorization, now);
  }

  private challenge(now: number, stale: boolean): SipAdmission {
    const realm = this.config.digestRealm;
    return {
      verdict: 'challenge',
      wwwAuthenticate: `Digest realm="${realm}", nonce="${this.nonce(now)}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`,
    };
  }

  private nonce(now: number): string {
    const issued = now.toString(36);
    return `${issued}.${createHmac('sha256', this.secret).update(issued).digest('base64url').slice(0, 22)}`;
  }

  private nonceAge(nonce: string, now: number): number | undefined {
    const [issued] = nonce.split('.');
    const expected = Buffer.from(this.nonce(parseInt(issued, 36)));
    const given = Buffer.from(nonce);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return now - parseInt(issued, 36);
  }

  private verify(method: string, authorization: string, now: number): SipAdmission {
    const params = parseDigestCredentials(authorization);
    const username = params?.get('username');
    const password = username === undefined ? undefined : this.config.digestUsers.get(username);
    const nonce = params?.get('nonce') ?? '';
    const uri = params?.get('uri');
    if (!params || password === undefined || uri === undefined || params.get('realm') !== this.config.digestRealm) {
      return { verdict: 'forbidden', reason: 'unknown user or realm' };
    }
    const age = this.nonceAge(nonce, now);
    if (age === undefined) return { verdict: 'forbidden', reason: 'nonce not ours' };
    const ha1 = md5(`${username}:${this.config.digestRealm}:${password}`);
    const ha2 = md5(`${method}:${uri}`);
    const qop = params.get('qop');
    const expected = qop === 'auth' ? md5(`${ha1}:${nonce}:${params.get('nc')}:${params.get('cnonce')}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
    const given = Buffer.from(params.get('response') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return { verdict: 'forbidden', reason: 'wrong digest response' };
    if (age < 0 || age > NONCE_LIFETIME_MS) return this.challenge(now, true);
    return { verdict: 'allowed', by: 'digest' };
  }
}
