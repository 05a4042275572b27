import { checkStreamToken, mintStreamToken, STREAM_TOKEN_LIFETIME_MS } from './stream-token';

describe('stream tokens', () => {
  const secret = 'auth-token';
  it('accept the call they were minted for within their lifetime only', () => {
    const token = mintStreamToken(secret, 'CA1', 1_000);
    expect(checkStreamToken(secret, 'CA1', token, 1_000)).toBeUndefined();
    expect(checkStreamToken(secret, 'CA1', token, 1_000 + STREAM_TOKEN_LIFETIME_MS + 1)).toBe('expired');
    expect(checkStreamToken(secret, 'CA2', token, 1_000)).toBe('forged');
    expect(checkStreamToken('other-token', 'CA1', token, 1_000)).toBe('forged');
    expect(checkStreamToken(secret, 'CA1', token.replace(/^v1\.\d+/, 'v1.99999999999'), 1_000)).toBe('forged');
    expect(checkStreamToken(secret, 'CA1', undefined, 1_000)).toBe('missing');
    expect(checkStreamToken(secret, 'CA1', 'v1.x.y', 1_000)).toBe('malformed');
  });
});
