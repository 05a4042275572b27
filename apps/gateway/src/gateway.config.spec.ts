import { DEVELOPMENT_ADMIN_PASSWORD, loadGatewayConfig } from './gateway.config';

describe('gateway configuration defaults', () => {
  it('marks the session cookie Secure in production unless told otherwise, and not in development', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'production' }).cookieSecure).toBe(true);
    expect(loadGatewayConfig({ NODE_ENV: 'production', GATEWAY_COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadGatewayConfig({}).cookieSecure).toBe(false);
  });

  it('refuses the published development admin password in production, naming the variable', () => {
    const devAdmin = { GATEWAY_ADMIN_USERNAME: 'admin', GATEWAY_ADMIN_PASSWORD: DEVELOPMENT_ADMIN_PASSWORD };
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', ...devAdmin })).toThrow(/GATEWAY_ADMIN_PASSWORD: the published development password/);
    expect(loadGatewayConfig(devAdmin).firstAdmin?.password).toBe(DEVELOPMENT_ADMIN_PASSWORD);
    expect(loadGatewayConfig({ NODE_ENV: 'production', GATEWAY_ADMIN_USERNAME: 'admin', GATEWAY_ADMIN_PASSWORD: 'a-long-real-secret' }).firstAdmin).toBeDefined();
  });
});
