import { useState } from 'react';
import { Countdown } from '../shared/countdown.view';
import { formatMoney, parseMajorAmount } from '../shared/money.format';
import type { Order, Payment } from '../shared/api-types';

/** The placed order: the payment window counting down, then how it was settled. */
export function OrderStatusView({ order, payment, shipmentReady }: { order: Order; payment: Payment | null; shipmentReady: boolean }) {
  return (
    <div className="order-status" aria-label="Order">
      <p>
        Order <code>{order.id.slice(0, 8)}</code> · {formatMoney(order.total)} · <span className="state">{payment ? (payment.method === 'wallet' ? 'paid' : 'cash on delivery') : order.state}</span>
      </p>
      {payment ? (
        <p className={payment.method === 'wallet' ? 'outcome outcome-paid' : 'outcome outcome-cod'}>
          {payment.method === 'wallet' ? `Paid from the wallet: ${formatMoney(payment.amount)}` : `Payment window expired: switched to cash on delivery (${formatMoney(payment.amount)} to collect)`}
        </p>
      ) : order.state === 'awaiting_payment' ? (
        <p>
          <Countdown deadline={order.paymentDueAt} label="Payment window" expiredText="expired, waiting for cash on delivery" />
        </p>
      ) : null}
      {shipmentReady ? <p className="outcome">Ready to ship.</p> : null}
    </div>
  );
}

/** Crediting a customer's wallet: amount and a reason (required, audited). */
export function TopUpForm({ currency, onTopUp, busy }: { currency: string; onTopUp: (amountMinor: number, reason: string) => void; busy?: boolean }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const minor = parseMajorAmount(amount, currency);
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
        Amount ({currency}) <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} aria-label="Top-up amount" />
      </label>
      <label className="field-inline">
        Reason <input value={reason} onChange={(event) => setReason(event.target.value)} aria-label="Top-up reason" required />
      </label>
      <button type="submit" disabled={busy || minor === null || !reason.trim()}>
        Top up
      </button>
    </form>
  );
}
