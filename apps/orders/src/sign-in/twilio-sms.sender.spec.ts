import { FakeTwilio, twilioError } from './fake-twilio.spec-helper';
import { fakeForSuite } from '../shared/fake-provider.spec-helper';
import { codeMessage, deliveryFailureOf, reported } from './sms-sender.spec-helper';
import { TwilioSmsSender } from './twilio-sms.sender';

const credentials = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'token-never-logged-5e1d' };
const message = codeMessage;

describe('Twilio SMS sender (the official client against a local Messages API)', () => {
  const fake = fakeForSuite(() => FakeTwilio.start(credentials));

  function sender(options: { authToken?: string; from?: string; messagingServiceSid?: string } = { from: '+15005550006' }): TwilioSmsSender {
    return new TwilioSmsSender({ accountSid: credentials.accountSid, authToken: options.authToken ?? credentials.authToken, from: options.from, messagingServiceSid: options.messagingServiceSid, apiUrl: new URL(fake().url) });
  }

  it('sends the text from the sender number, or through a messaging service, with Basic auth', async () => {
    await sender().send(undefined, message);
    expect(fake().accepted.at(-1)).toEqual({ to: '+8613800138000', body: message.text, from: '+15005550006' });
    await sender({ messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).send(undefined, message);
    expect(fake().accepted.at(-1)).toEqual({ to: '+8613800138000', body: message.text, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
  });

  it('is refused with a wrong auth token (the fake checks it), and reports no token', async () => {
    const error = await deliveryFailureOf(sender({ authToken: 'wrong-token', from: '+15005550006' }).send(undefined, message));
    expect(error).toMatchObject({ kind: 'refused', providerCode: '20003' });
    expect(reported(error)).not.toContain('wrong-token');
  });

  it("reads Twilio's errors: 21211 is the number's fault, 429 and 5xx are transient, other 4xx refusals", async () => {
    await expect(deliveryFailureOf(sender().send(undefined, { ...message, phone: '+86123' }))).resolves.toMatchObject({ kind: 'invalid-number', providerCode: '21211' });
    fake().script = () => twilioError(429, 20429, 'Too Many Requests');
    await expect(deliveryFailureOf(sender().send(undefined, message))).resolves.toMatchObject({ kind: 'transient', providerCode: '20429' });
    fake().script = () => twilioError(503, 20500, 'Service unavailable');
    await expect(deliveryFailureOf(sender().send(undefined, message))).resolves.toMatchObject({ kind: 'transient', providerCode: '20500' });
    fake().script = () => twilioError(400, 21408, 'Permission to send an SMS has not been enabled for the region');
    await expect(deliveryFailureOf(sender().send(undefined, message))).resolves.toMatchObject({ kind: 'refused', providerCode: '21408' });
  });
});
