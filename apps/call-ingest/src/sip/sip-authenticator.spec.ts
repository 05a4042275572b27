import { createHash } from 'node:crypto';
import { parseCidr } from './peer-allow-list';
import { parseDigestCredentials, SipAuthenticator } from './sip-authenticator';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** What a UAC computes from a challenge (RFC 2617 with qop=auth). */
function answer(challenge: string, user: string, password: string, method: string, uri: string): string {
  const params = parseDigestCredentials(challenge)!;
  const realm = params.get('realm')!;
  const nonce = params.get('nonce')!;
  const response = md5(`${md5(`${user}:${realm}:${password}`)}:${nonce}:00000001:c0ffee:auth:${md5(`${method}:${uri}`)}`);
  return `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", qop=auth, nc=00000001, cnonce="c0ffee", response="${response}", algorithm=MD5`;
}

describe('SIP admission: allow-list and digest', () => {
  const config = { allowedPeers: [parseCidr('198.51.100.0/24')!], digestUsers: new Map([['trunk', 's3cret']]), digestRealm: 'callcart' };

  it('lets allowed peers in without credentials (IPv4-mapped addresses too)', () => {
    const auth = new SipAuthenticator(config);
    expect(auth.check('198.51.100.7', 'INVITE', undefined)).toEqual({ verdict: 'allowed', by: 'peer' });
    expect(auth.check('::ffff:198.51.100.200', 'INVITE', undefined)).toEqual({ verdict: 'allowed', by: 'peer' });
  });

  it('challenges others, and admits the right answer to the challenge', () => {
    const auth = new SipAuthenticator(config);
    const challenge = auth.check('203.0.113.9', 'INVITE', undefined);
    expect(challenge.verdict).toBe('challenge');
    const header = (challenge as { wwwAuthenticate: string }).wwwAuthenticate;
    expect(auth.check('203.0.113.9', 'INVITE', answer(header, 'trunk', 's3cret', 'INVITE', 'sip:+864001234567@callcart'))).toEqual({ verdict: 'allowed', by: 'digest' });
    expect(auth.check('203.0.113.9', 'INVITE', answer(header, 'trunk', 'guess', 'INVITE', 'sip:x@y')).verdict).toBe('forbidden');
    expect(auth.check('203.0.113.9', 'INVITE', answer(header, 'nobody', 's3cret', 'INVITE', 'sip:x@y')).verdict).toBe('forbidden');
  });

  it('refuses a nonce it did not issue, and re-challenges (stale) an old one', () => {
    const auth = new SipAuthenticator(config);
    const forged = answer('Digest realm="callcart", nonce="l0ng.forged"', 'trunk', 's3cret', 'INVITE', 'sip:x@y');
    expect(auth.check('203.0.113.9', 'INVITE', forged).verdict).toBe('forbidden');
    const old = (auth.check('203.0.113.9', 'INVITE', undefined, 0) as { wwwAuthenticate: string }).wwwAuthenticate;
    const stale = auth.check('203.0.113.9', 'INVITE', answer(old, 'trunk', 's3cret', 'INVITE', 'sip:x@y'), 10 * 60 * 1000);
    expect(stale).toMatchObject({ verdict: 'challenge', wwwAuthenticate: expect.stringContaining('stale=true') });
  });

  it('with neither list configured, only this host may call', () => {
    const auth = new SipAuthenticator({ allowedPeers: [], digestUsers: new Map(), digestRealm: 'callcart' });
    expect(auth.check('127.0.0.1', 'INVITE', undefined).verdict).toBe('allowed');
    expect(auth.check('203.0.113.9', 'INVITE', undefined).verdict).toBe('forbidden');
  });

  it('with an allow-list only, others are forbidden outright', () => {
    const auth = new SipAuthenticator({ ...config, digestUsers: new Map() });
    expect(auth.check('203.0.113.9', 'OPTIONS', undefined).verdict).toBe('forbidden');
  });

  it('reads CIDRs strictly', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ network: 0x0a000000, prefix: 8 });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'example.com', '10.0.0.0/8/1', '10.0.0.0/']) expect(parseCidr(bad)).toBeUndefined();
  });
});
