import { useEffect, useState } from 'react';
import { api } from '../../shared/api.client';
import type { Order } from '../../shared/api-types';
import { formatMoney } from '../../shared/money.format';
import { describeFailure } from '../../i18n/i18n.setup';
import { useLocale } from '../../i18n/locale-switch.view';
import { CustomerPicker, customerLabel, type FoundCustomer } from '../customer-picker.view';

/** A customer found by phone number or name (the same finder as the top-up), with their wallet and orders. */
export function CustomerOrdersView({ onOpen }: { onOpen: (orderId: string) => void }) {
  const { t, locale } = useLocale();
  const [customer, setCustomer] = useState<FoundCustomer | null>(null);
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setOrders(null);
    if (!customer) return;
    api<{ orders: Order[] }>('GET', `/api/admin/customers/${encodeURIComponent(customer.customerId)}/orders?limit=20`)
      .then((reply) => setOrders(reply.orders))
      .catch((failure) => setError(describeFailure(failure)));
  }, [customer]);
  return (
    <div className="customer-orders" aria-label={t('fulfilment.customerOrders')}>
      <h3>{t('fulfilment.customerOrders')}</h3>
      <CustomerPicker chosen={customer} onChoose={setCustomer} />
      {error ? <p className="error">{error}</p> : null}
      {customer ? (
        <p>
          {customerLabel(customer)} · {t('customers.wallet', { balance: formatMoney(customer.walletBalance, locale) })}
        </p>
      ) : null}
      {orders && orders.length === 0 ? <p className="muted">{t('fulfilment.noOrders')}</p> : null}
      {orders && orders.length > 0 ? (
        <ul className="customer-order-list">
          {orders.map((order) => (
            <li key={order.id}>
              {new Date(order.placedAt).toLocaleString(locale)} · {formatMoney(order.total, locale)} · {t(`orderState.${order.state}`)}{' '}
              <button type="button" aria-label={t('fulfilment.openLabel', { id: order.id.slice(0, 8) })} onClick={() => onOpen(order.id)}>
                {t('fulfilment.open')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
