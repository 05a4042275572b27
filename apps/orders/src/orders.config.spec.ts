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
  });

  it('reads a complete provider', () => {
    const config = loadOrdersConfig({ NODE_ENV: 'production', SMS_SENDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_MESSAGING_SERVICE_SID: 'MG1' });
    expect(config.sms).toMatchObject({ sender: 'twilio', sendAttempts: 3, twilio: { accountSid: 'AC1', messagingServiceSid: 'MG1' } });
    expect(config.sms.twilio?.apiUrl.origin).toBe('https://api.twilio.com');
  });
});
