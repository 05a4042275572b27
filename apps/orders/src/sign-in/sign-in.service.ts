import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { signInRequestCodeV1, signInVerifyCodeV1, smsOutboxListV1, type ReplyOf, type RequestOf } from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import { customerByPhone } from '../customers/customer-records';
import { invalidPhone, readPhoneNumber } from '../customers/phone-number';
import { registerCustomer } from '../customers/registration';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { rows, Transactions } from '../shared/transaction';
import { SmsDelivery } from './sms-delivery';
import { SmsSender, type SmsFailureKind } from './sms-sender';

/** What the customer is told when a code could not go out; nothing was stored, so asking again is safe. */
function notSent(reason: SmsFailureKind) {
  return reason === 'invalid-number'
    ? requestFailure('INVALID_PHONE', 'this number cannot receive text messages')
    : requestFailure('SMS_NOT_SENT', 'could not send the code, try again');
}

function hashCode(phone: string, code: string): string {
  return createHash('sha256').update(`${phone}:${code}`).digest('hex');
}

/**
 * Website sign-in by phone number and one-time code: six digits, valid five minutes. Only a hash
 * of the code is stored. A code belongs to the number *and* the address that asked for it
 * (decision 0075): wrong tries from another address never reach it, so an attacker can burn only
 * the codes sent to the attacker. Sends are limited per number and address (pause, hourly cap)
 * and, far higher, per number over every address (against text-message pumping), so the owner
 * still gets a code after an attack.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sms: SmsSender,
    private readonly delivery: SmsDelivery,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async requestCode(request: RequestOf<typeof signInRequestCodeV1>): Promise<ReplyOf<typeof signInRequestCodeV1>> {
    const reading = readPhoneNumber(request.phone, this.config.defaultRegion);
    if (!reading.ok) return invalidPhone(request.phone, reading);
    const phone = reading.e164;
    const from = request.requestedFrom ?? '';
    const { codeTtlMs, resendAfterMs, sendsPerHour, sendsPerHourPerAddress } = this.config.signIn;
    return this.transactions.decide(async (manager) => {
      // Serialise sends per number so two quick requests cannot both pass the rate limit.
      await rows(manager, `SELECT pg_advisory_xact_lock(hashtext($1))`, [`callcart:sign-in:${phone}`]);
      const [recent] = await rows<{ last: Date | null; here: string; everywhere: string }>(
        manager,
        `SELECT max("sent_at") FILTER (WHERE "requested_from" = $2) AS last, count(*) FILTER (WHERE "requested_from" = $2) AS here, count(*) AS everywhere
         FROM @.code_send WHERE "phone" = $1 AND "sent_at" > now() - interval '1 hour'`,
        [phone, from],
      );
      const now = Date.now();
      const nextAllowed = recent.last ? recent.last.getTime() + resendAfterMs : now;
      if (nextAllowed > now) {
        return requestFailure('RATE_LIMITED', `another code may be sent after ${new Date(nextAllowed).toISOString()}`);
      }
      if (Number(recent.here) >= sendsPerHourPerAddress) {
        return requestFailure('RATE_LIMITED', `at most ${sendsPerHourPerAddress} codes an hour for one number from one address`);
      }
      if (Number(recent.everywhere) >= sendsPerHour) return requestFailure('RATE_LIMITED', `at most ${sendsPerHour} codes an hour for one number`);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(now + codeTtlMs);
      await rows(
        manager,
        `INSERT INTO @.one_time_code ("phone", "requested_from", "code_hash", "expires_at") VALUES ($1, $2, $3, $4)
         ON CONFLICT ("phone", "requested_from") DO UPDATE SET "code_hash" = EXCLUDED."code_hash", "expires_at" = EXCLUDED."expires_at", "failed_attempts" = 0, "created_at" = now()`,
        [phone, from, hashCode(phone, code), expiresAt],
      );
      await rows(manager, `DELETE FROM @.one_time_code WHERE "phone" = $1 AND "expires_at" < now() - interval '1 day'`, [phone]);
      await rows(manager, `INSERT INTO @.code_send ("phone", "requested_from") VALUES ($1, $2)`, [phone, from]);
      const text = `Your callcart code is ${code}. It expires in ${Math.round(codeTtlMs / 60000)} minutes.`;
      // A refused send rolls back the code and the send record: no code is kept that never left.
      const failure = await this.delivery.deliver(manager, { phone, code, text });
      if (failure) return notSent(failure);
      return { ok: true, phone, expiresAt: expiresAt.toISOString(), resendAfter: new Date(now + resendAfterMs).toISOString() };
    });
  }

  /**
   * Checks the code sent to this number for this address. A wrong one counts against that code's
   * tries (and that count is kept: it is written even though the reply is a refusal); the right
   * one is used up, with the number's other codes, and signs the customer in, registering the
   * number if it is new.
   */
  async verifyCode(request: RequestOf<typeof signInVerifyCodeV1>): Promise<ReplyOf<typeof signInVerifyCodeV1>> {
    const reading = readPhoneNumber(request.phone, this.config.defaultRegion);
    if (!reading.ok) return invalidPhone(request.phone, reading);
    const phone = reading.e164;
    const from = request.requestedFrom ?? '';
    const { maxAttempts } = this.config.signIn;
    return this.transactions.run(async (manager) => {
      const [stored] = await rows<{ code_hash: string; expires_at: Date; failed_attempts: number }>(
        manager,
        `SELECT "code_hash", "expires_at", "failed_attempts" FROM @.one_time_code WHERE "phone" = $1 AND "requested_from" = $2 FOR UPDATE`,
        [phone, from],
      );
      if (!stored) return requestFailure('NO_CODE', 'no code was requested for this number from here');
      if (stored.failed_attempts >= maxAttempts) return requestFailure('TOO_MANY_ATTEMPTS', 'too many wrong codes: request a new one');
      if (stored.expires_at.getTime() <= Date.now()) return requestFailure('CODE_EXPIRED', 'the code has expired: request a new one');
      const given = Buffer.from(hashCode(phone, request.code), 'hex');
      if (!timingSafeEqual(given, Buffer.from(stored.code_hash, 'hex'))) {
        await rows(manager, `UPDATE @.one_time_code SET "failed_attempts" = "failed_attempts" + 1 WHERE "phone" = $1 AND "requested_from" = $2`, [phone, from]);
        const left = maxAttempts - stored.failed_attempts - 1;
        return left > 0 ? requestFailure('INVALID_CODE', `wrong code: ${left} tries left`) : requestFailure('TOO_MANY_ATTEMPTS', 'too many wrong codes: request a new one');
      }
      await rows(manager, `DELETE FROM @.one_time_code WHERE "phone" = $1`, [phone]);
      const known = await customerByPhone(manager, phone);
      const { customer, created } = known ? { customer: known, created: false } : await registerCustomer(manager, { phone, how: 'web', currency: this.config.currency });
      return { ok: true, customer: { customerId: customer.id, phone: customer.phone }, newlyRegistered: created, verifiedAt: new Date().toISOString() };
    });
  }

  async outbox(request: RequestOf<typeof smsOutboxListV1>): Promise<ReplyOf<typeof smsOutboxListV1>> {
    return this.transactions.decide(async (manager) => {
      const messages = await this.sms.outbox(manager, request.limit);
      return messages ? { ok: true, messages } : requestFailure('OUTBOX_DISABLED', 'codes are sent by SMS; there is no outbox');
    });
  }
}
