import { loadCallIngestConfig } from './call-ingest.config';

describe('call-ingest configuration in production', () => {
  it('refuses to start without a way to authenticate callers, naming the variable', () => {
    expect(() => loadCallIngestConfig({ NODE_ENV: 'production' })).toThrow(/TWILIO_AUTH_TOKEN: required in production/);
    expect(() => loadCallIngestConfig({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: '' })).toThrow(/TWILIO_AUTH_TOKEN/);
  });

  it('starts with a token, or with the explicit opt-out (flagged for the loud warning)', () => {
    expect(loadCallIngestConfig({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'tok' })).toMatchObject({
      twilio: { authToken: 'tok' },
      unauthenticatedInProduction: false,
    });
    expect(loadCallIngestConfig({ NODE_ENV: 'production', CALL_INGEST_ALLOW_UNAUTHENTICATED: 'true' }).unauthenticatedInProduction).toBe(true);
    expect(loadCallIngestConfig({}).unauthenticatedInProduction).toBe(false);
  });
});
