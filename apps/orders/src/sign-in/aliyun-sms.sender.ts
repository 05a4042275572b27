import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { AliyunSmsConfig } from './sms.config';
import { ProviderSmsSender, SMS_REQUEST_TIMEOUT_MS, SmsDeliveryError, type CodeMessage } from './sms-sender';

/** Alibaba Cloud's answers for a number that can take no text: asking again will not help. */
const INVALID_NUMBER_CODES = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.MOBILE_COUNT_OVER_LIMIT', 'isv.BLACK_KEY_CONTROL_LIMIT']);
/** Answers that may go away by themselves: retried with backoff. */
const TRANSIENT_CODES = /^(isp\.SYSTEM_ERROR|isp\.GATEWAY_ERROR|Throttling.*|ServiceUnavailable|InternalError)$/;

/** Alibaba Cloud SMS numbers: mainland China without the country code, elsewhere the digits with it. */
export function aliyunPhoneNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.slice(1);
}

/**
 * One-time codes through Alibaba Cloud SMS (SendSms of Dysmsapi 2017-05-25, the official client):
 * mainland China needs an approved sign name and template, so the code travels as the template's
 * variable, not as free text. The client signs each request (ACS3-HMAC-SHA256) with the AccessKey.
 */
export class AliyunSmsSender extends ProviderSmsSender {
  private readonly client: Dysmsapi;

  constructor(private readonly config: AliyunSmsConfig) {
    super();
    this.client = new Dysmsapi(
      new $OpenApiUtil.Config({
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        endpoint: config.endpoint.host,
        protocol: config.endpoint.protocol.replace(':', ''),
        connectTimeout: SMS_REQUEST_TIMEOUT_MS,
        readTimeout: SMS_REQUEST_TIMEOUT_MS,
      }),
    );
  }

  async send(_manager: unknown, message: CodeMessage): Promise<void> {
    const request = new SendSmsRequest({
      phoneNumbers: aliyunPhoneNumber(message.phone),
      signName: this.config.signName,
      templateCode: this.config.templateCode,
      templateParam: JSON.stringify({ [this.config.templateParam]: message.code }),
    });
    let answer: { code?: string; message?: string } | undefined;
    try {
      answer = (await this.client.sendSms(request)).body;
    } catch (error) {
      throw toDeliveryError(error);
    }
    const code = answer?.code ?? 'NO_ANSWER';
    if (code === 'OK') return;
    const kind = INVALID_NUMBER_CODES.has(code) ? 'invalid-number' : TRANSIENT_CODES.test(code) ? 'transient' : 'refused';
    throw new SmsDeliveryError(kind, code, answer?.message ?? 'Alibaba Cloud SMS refused the message');
  }
}

/** The client's exceptions (ClientError, ServerError, ThrottlingError) and network errors, classified. */
function toDeliveryError(error: unknown): SmsDeliveryError {
  const failure = error as { statusCode?: number; code?: string; message?: string };
  const code = String(failure.code ?? 'NETWORK');
  const status = failure.statusCode;
  const transient = status === undefined || status >= 500 || status === 429 || TRANSIENT_CODES.test(code);
  const kind = INVALID_NUMBER_CODES.has(code) ? 'invalid-number' : transient ? 'transient' : 'refused';
  return new SmsDeliveryError(kind, code, `Alibaba Cloud SMS answered ${status ?? 'nothing'} (${code})`);
}
