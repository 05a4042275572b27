import { randomUUID, timingSafeEqual } from 'node:crypto';
import { ScriptedFake, type FakeAnswer, type FakeRequest } from '@callcart/testing';

/** A message the fake accepted, with the form parameters Twilio read. */
export interface TwilioSentSms {
  readonly to: string;
  readonly body: string;
  readonly from?: string;
  readonly messagingServiceSid?: string;
}

/** Twilio's error body: `{ code, message, more_info, status }`. */
export function twilioError(status: number, code: number, message: string): FakeAnswer {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/**
 * Twilio's Messages resource played locally: checks HTTP Basic auth (account SID, auth token),
 * the account in the path, and the form (To, Body, exactly one of From and MessagingServiceSid),
 * then answers 201 with the message or Twilio's error body. `script` decides the answer of a
 * well-formed, authenticated request.
 */
export class FakeTwilio extends ScriptedFake<TwilioSentSms> {
  constructor(private readonly credentials: { accountSid: string; authToken: string }) {
    super();
  }

  static start(credentials: { accountSid: string; authToken: string }): Promise<FakeTwilio> {
    return new FakeTwilio(credentials).listen();
  }

  protected answer(request: FakeRequest): FakeAnswer {
    const { credentials } = this;
    const expected = Buffer.from(`Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`);
    const given = Buffer.from(String(request.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return twilioError(401, 20003, 'Authenticate');
    if (request.method !== 'POST' || request.url.pathname !== `/2010-04-01/Accounts/${credentials.accountSid}/Messages.json`) return twilioError(404, 20404, 'The requested resource was not found');
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return twilioError(400, 20001, 'form body expected');
    const form = new URLSearchParams(request.body);
    const sms = { to: form.get('To') ?? '', body: form.get('Body') ?? '', from: form.get('From') ?? undefined, messagingServiceSid: form.get('MessagingServiceSid') ?? undefined };
    if (!sms.to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!sms.body) return twilioError(400, 21602, 'Message body is required.');
    if ((sms.from === undefined) === (sms.messagingServiceSid === undefined)) return twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
    const scripted = this.script(sms);
    if (scripted) return scripted;
    if (!/^\+[1-9]\d{7,14}$/.test(sms.to)) return twilioError(400, 21211, `The 'To' number ${sms.to} is not a valid phone number.`);
    this.accepted.push(sms);
    const sid = `SM${randomUUID().replaceAll('-', '')}`;
    return { status: 201, body: { sid, account_sid: credentials.accountSid, to: sms.to, from: sms.from ?? null, messaging_service_sid: sms.messagingServiceSid ?? null, body: sms.body, status: 'queued' } };
  }
}
