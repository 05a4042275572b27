import { useEffect, useState } from 'react';
import { api } from '../../shared/api.client';
import type { Order, Payment } from '../../shared/api-types';
import { formatMoney } from '../../shared/money.format';
import { describeFailure } from '../../i18n/i18n.setup';
import { useLocale } from '../../i18n/locale-switch.view';
import type { OrderStep } from './fulfilment.logic';

interface OrderDetails {
  order: Order;
  payment: Payment | null;
  history: OrderStep[];
  customer: { customerId: string; phone: string; name?: string | null; walletBalance?: { amountMinor: number; currency: string } };
}

/**
 * One order as the warehouse needs it: what (lines, total), for whom and where, how it was paid
 * and what the courier collects, its history; and, when it is ready to ship, marking it shipped
 * after a confirmation (shipping cannot be undone).
 */
export function OrderDetailsView({ orderId, onClose, onShipped }: { orderId: string; onClose: () => void; onShipped: () => void }) {
  const { t, locale } = useLocale();
  const [details, setDetails] = useState<OrderDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [shipping, setShipping] = useState(false);
  const load = () =>
    api<OrderDetails>('GET', `/api/admin/orders/${encodeURIComponent(orderId)}`)
      .then(setDetails)
      .catch((failure) => setError(describeFailure(failure)));
  useEffect(() => void load(), [orderId]);
  const ship = () => {
    setShipping(true);
    setError(null);
    api('POST', `/api/admin/orders/${encodeURIComponent(orderId)}/ship`)
      .then(() => {
        setConfirming(false);
        onShipped();
        return load();
      })
      .catch((failure) => setError(describeFailure(failure)))
      .finally(() => setShipping(false));
  };
  const when = (iso: string) => new Date(iso).toLocaleString(locale);
  if (!details) return <div className="order-details">{error ? <p className="error">{error}</p> : <p className="muted">{t('common.loading')}</p>}</div>;
  const { order, customer, history } = details;
  const address = order.shippingAddress;
  return (
    <article className="order-details" aria-label={t('fulfilment.details', { id: order.id.slice(0, 8) })}>
      <header>
        <h3>
          {t('fulfilment.details', { id: order.id.slice(0, 8) })} · <span className="order-state">{t(`orderState.${order.state}`)}</span>
        </h3>
        <button type="button" onClick={onClose}>
          {t('fulfilment.close')}
        </button>
      </header>
      <p>
        {t('fulfilment.customer')}: {customer.name ? `${customer.name} · ` : ''}
        {customer.phone}
        {customer.walletBalance ? ` · ${t('customers.wallet', { balance: formatMoney(customer.walletBalance, locale) })}` : ''}
      </p>
      <p>
        {t('fulfilment.shipTo')}: {address.recipient} · {address.phone} · {[address.region, address.city, address.district, address.street, address.postcode].filter(Boolean).join(' ')}
      </p>
      <table className="cart">
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.productId}>
              <td className="sku">{line.sku}</td>
              <td>{line.name}</td>
              <td>× {line.quantity}</td>
              <td className="money">{formatMoney(line.lineTotal, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t('fulfilment.total')}</th>
            <td className="money">{formatMoney(order.total, locale)}</td>
          </tr>
          {order.settlement ? (
            <tr>
              <th colSpan={3}>{order.settlement.method === 'wallet' ? t('fulfilment.paidFromWallet') : t('fulfilment.toCollect')}</th>
              <td className="money">{formatMoney(order.settlement.method === 'wallet' ? order.total : order.settlement.amountToCollect, locale)}</td>
            </tr>
          ) : null}
        </tfoot>
      </table>
      <h4>{t('fulfilment.history')}</h4>
      <ol className="order-history">
        {history.map((step, index) => (
          <li key={index}>
            {when(step.at)} · {t(`orderState.${step.to}`)}
            {step.actor?.kind === 'staff' ? ` · ${t('fulfilment.byStaff', { staffId: step.staffName ?? step.actor.staffId.slice(0, 8) })}` : step.actor?.kind === 'customer' ? ` · ${t('fulfilment.byCustomer')}` : ''}
          </li>
        ))}
      </ol>
      {order.state === 'ready_to_ship' && !confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('fulfilment.markShipped')}
        </button>
      ) : null}
      {confirming ? (
        <div className="confirm" role="group" aria-label={t('fulfilment.confirmShip')}>
          <p>
            {order.settlement?.method === 'cash-on-delivery'
              ? t('fulfilment.confirmShipCollect', { amount: formatMoney(order.settlement.amountToCollect, locale) })
              : t('fulfilment.confirmShip')}
          </p>
          <button type="button" disabled={shipping} onClick={ship}>
            {t('fulfilment.yesShip')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('fulfilment.notYet')}
          </button>
        </div>
      ) : null}
      {error ? <p className="error">{error}</p> : null}
    </article>
  );
}
