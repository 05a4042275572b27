import { customerRegisteredV1, signInRequestCodeV1, signInVerifyCodeV1, smsOutboxListV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { newPhone, OrdersWorld } from '../orders-world.spec-helper';

describe('website sign-in with a one-time code', () => {
  let world: OrdersWorld;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    // The production defaults: tests move time forward (`elapse`) instead of racing short TTLs.
    await world.startReplica({ SIGN_IN_CODE_TTL: '5m', SIGN_IN_CODE_RESEND_AFTER: '60s', SIGN_IN_CODE_SENDS_PER_HOUR: '3' });
  });

  afterAll(async () => {
    await world.close();
  });

  /**
   * As if `ms` had passed for this number: every time the service compares with the clock (code
   * expiry, send times for the resend pause and the hourly limit) moves back by `ms`.
   */
  async function elapse(phone: string, ms: number): Promise<void> {
    const by = `${ms} milliseconds`;
    await world.sql(`UPDATE @.code_send SET "sent_at" = "sent_at" - $2::interval WHERE "phone" = $1`, [phone, by]);
    await world.sql(`UPDATE @.one_time_code SET "expires_at" = "expires_at" - $2::interval, "created_at" = "created_at" - $2::interval WHERE "phone" = $1`, [phone, by]);
  }

  async function codeSentTo(phone: string): Promise<string> {
    const outbox = await world.client.request(smsOutboxListV1, { limit: 50 });
    if (!outbox.ok) throw new Error(outbox.message);
    const message = outbox.messages.find((candidate) => candidate.phone === phone);
    return /\b(\d{6})\b/.exec(message!.text)![1];
  }

  it('sends a six-digit code to the outbox and signs a new number in, registering it from the web', async () => {
    const registered = await world.collect(customerRegisteredV1);
    const phone = newPhone();
    const requested = await world.client.request(signInRequestCodeV1, { phone: phone.replace('+86', '') });
    expect(requested).toMatchObject({ ok: true, phone });
    const code = await codeSentTo(phone);
    const verified = await world.client.request(signInVerifyCodeV1, { phone, code });
    expect(verified).toMatchObject({ ok: true, customer: { phone }, newlyRegistered: true });
    await eventually(() => registered.items.some((item) => item.phone === phone), 'registration');
    expect(registered.items.find((item) => item.phone === phone)).toMatchObject({ how: 'web' });
    await expect(world.client.request(signInVerifyCodeV1, { phone, code })).resolves.toMatchObject({ ok: false, code: 'NO_CODE' });
    await expect(world.sql(`SELECT "code_hash" FROM @.one_time_code`)).resolves.toEqual([]);
  });

  it('allows five wrong tries, then refuses even the right code until a new one is requested', async () => {
    const phone = newPhone();
    await world.client.request(signInRequestCodeV1, { phone });
    const code = await codeSentTo(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const replies = [];
    for (let i = 0; i < 5; i += 1) replies.push(await world.client.request(signInVerifyCodeV1, { phone, code: wrong }));
    expect(replies.map((reply) => (reply.ok ? 'ok' : reply.code))).toEqual(['INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'TOO_MANY_ATTEMPTS']);
    expect(replies[0]).toMatchObject({ message: 'wrong code: 4 tries left' });
    await expect(world.client.request(signInVerifyCodeV1, { phone, code })).resolves.toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS' });
  });

  it('rate-limits sends per number and lets a code expire', async () => {
    const phone = newPhone();
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: true });
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    const code = await codeSentTo(phone);
    await elapse(phone, 59_000);
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    await elapse(phone, 5 * 60_000 - 59_000);
    await expect(world.client.request(signInVerifyCodeV1, { phone, code })).resolves.toMatchObject({ ok: false, code: 'CODE_EXPIRED' });
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: true });
    await elapse(phone, 61_000);
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: true });
    await elapse(phone, 61_000);
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: false, code: 'RATE_LIMITED', message: 'at most 3 codes an hour for one number' });
    // An hour after the first send it counts no more.
    await elapse(phone, 60 * 60_000 - 5 * 60_000 - 2 * 61_000 + 1000);
    await expect(world.client.request(signInRequestCodeV1, { phone })).resolves.toMatchObject({ ok: true });
  });

  it('keeps codes per number and address: an attacker elsewhere neither blocks the owner\'s code nor burns it', async () => {
    const phone = newPhone();
    const attacker = { phone, requestedFrom: '198.51.100.7' };
    await expect(world.client.request(signInRequestCodeV1, attacker)).resolves.toMatchObject({ ok: true });
    const owner = await world.client.request(signInRequestCodeV1, { phone: phone.replace('+86', ''), requestedFrom: '203.0.113.20' });
    expect(owner).toMatchObject({ ok: true, phone });
    const ownersCode = await codeSentTo(phone);
    const wrong = ownersCode === '000000' ? '111111' : '000000';
    const attempts = [];
    for (let i = 0; i < 6; i += 1) attempts.push(await world.client.request(signInVerifyCodeV1, { ...attacker, code: wrong }));
    expect(attempts.map((reply) => (reply.ok ? 'ok' : reply.code))).toEqual(['INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    await expect(world.client.request(signInVerifyCodeV1, { ...attacker, code: ownersCode })).resolves.toMatchObject({ ok: false });
    await expect(world.client.request(signInVerifyCodeV1, { phone, code: ownersCode, requestedFrom: '203.0.113.20' })).resolves.toMatchObject({ ok: true, customer: { phone } });
    await expect(world.sql(`SELECT 1 FROM @.one_time_code WHERE "phone" = $1`, [phone])).resolves.toEqual([]);
  });

  it('refuses a number that is not one and a code that is not six digits', async () => {
    await expect(world.client.request(signInRequestCodeV1, { phone: 'my landline' })).resolves.toMatchObject({ ok: false, code: 'INVALID_PHONE' });
    await expect(world.client.request(signInVerifyCodeV1, { phone: newPhone(), code: '12345' })).resolves.toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });
});
