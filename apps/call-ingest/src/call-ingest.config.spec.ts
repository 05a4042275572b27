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

describe('call-ingest configuration of the SIP trunk', () => {
  it('is off by default, with the documented defaults', () => {
    expect(loadCallIngestConfig({}).sip).toMatchObject({ enabled: false, port: 5060, rtpPortMin: 20000, rtpPortMax: 20999, rtpTimeoutMs: 30_000, maxCalls: 500, answerDelayMs: 0 });
  });

  it('reads peers, digest users and the RTP timeout', () => {
    const sip = loadCallIngestConfig({ SIP_ENABLED: 'true', SIP_ALLOWED_PEERS: '198.51.100.0/24, 203.0.113.7', SIP_DIGEST_USERS: 'trunk:s3:cret,pbx:pw', RTP_TIMEOUT: '1.5' }).sip;
    expect(sip.allowedPeers).toHaveLength(2);
    expect([...sip.digestUsers]).toEqual([
      ['trunk', 's3:cret'],
      ['pbx', 'pw'],
    ]);
    expect(sip.rtpTimeoutMs).toBe(1500);
  });

  it.each([
    [{ SIP_ALLOWED_PEERS: 'pbx.example.cn' }, /SIP_ALLOWED_PEERS/],
    [{ SIP_DIGEST_USERS: 'no-password' }, /SIP_DIGEST_USERS/],
    [{ RTP_PORT_MIN: '30000', RTP_PORT_MAX: '30000' }, /RTP_PORT_MAX/],
    [{ SIP_ADVERTISED_ADDRESS: 'callcart.example.cn' }, /SIP_ADVERTISED_ADDRESS/],
  ])('refuses %j, naming the variable', (env, variable) => {
    expect(() => loadCallIngestConfig(env)).toThrow(variable);
  });
});
