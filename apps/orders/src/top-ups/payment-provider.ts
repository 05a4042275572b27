import type { TopUpProvider } from '@callcart/contracts';

/** A top-up about to be paid: what the provider is asked to collect. */
export interface TopUpToPay {
  /** Our id, the provider's merchant order number (Alipay `out_trade_no`). */
  readonly topUpId: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** After this the provider must refuse the payment (Alipay `time_expire`). */
  readonly expiresAt: Date;
}

/**
 * What a provider's notification says, once read: `forged` (the signature does not verify with
 * the provider's public key), `foreign-app` (signed, but for another merchant app), or a
 * verified statement about one of our top-ups.
 */
export type NotificationReading =
  | { readonly kind: 'forged' }
  | { readonly kind: 'foreign-app' }
  | {
      readonly kind: 'verified';
      readonly topUpId: string;
      /** The provider's trade number (Alipay `trade_no`): named by the ledger entry. */
      readonly providerTradeNo: string;
      /** The amount the provider says was paid, in minor units (undefined: not a readable amount). */
      readonly amountMinor: number | undefined;
      readonly status: 'paid' | 'pending' | 'closed';
    };

/** The HTTP answer the provider expects to a notification. */
export interface ProviderAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** A provider refused to start a payment or did not answer; the customer may try again. */
export class PaymentProviderError extends Error {}

/**
 * A payment provider for customers' own top-ups (decision 0091): it starts a payment that the
 * customer completes in the provider's app, reads and verifies the asynchronous notification
 * (the only proof of payment the service accepts), and formats the answer the provider expects.
 * Alipay implements it; WeChat Pay would too (see the decision record).
 */
export abstract class PaymentProvider {
  abstract readonly name: TopUpProvider;
  /** Starts the payment; resolves to what the customer opens or scans. Throws PaymentProviderError. */
  abstract startPayment(topUp: TopUpToPay): Promise<{ payUrl: string }>;
  /** Verifies and reads a notification; never throws on bad input. */
  abstract readNotification(fields: Readonly<Record<string, string>>): NotificationReading;
  /** `accepted`: the notification was handled (or needs no handling): the provider stops retrying. */
  abstract answer(accepted: boolean): ProviderAnswer;
}
