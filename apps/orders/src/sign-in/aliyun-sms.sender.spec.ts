import { AliyunSmsSender, aliyunPhoneNumber } from './aliyun-sms.sender';
import { aliyunRefusal, FakeAliyunSms } from './fake-aliyun-sms.spec-helper';
import { fakeForSuite } from '../shared/fake-provider.spec-helper';
import { codeMessage, deliveryFailureOf, reported } from './sms-sender.spec-helper';

const credentials = { accessKeyId: 'LTAI5tTestAccessKey01', accessKeySecret: 'test-secret-never-logged-7f3a' };
const message = codeMessage;

describe('Alibaba Cloud SMS sender (the official client against a local Dysmsapi)', () => {
  const fake = fakeForSuite(() => FakeAliyunSms.start(credentials));

  function sender(secret = credentials.accessKeySecret): AliyunSmsSender {
    return new AliyunSmsSender({
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: secret,
      signName: '阿里云短信测试',
      templateCode: 'SMS_154950909',
      templateParam: 'code',
      endpoint: new URL(fake().url),
    });
  }

  it('sends a signed SendSms with the sign name, the template and the code as its JSON parameter', async () => {
    await sender().send(undefined, message);
    expect(fake().accepted.at(-1)).toEqual({ phoneNumbers: '13800138000', signName: '阿里云短信测试', templateCode: 'SMS_154950909', templateParam: { code: '042917' } });
  });

  it('is refused when the signature was made with another secret (the fake checks it)', async () => {
    const error = await deliveryFailureOf(sender('another-secret').send(undefined, message));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'SignatureDoesNotMatch' });
  });

  it("reads Alibaba's business refusals: flow control is a refusal, an illegal number is the number's fault", async () => {
    fake().script = () => aliyunRefusal('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
    await expect(deliveryFailureOf(sender().send(undefined, message))).resolves.toMatchObject({ kind: 'refused', providerCode: 'isv.BUSINESS_LIMIT_CONTROL' });
    fake().script = () => undefined;
    await expect(deliveryFailureOf(sender().send(undefined, { ...message, phone: '+8611111' }))).resolves.toMatchObject({ kind: 'invalid-number', providerCode: 'isv.MOBILE_NUMBER_ILLEGAL' });
  });

  it('calls server errors and throttling transient, and never puts the secret in what it reports', async () => {
    fake().script = () => ({ status: 503, body: { RequestId: 'R1', Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' } });
    const unavailable = await deliveryFailureOf(sender().send(undefined, message));
    expect(unavailable).toMatchObject({ kind: 'transient', providerCode: 'ServiceUnavailable' });
    fake().script = () => ({ status: 400, body: { RequestId: 'R2', Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' } });
    const throttled = await deliveryFailureOf(sender().send(undefined, message));
    expect(throttled).toMatchObject({ kind: 'transient', providerCode: 'Throttling.User' });
    for (const error of [unavailable, throttled]) expect(reported(error)).not.toContain(credentials.accessKeySecret);
  });

  it('writes numbers as Alibaba expects them: mainland without +86, elsewhere with the country code', () => {
    expect(aliyunPhoneNumber('+8613800138000')).toBe('13800138000');
    expect(aliyunPhoneNumber('+85251234567')).toBe('85251234567');
  });
});
