import { useState } from 'react';
import { useLocale } from '../i18n/locale-switch.view';
import type { Money, Order } from '../shared/api-types';
import { Countdown } from '../shared/countdown.view';
import { formatDateTime } from '../shared/date.format';
import { formatMoney } from '../shared/money.format';

/** What the wallet would hold after paying `total`, or null when it cannot (another currency, or not enough). */
export function balanceAfter(balance: Money | null | undefined, total: Money): Money | null {
  if (!balance || balance.currency !== total.currency || balance.amountMinor < total.amountMinor) return null;
  return { amountMinor: balance.amountMinor - total.amountMinor, currency: balance.currency };
}

/**
 * The shop's payment step: one box per unpaid order with its items beside the amount, the
 * deadline in words (an unpaid order ships cash on delivery when the payment window ends: the
 * business rule of DESIGN §6), and two taps to pay: "Pay ¥…", then "Yes, pay now" under a
 * sentence saying what leaves the wallet. `pay` resolves true when the payment went through; the
 * thanks stay on screen after the order leaves the unpaid list.
 */
export function PaymentStep({ orders, balance, busy, pay }: { orders: Order[]; balance: Money | null | undefined; busy: boolean; pay: (orderId: string) => Promise<boolean> }) {
  const { t, locale } = useLocale();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [paid, setPaid] = useState<Array<{ orderId: string; amount: Money }>>([]);
  if (orders.length === 0 && paid.length === 0) return null;
  return (
    <section className="panel payment-step" aria-labelledby="payment-step-heading">
      <h2 id="payment-step-heading">{t('shop.toPay')}</h2>
      {paid.map((payment) => (
        <p key={payment.orderId} role="status" className="paid-thanks">
          {t('shop.paidThanks', { amount: formatMoney(payment.amount, locale) })}
        </p>
      ))}
      {orders.map((order) => {
        const heading = t('shop.orderOf', { date: formatDateTime(order.placedAt, locale) });
        const after = balanceAfter(balance, order.total);
        const amount = formatMoney(order.total, locale);
        return (
          <article key={order.id} className="pay-box" aria-label={heading}>
            <h3>{heading}</h3>
            <div className="pay-box-body">
              <ul className="pay-items">
                {order.lines.map((line) => (
                  <li key={line.productId}>
                    <span className="pay-item-name">
                      {line.quantity} × {line.name}
                    </span>{' '}
                    <span className="money">{formatMoney(line.lineTotal, locale)}</span>
                  </li>
                ))}
              </ul>
              <p className="pay-amount">
                {t('shop.amountToPay')}: <strong className="money">{amount}</strong>
              </p>
            </div>
            <p className="cod-note">{t('shop.codFallback', { time: formatDateTime(order.paymentDueAt, locale), amount })}</p>
            <p>
              <Countdown deadline={order.paymentDueAt} label={t('shop.payWithin')} expiredText={t('shop.expired')} />
            </p>
            {after === null ? (
              <p className="warning">{t('shop.notEnough', { balance: formatMoney(balance, locale) })}</p>
            ) : confirming === order.id ? (
              <div className="pay-confirm" role="group" aria-label={t('shop.confirmYes')}>
                <p>{t('shop.confirmPay', { amount, balance: formatMoney(after, locale) })}</p>
                <button
                  type="button"
                  className="primary pay-button"
                  disabled={busy}
                  onClick={() =>
                    void pay(order.id).then((done) => {
                      setConfirming(null);
                      if (done) setPaid((list) => [...list, { orderId: order.id, amount: order.total }]);
                    })
                  }
                >
                  {t('shop.confirmYes')}
                </button>{' '}
                <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                  {t('shop.confirmNo')}
                </button>
              </div>
            ) : (
              <button type="button" className="primary pay-button" disabled={busy} onClick={() => setConfirming(order.id)}>
                {t('shop.payAmount', { amount })}
              </button>
            )}
          </article>
        );
      })}
    </section>
  );
}
