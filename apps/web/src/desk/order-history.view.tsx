import { useState } from 'react';
import { useLocale } from '../i18n/locale-switch.view';
import { formatMoney } from '../shared/money.format';
import type { Order } from '../shared/api-types';

/**
 * The customer's full order history on demand: a button on the caller card that loads the
 * orders (newest first) of the customer on this call and lists them with their lines and state.
 */
export function OrderHistoryView({ load }: { load: () => Promise<Order[] | null> }) {
  const { t, locale } = useLocale();
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [loading, setLoading] = useState(false);
  const show = async () => {
    setLoading(true);
    try {
      setOrders(await load());
    } finally {
      setLoading(false);
    }
  };
  if (!orders) {
    return (
      <button type="button" className="link" disabled={loading} onClick={() => void show()}>
        {t('caller.showAllOrders')}
      </button>
    );
  }
  return (
    <section className="order-history" aria-label={t('caller.orderHistory')}>
      <h3>
        {t('caller.orderHistory')}{' '}
        <button type="button" className="link" onClick={() => setOrders(null)}>
          {t('caller.hideOrders')}
        </button>
      </h3>
      {orders.length === 0 ? <p className="muted">{t('caller.noOrders')}</p> : null}
      <ol className="order-history-list">
        {orders.map((order) => (
          <li key={order.id}>
            <strong>{new Date(order.placedAt).toLocaleDateString(locale)}</strong> · {formatMoney(order.total, locale)} · {t(`orderState.${order.state}`, { defaultValue: order.state })}
            <br />
            <span className="muted">{order.lines.map((line) => `${line.quantity} × ${line.name}`).join('; ')}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
