import { useEffect, useRef } from 'react';
import { useLocale } from '../i18n/locale-switch.view';
import { formatMoney } from '../shared/money.format';
import type { Cart, Money, ShippingAddress } from '../shared/api-types';

export interface ReadBackProps {
  cart: Cart;
  address: ShippingAddress | null;
  /** The customer's wallet balance when known (a returning caller), to say how the order gets paid. */
  walletBalance: Money | null;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The address as one line to read to the caller. */
export function addressLine(address: ShippingAddress): string {
  return [address.recipient, address.street, address.district, address.city, address.region, address.postcode].filter((part) => part?.trim()).join(', ');
}

/**
 * The read-back step before an order is placed: every line with its quantity, the total, where
 * it goes and how it gets paid, in words the agent reads to the caller. Confirming (the button,
 * or Ctrl+Enter a second time) places the order; Esc or "Back to the cart" changes nothing.
 */
export function ReadBackView({ cart, address, walletBalance, busy, onConfirm, onCancel }: ReadBackProps) {
  const { t, locale } = useLocale();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const total = formatMoney(cart.total, locale);
  const payment =
    walletBalance === null
      ? t('readBack.paymentUnknownWallet', { total })
      : walletBalance.amountMinor >= cart.total.amountMinor
        ? t('readBack.paymentFromWallet', { total, balance: formatMoney(walletBalance, locale) })
        : t('readBack.paymentShort', { total, balance: formatMoney(walletBalance, locale) });
  return (
    <section className="read-back" role="dialog" aria-modal="false" aria-labelledby="read-back-heading">
      <h3 id="read-back-heading">{t('readBack.heading')}</h3>
      <ol className="read-back-lines">
        {cart.lines.map((line) => (
          <li key={line.productId}>
            {t('readBack.line', { quantity: line.quantity, name: line.name, amount: formatMoney(line.lineTotal, locale) })}
          </li>
        ))}
      </ol>
      <p className="read-back-total">{t('readBack.total', { total })}</p>
      <p className="read-back-address">{address ? t('readBack.deliverTo', { address: addressLine(address) }) : <span className="warning">{t('readBack.noAddress')}</span>}</p>
      <p className="read-back-payment">{payment}</p>
      <p>
        <button ref={confirmRef} type="button" className="primary" disabled={busy || !address} onClick={onConfirm}>
          {t('readBack.confirm')}
        </button>{' '}
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('readBack.back')}
        </button>
      </p>
    </section>
  );
}
