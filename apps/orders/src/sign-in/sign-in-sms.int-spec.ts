import { signInRequestCodeV1, signInVerifyCodeV1, smsOutboxListV1 } from '@callcart/contracts';
import { newPhone, OrdersWorld } from '../orders-world.spec-helper';
import { FakeTwilio, twilioError } from './fake-twilio.spec-helper';

const credentials = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'token-never-logged-5e1d' };

describe('sign-in codes through an SMS provider (Twilio, played locally)', () => {
  let world: OrdersWorld;
  let twilio: FakeTwilio;
  let metricsUrl: string;

  beforeAll(async () => {
    twilio = await FakeTwilio.start(credentials);
    world = await OrdersWorld.create();
    const replica = await world.startReplica({
      SMS_SENDER: 'twilio',
      TWILIO_ACCOUNT_SID: credentials.accountSid,
      TWILIO_AUTH_TOKEN: credentials.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_URL: twilio.url,
      SMS_SEND_ATTEMPTS: '3',
      SMS_RETRY_BACKOFF: '20ms',
      SIGN_IN_CODE_RESEND_AFTER: '0s',
    });
    metricsUrl = `${replica.url}/metrics`;
  });

  afterAll(async () => {
    await world.close();
    await twilio.close();
  });

  beforeEach(() => {
    twilio.script = () => undefined;
  });

  function requestsTo(phone: string): number {
    return twilio.requests.filter((request) => new URLSearchParams(request.body).get('To') === phone).length;
  }

  async function storedCodes(phone: string) {
    return world.sql(`SELECT "phone" FROM @.one_time_code WHERE "phone" = $1 UNION ALL SELECT "phone" FROM @.code_send WHERE "phone" = $1`, [phone]);
  }

  it('texts the code through Twilio, and that code signs the customer in; there is no outbox', async () => {
    const phone = newPhone();
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: true, phone });
    const text = twilio.accepted.find((sms) => sms.to === phone)!.body;
    const code = /\b(\d{6})\b/.exec(text)![1];
    await expect(world.client.request(signInVerifyCodeV1, { phone, code })).resolves.toMatchObject({ ok: true, customer: { phone } });
    await expect(world.client.request(smsOutboxListV1, { limit: 5 })).resolves.toMatchObject({ ok: false, code: 'OUTBOX_DISABLED' });
  });

  it('retries transient failures with backoff and sends once they pass', async () => {
    const phone = newPhone();
    let failures = 2;
    twilio.script = () => (failures-- > 0 ? twilioError(503, 20500, 'Service unavailable') : undefined);
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: true });
    expect(requestsTo(phone)).toBe(3);
  });

  it('reports a code that could not be sent, stores nothing, and counts it', async () => {
    const phone = newPhone();
    twilio.script = () => twilioError(500, 20500, 'Internal Server Error');
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toEqual({ ok: false, code: 'SMS_NOT_SENT', message: 'could not send the code, try again' });
    expect(requestsTo(phone)).toBe(3);
    await expect(storedCodes(phone)).resolves.toEqual([]);
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metrics).toMatch(/callcart_orders_sms_failed_total\{sender="twilio",reason="transient"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/callcart_orders_sms_retries_total\{sender="twilio"[^}]*\} [1-9]/);
    twilio.script = () => undefined;
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: true });
  });

  it('does not retry a refusal: an invalid number is told as such, once', async () => {
    const phone = newPhone();
    twilio.script = () => twilioError(400, 21211, `The 'To' number ${phone} is not a valid phone number.`);
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: false, code: 'INVALID_PHONE' });
    expect(requestsTo(phone)).toBe(1);
    await expect(storedCodes(phone)).resolves.toEqual([]);
  });
});
