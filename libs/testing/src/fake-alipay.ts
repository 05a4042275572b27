import { createSign, createVerify, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { ScriptedFake, type FakeAnswer, type FakeRequest } from './fake-provider-server';

/** A precreate the fake accepted, with its business content as Alipay read it. */
export interface AlipayPrecreate {
  readonly outTradeNo: string;
  readonly totalAmount: string;
  readonly subject: string;
  readonly timeExpire: string;
  readonly notifyUrl: string;
  readonly qrCode: string;
}

/** An RSA2 key pair as PEM, generated in the test. */
export interface PemKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

export function rsaKeyPair(): PemKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: pem(privateKey, 'private'), publicKey: pem(publicKey, 'public') };
}

function pem(key: KeyObject, kind: 'private' | 'public'): string {
  return key.export(kind === 'private' ? { type: 'pkcs8', format: 'pem' } : { type: 'spki', format: 'pem' }).toString();
}

/** `k=v&…` over the sorted keys, as Alipay's v1 signatures are computed (values decoded). */
function signingString(params: Readonly<Record<string, string>>, without: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !without.includes(key) && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

function rsa2(text: string, privateKey: string): string {
  return createSign('RSA-SHA256').update(text, 'utf8').sign(privateKey, 'base64');
}

/**
 * Alipay's OpenAPI gateway played locally, with keys made in the test: checks the merchant's
 * RSA2 request signature with the app's public key, the common parameters and precreate's
 * business content; answers signed with "Alipay's" private key (which the SDK verifies), and
 * signs the asynchronous notifications the test sends to the service.
 */
export class FakeAlipay extends ScriptedFake<AlipayPrecreate> {
  readonly alipayKeys = rsaKeyPair();
  private readonly trades = new Map<string, AlipayPrecreate>();
  /** When set, answers are signed with this key instead of Alipay's (a forged answer). */
  signAnswersWith?: string;

  constructor(
    readonly appId: string,
    private readonly appPublicKey: string,
  ) {
    super();
  }

  static start(appId: string, appPublicKey: string): Promise<FakeAlipay> {
    return new FakeAlipay(appId, appPublicKey).listen();
  }

  get gateway(): string {
    return `${this.url}/gateway.do`;
  }

  /**
   * A notification as Alipay posts it for a trade it created, signed with Alipay's private key
   * (or `signWith`), after `overrides` are applied (so a changed field after signing is forged).
   */
  notification(outTradeNo: string, overrides: Record<string, string> = {}, options: { signWith?: string; tamper?: Record<string, string> } = {}): Record<string, string> {
    const trade = this.trades.get(outTradeNo);
    const fields: Record<string, string> = {
      notify_time: '2026-12-04 20:15:00',
      notify_type: 'trade_status_sync',
      notify_id: randomBytes(16).toString('hex'),
      charset: 'utf-8',
      version: '1.0',
      app_id: this.appId,
      auth_app_id: this.appId,
      seller_id: '2088102146225135',
      buyer_id: '2088102122524333',
      trade_no: `2026120422001${String(Date.now()).slice(-8)}${randomBytes(3).toString('hex')}`,
      out_trade_no: outTradeNo,
      trade_status: 'TRADE_SUCCESS',
      total_amount: trade?.totalAmount ?? '1.00',
      receipt_amount: trade?.totalAmount ?? '1.00',
      buyer_pay_amount: trade?.totalAmount ?? '1.00',
      subject: trade?.subject ?? 'Wallet top-up',
      gmt_create: '2026-12-04 20:14:01',
      gmt_payment: '2026-12-04 20:14:59',
      ...overrides,
    };
    const sign = rsa2(signingString(fields, ['sign', 'sign_type']), options.signWith ?? this.alipayKeys.privateKey);
    return { ...fields, sign_type: 'RSA2', sign, ...options.tamper };
  }

  protected answer(request: FakeRequest): FakeAnswer {
    const params: Record<string, string> = Object.fromEntries([...request.url.searchParams.entries(), ...new URLSearchParams(request.body).entries()]);
    const method = params.method ?? '';
    const key = `${method.replaceAll('.', '_')}_response`;
    const refuse = (code: string, msg: string, subCode: string, subMsg: string) => this.signed(key, { code, msg, sub_code: subCode, sub_msg: subMsg });
    if (request.method !== 'POST' || request.url.pathname !== '/gateway.do') return { status: 404, body: 'not found' };
    if (params.app_id !== this.appId) return refuse('40002', 'Invalid Arguments', 'isv.invalid-app-id', '无效的AppID参数');
    if (params.sign_type !== 'RSA2' || params.charset !== 'utf-8' || params.version !== '1.0' || !params.timestamp) {
      return refuse('40001', 'Missing Required Arguments', 'isv.missing-signature-config', '缺少签名配置');
    }
    const verified = createVerify('RSA-SHA256').update(signingString(params, ['sign']), 'utf8').verify(this.appPublicKey, params.sign ?? '', 'base64');
    if (!verified) return refuse('40002', 'Invalid Arguments', 'isv.invalid-signature', '验签出错');
    if (method !== 'alipay.trade.precreate') return refuse('40004', 'Business Failed', 'isv.invalid-method', '不存在的方法名');
    const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
    if (!biz.out_trade_no || !/^\d+\.\d{2}$/.test(biz.total_amount ?? '') || !biz.subject || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(biz.time_expire ?? '') || !params.notify_url) {
      return refuse('40002', 'Invalid Arguments', 'isv.invalid-parameter', '参数无效');
    }
    const known = this.trades.get(biz.out_trade_no);
    const trade = known ?? { outTradeNo: biz.out_trade_no, totalAmount: biz.total_amount, subject: biz.subject, timeExpire: biz.time_expire, notifyUrl: params.notify_url, qrCode: `https://qr.alipay.com/bax0${randomUUID().replaceAll('-', '').slice(0, 20)}` };
    if (known && known.totalAmount !== trade.totalAmount) return refuse('40004', 'Business Failed', 'ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
    const scripted = this.script(trade);
    if (scripted) return scripted;
    this.trades.set(trade.outTradeNo, trade);
    this.accepted.push(trade);
    return this.signed(key, { code: '10000', msg: 'Success', out_trade_no: trade.outTradeNo, qr_code: trade.qrCode });
  }

  /** Alipay's answer: `{"<method>_response":{…},"sign":"…"}`, the sign over the inner JSON exactly as sent. */
  signed(responseKey: string, content: Record<string, string>): FakeAnswer {
    const inner = JSON.stringify(content);
    const sign = rsa2(inner, this.signAnswersWith ?? this.alipayKeys.privateKey);
    return { status: 200, contentType: 'text/html;charset=utf-8', body: `{"${responseKey}":${inner},"sign":"${sign}"}` };
  }
}
