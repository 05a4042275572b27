import { useState } from 'react';
import { Countdown } from '../shared/countdown.view';
import { useLocale } from '../i18n/locale-switch.view';
import { formatMoney, parseMajorAmount } from '../shared/money.format';
import type { Order, Payment } from '../shared/api-types';

/** The placed order: the payment window counting down, then how it was settled. */
export function OrderStatusView({ order, payment, shipmentReady }: { order: Order; payment: Payment | null; shipmentReady: boolean }) {
  const { t, locale } = useLocale();
  const state = payment ? (payment.method === 'wallet' ? t('order.paid') : t('order.cashOnDelivery')) : t(`orderState.${order.state}`, { defaultValue: order.state });
  return (
    <div className="order-status" aria-label={t('order.region')}>
      <p>
        {t('order.order')} <code>{order.id.slice(0, 8)}</code> · {formatMoney(order.total, locale)} · <span className="state">{state}</span>
      </p>
      {payment ? (
        <p className={payment.method === 'wallet' ? 'outcome outcome-paid' : 'outcome outcome-cod'}>
          {t(payment.method === 'wallet' ? 'order.paidFromWallet' : 'order.switchedToCod', { amount: formatMoney(payment.amount, locale) })}
        </p>
      ) : order.state === 'awaiting_payment' ? (
        <p>
          <Countdown deadline={order.paymentDueAt} label={t('order.paymentWindow')} expiredText={t('order.expiredWaiting')} />
        </p>
      ) : null}
      {shipmentReady ? <p className="outcome">{t('order.readyToShip')}</p> : null}
    </div>
  );
}

/** Crediting a customer's wallet: amount and a reason (required, audited). */
export function TopUpForm({ currency, onTopUp, busy }: { currency: string; onTopUp: (amountMinor: number, reason: string) => void; busy?: boolean }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const minor = parseMajorAmount(amount, currency);
  const { t } = useLocale();
  return (
    <form
      className="top-up-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (minor !== null && reason.trim()) {
          onTopUp(minor, reason.trim());
          setAmount('');
          setReason('');
        }
      }}
    >
      <label className="field-inline">
        {t('order.topUpAmount', { currency })} <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} aria-label={t('order.topUpAmountLabel')} />
      </label>
      <label className="field-inline">
        {t('common.reason')} <input value={reason} onChange={(event) => setReason(event.target.value)} aria-label={t('order.topUpReasonLabel')} required />
      </label>
      <button type="submit" disabled={busy || minor === null || !reason.trim()}>
        {t('common.topUp')}
      </button>
    </form>
  );
}
