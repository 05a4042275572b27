import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { ScriptedFake, type FakeAnswer, type FakeRequest } from '@callcart/testing';

/** A SendSms the fake accepted, with its parameters as Alibaba Cloud read them. */
export interface AliyunSentSms {
  readonly phoneNumbers: string;
  readonly signName: string;
  readonly templateCode: string;
  readonly templateParam: Record<string, string>;
}

/** RFC 3986 encoding as Alibaba Cloud's V3 signature documents it (space %20, `*` %2A, `~` kept). */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Alibaba Cloud SMS played locally: checks the ACS3-HMAC-SHA256 signature, recomputed here from
 * the documented algorithm (canonical request → string to sign → HMAC with the AccessKey secret),
 * and SendSms's parameters, then answers as Alibaba does (HTTP 200 with `Code`, or an error
 * status). `script` decides the answer of a well-formed, well-signed request.
 */
export class FakeAliyunSms extends ScriptedFake<AliyunSentSms> {
  constructor(private readonly credentials: { accessKeyId: string; accessKeySecret: string }) {
    super();
  }

  static start(credentials: { accessKeyId: string; accessKeySecret: string }): Promise<FakeAliyunSms> {
    return new FakeAliyunSms(credentials).listen();
  }

  protected answer(request: FakeRequest): FakeAnswer {
    const { credentials } = this;
    const requestId = randomUUID().toUpperCase();
    const refuse = (status: number, code: string, message: string): FakeAnswer => ({ status, body: { RequestId: requestId, Code: code, Message: message } });
    const authorization = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(String(request.headers.authorization ?? ''));
    if (!authorization) return refuse(400, 'MissingAuthorization', 'Authorization is mandatory for this action.');
    const [, accessKeyId, signedHeaderList, signature] = authorization;
    if (accessKeyId !== credentials.accessKeyId) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const signedHeaders = signedHeaderList.split(';');
    for (const needed of ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
      if (!signedHeaders.includes(needed)) return refuse(400, 'IncompleteSignature', `the header ${needed} is not signed`);
    }
    const payloadHash = createHash('sha256').update(request.body).digest('hex');
    if (request.headers['x-acs-content-sha256'] !== payloadHash) return refuse(400, 'IncompleteSignature', 'x-acs-content-sha256 does not match the body');
    const query = [...request.url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const canonicalRequest = [
      request.method,
      request.url.pathname,
      query.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&'),
      signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join(''),
      signedHeaderList,
      payloadHash,
    ].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    const expected = createHmac('sha256', credentials.accessKeySecret).update(stringToSign).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return refuse(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    if (request.headers['x-acs-action'] !== 'SendSms' || request.headers['x-acs-version'] !== '2017-05-25') return refuse(400, 'InvalidAction.NotFound', 'Specified api is not found');
    const params = request.url.searchParams;
    const missing = ['PhoneNumbers', 'SignName', 'TemplateCode'].find((name) => !params.get(name));
    if (missing) return refuse(400, 'MissingParameter', `${missing} is mandatory for this action.`);
    let templateParam: Record<string, string>;
    try {
      templateParam = JSON.parse(params.get('TemplateParam') ?? '') as Record<string, string>;
    } catch {
      return { status: 200, body: { RequestId: requestId, Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值' } };
    }
    const sms = { phoneNumbers: params.get('PhoneNumbers')!, signName: params.get('SignName')!, templateCode: params.get('TemplateCode')!, templateParam };
    const scripted = this.script(sms);
    if (scripted) return scripted;
    if (!/^1\d{10}$/.test(sms.phoneNumbers)) return { status: 200, body: { RequestId: requestId, Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' } };
    this.accepted.push(sms);
    return { status: 200, body: { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` } };
  }
}

/** Alibaba Cloud's answer to a well-signed SendSms that it refuses for business reasons (HTTP 200). */
export function aliyunRefusal(code: string, message: string): FakeAnswer {
  return { status: 200, body: { RequestId: randomUUID().toUpperCase(), Code: code, Message: message } };
}
