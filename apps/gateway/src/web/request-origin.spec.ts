import { loadGatewayConfig } from '../gateway.config';
import { isTrustedOrigin } from './request-origin';

describe('isTrustedOrigin', () => {
  const host = 'shop.example.com';

  it('trusts the gateway’s own origin and the configured ones, nothing else', () => {
    expect(isTrustedOrigin({ host, origin: 'https://shop.example.com' }, [])).toBe(true);
    expect(isTrustedOrigin({ host, origin: 'https://desk.example.com' }, ['https://desk.example.com'])).toBe(true);
    expect(isTrustedOrigin({ host, origin: 'https://evil.example.com' }, ['https://desk.example.com'])).toBe(false);
    expect(isTrustedOrigin({ host, origin: 'https://shop.example.com:8443' }, [])).toBe(false);
    expect(isTrustedOrigin({ host, origin: 'null' }, [])).toBe(false);
  });

  it('without Origin, goes by Sec-Fetch-Site; with neither it is not a browser', () => {
    expect(isTrustedOrigin({ host, 'sec-fetch-site': 'same-origin' }, [])).toBe(true);
    expect(isTrustedOrigin({ host, 'sec-fetch-site': 'none' }, [])).toBe(true);
    expect(isTrustedOrigin({ host, 'sec-fetch-site': 'same-site' }, [])).toBe(false);
    expect(isTrustedOrigin({ host, 'sec-fetch-site': 'cross-site' }, [])).toBe(false);
    expect(isTrustedOrigin({ host }, [])).toBe(true);
  });
});

describe('GATEWAY_PUBLIC_ORIGINS', () => {
  const base = { NATS_URL: 'nats://127.0.0.1:4222', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' };

  it('defaults to the Vite dev server in development and to none in production', () => {
    expect(loadGatewayConfig(base).publicOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
    expect(loadGatewayConfig({ ...base, NODE_ENV: 'production', GATEWAY_ADMIN_USERNAME: undefined }).publicOrigins).toEqual([]);
    expect(loadGatewayConfig({ ...base, GATEWAY_PUBLIC_ORIGINS: 'https://a.example, https://b.example:8443' }).publicOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
  });

  it('refuses something that is not an origin, naming the variable', () => {
    expect(() => loadGatewayConfig({ ...base, GATEWAY_PUBLIC_ORIGINS: 'https://a.example/path' })).toThrow(/GATEWAY_PUBLIC_ORIGINS/);
    expect(() => loadGatewayConfig({ ...base, GATEWAY_PUBLIC_ORIGINS: 'shop.example.com' })).toThrow(/GATEWAY_PUBLIC_ORIGINS/);
  });
});
