import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import type { TwilioSmsConfig } from './sms.config';
import { ProviderSmsSender, SMS_REQUEST_TIMEOUT_MS, SmsDeliveryError, type CodeMessage } from './sms-sender';

/** Twilio's error codes for a number that can take no text (21211 invalid 'To', 21614 not a mobile, 21610 opted out). */
const INVALID_NUMBER_CODES = new Set([21211, 21614, 21610, 21612]);

/**
 * Sends the Twilio client's requests to another base URL (a test server, a regional proxy):
 * every API host the library builds (`api.twilio.com`, edges and regions) is replaced.
 */
class RedirectedRequestClient extends RequestClient {
  constructor(private readonly apiUrl: URL) {
    super({ autoRetry: false, timeout: SMS_REQUEST_TIMEOUT_MS });
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...options, uri: options.uri.replace(/^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com/, this.apiUrl.origin) });
  }
}

/**
 * One-time codes through Twilio Messaging (the official client): free text, from a sender number
 * or a messaging service. Twilio authenticates with HTTP Basic (account SID and auth token).
 */
export class TwilioSmsSender extends ProviderSmsSender {
  private readonly client: twilio.Twilio;

  constructor(private readonly config: TwilioSmsConfig) {
    super();
    const redirected = config.apiUrl.origin !== 'https://api.twilio.com';
    this.client = twilio(config.accountSid, config.authToken, redirected ? { httpClient: new RedirectedRequestClient(config.apiUrl) } : { autoRetry: false, timeout: SMS_REQUEST_TIMEOUT_MS });
  }

  async send(_manager: unknown, message: CodeMessage): Promise<void> {
    const sender = this.config.messagingServiceSid ? { messagingServiceSid: this.config.messagingServiceSid } : { from: this.config.from! };
    try {
      await this.client.messages.create({ to: message.phone, body: message.text, ...sender });
    } catch (error) {
      const failure = error as { status?: number; code?: number };
      const status = failure.status;
      const code = failure.code;
      const transient = status === undefined || status === 429 || status >= 500;
      const kind = code !== undefined && INVALID_NUMBER_CODES.has(code) ? 'invalid-number' : transient ? 'transient' : 'refused';
      throw new SmsDeliveryError(kind, String(code ?? status ?? 'NETWORK'), `Twilio answered ${status ?? 'nothing'} (${code ?? 'no code'})`);
    }
  }
}
