import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@callcart/service-kit';
import { loadOrdersConfig } from './orders.config';

function problems(env: Record<string, string>): string[] {
  try {
    loadOrdersConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.variable}: ${problem.problem}`);
    throw error;
  }
  return [];
}

describe('orders configuration: the SMS sender', () => {
  it('refuses the development outbox in production', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual(['SMS_SENDER: outbox is for development; production needs aliyun or twilio']);
    expect(problems({ NODE_ENV: 'production', SMS_SENDER: 'outbox' })).toHaveLength(1);
    expect(problems({ SMS_SENDER: 'outbox' })).toEqual([]);
  });

  it("names the chosen provider's missing settings", () => {
    expect(problems({ SMS_SENDER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5t' }).map((problem) => problem.split(':')[0])).toEqual([
      'ALIYUN_SMS_ACCESS_KEY_SECRET',
      'ALIYUN_SMS_SIGN_NAME',
      'ALIYUN_SMS_TEMPLATE_CODE',
    ]);
    expect(problems({ SMS_SENDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+1500', TWILIO_MESSAGING_SERVICE_SID: 'MG1' })).toEqual([
      'TWILIO_FROM: set exactly one of TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID',
    ]);
    expect(problems({ SMS_SENDER: 'sms-gateway' })[0]).toMatch(/^SMS_SENDER:/);
    expect(problems({ SMS_SENDER: 'twilio', TWILIO_ACCOUNT_SID: 'SK123', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+15005550006' })).toEqual(['TWILIO_ACCOUNT_SID: an account SID (AC…)']);
  });

  it('reads a complete provider', () => {
    const config = loadOrdersConfig({ NODE_ENV: 'production', SMS_SENDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_MESSAGING_SERVICE_SID: 'MG1' });
    expect(config.sms).toMatchObject({ sender: 'twilio', sendAttempts: 3, twilio: { accountSid: 'AC1', messagingServiceSid: 'MG1' } });
    expect(config.sms.twilio?.apiUrl.origin).toBe('https://api.twilio.com');
  });
});

describe('orders configuration: customer top-ups', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const bareBase64 = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');
  const alipay = {
    TOP_UP_PROVIDER: 'alipay',
    ALIPAY_APP_ID: '2021000117611234',
    ALIPAY_PRIVATE_KEY: bareBase64(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    ALIPAY_PUBLIC_KEY: bareBase64(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    ALIPAY_NOTIFY_URL: 'https://shop.example.cn/api/payments/alipay/notify',
  };

  it('is off unless a provider is chosen', () => {
    expect(loadOrdersConfig({}).topUps).toEqual({ provider: 'none', windowMs: 15 * 60_000, maxMinor: 500_000 });
  });

  it('reads keys as PEM (PKCS#1 or PKCS#8) or as the bare base64 Alipay prints', () => {
    const fromBase64 = loadOrdersConfig(alipay).topUps.alipay!;
    expect(fromBase64.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(fromBase64.alipayPublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(loadOrdersConfig({ ...alipay, ALIPAY_PRIVATE_KEY: pkcs1 }).topUps.alipay!.privateKey).toBe(fromBase64.privateKey);
  });

  it('names what is missing or is not a key', () => {
    expect(problems({ TOP_UP_PROVIDER: 'alipay', ALIPAY_APP_ID: '2021000117611234' }).map((problem) => problem.split(':')[0])).toEqual([
      'ALIPAY_PRIVATE_KEY',
      'ALIPAY_PUBLIC_KEY',
      'ALIPAY_NOTIFY_URL',
    ]);
    expect(problems({ ...alipay, ALIPAY_PRIVATE_KEY: 'not-a-key', ALIPAY_PUBLIC_KEY: alipay.ALIPAY_PRIVATE_KEY })).toEqual([
      'ALIPAY_PRIVATE_KEY: not an RSA private key (PEM, or base64 PKCS#8/PKCS#1)',
      "ALIPAY_PUBLIC_KEY: not Alipay's RSA public key (PEM or base64)",
    ]);
  });
});
