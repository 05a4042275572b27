import { AlipaySdk } from 'alipay-sdk';
import type { AlipayConfig } from './top-ups.config';
import { PaymentProvider, PaymentProviderError, type NotificationReading, type ProviderAnswer, type TopUpToPay } from './payment-provider';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Fen as Alipay writes amounts: yuan with two decimals (`200.00`). */
export function alipayAmount(amountMinor: number): string {
  return `${Math.floor(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')}`;
}

/** Alipay's `total_amount` in fen, read exactly (no floating point); undefined if it is not an amount. */
export function readAlipayAmount(text: string | undefined): number | undefined {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text ?? '');
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** Alipay's `time_expire`: `yyyy-MM-dd HH:mm:ss` in Beijing time. */
export function alipayTime(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const TRADE_STATUS: Record<string, 'paid' | 'pending' | 'closed'> = {
  TRADE_SUCCESS: 'paid',
  TRADE_FINISHED: 'paid',
  WAIT_BUYER_PAY: 'pending',
  TRADE_CLOSED: 'closed',
};

/**
 * Alipay through the official `alipay-sdk` (OpenAPI v1 gateway, RSA2): a QR-code payment
 * (`alipay.trade.precreate`, whose answer the SDK verifies with Alipay's public key), and the
 * asynchronous notification verified with `checkNotifySignV2` (the fields arrive decoded).
 */
export class AlipayProvider extends PaymentProvider {
  readonly name = 'alipay' as const;
  private readonly sdk: AlipaySdk;

  constructor(private readonly config: AlipayConfig) {
    super();
    this.sdk = new AlipaySdk({
      appId: config.appId,
      privateKey: config.privateKey,
      keyType: 'PKCS8',
      alipayPublicKey: config.alipayPublicKey,
      gateway: config.gateway,
      signType: 'RSA2',
      timeout: 4000,
    });
  }

  async startPayment(topUp: TopUpToPay): Promise<{ payUrl: string }> {
    if (topUp.currency !== 'CNY') throw new PaymentProviderError(`Alipay collects CNY, not ${topUp.currency}`);
    let answer: { code?: string; msg?: string; subCode?: string; subMsg?: string; qrCode?: string };
    try {
      answer = await this.sdk.exec(
        'alipay.trade.precreate',
        {
          notifyUrl: this.config.notifyUrl,
          bizContent: { outTradeNo: topUp.topUpId, totalAmount: alipayAmount(topUp.amountMinor), subject: 'Wallet top-up', timeExpire: alipayTime(topUp.expiresAt) },
        },
        { validateSign: true },
      );
    } catch (error) {
      throw new PaymentProviderError(`Alipay did not answer as expected (${(error as { code?: string }).code ?? (error as Error).name})`);
    }
    if (answer.code !== '10000' || !answer.qrCode) {
      throw new PaymentProviderError(`Alipay refused the payment: ${answer.subCode ?? answer.code ?? 'no code'} ${answer.subMsg ?? answer.msg ?? ''}`.trim());
    }
    return { payUrl: answer.qrCode };
  }

  readNotification(fields: Readonly<Record<string, string>>): NotificationReading {
    let verified = false;
    try {
      verified = this.sdk.checkNotifySignV2({ ...fields });
    } catch {
      verified = false;
    }
    if (!verified) return { kind: 'forged' };
    if (fields.app_id !== this.config.appId || (this.config.sellerId !== undefined && fields.seller_id !== this.config.sellerId)) return { kind: 'foreign-app' };
    return {
      kind: 'verified',
      topUpId: fields.out_trade_no ?? '',
      providerTradeNo: fields.trade_no ?? '',
      amountMinor: readAlipayAmount(fields.total_amount),
      status: TRADE_STATUS[fields.trade_status ?? ''] ?? 'pending',
    };
  }

  /** Alipay stops retrying on the exact text `success`; anything else is retried (up to 25 h). */
  answer(accepted: boolean): ProviderAnswer {
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: accepted ? 'success' : 'failure' };
  }
}
