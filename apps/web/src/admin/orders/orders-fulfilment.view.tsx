import { useEffect, useState } from 'react';
import { api } from '../../shared/api.client';
import { formatMoney } from '../../shared/money.format';
import { describeFailure } from '../../i18n/i18n.setup';
import { useLocale } from '../../i18n/locale-switch.view';
import { CustomerOrdersView } from './customer-orders.view';
import { amountToCollect, FULFILMENT_TABS, type FulfilmentTab, type ListedOrder, type OrderCount, pageCount, tabCount, tabQuery } from './fulfilment.logic';
import { OrderDetailsView } from './order-details.view';

const PAGE_SIZE = 20;

interface OrderPage {
  orders: ListedOrder[];
  total: number;
  counts: OrderCount[];
}

/**
 * The admin's orders and fulfilment section: the orders of one list at a time (tabs with their
 * counts), newest first, a page at a time; an order opens its details, where a ready one is
 * marked shipped; and a customer found by phone or name with their wallet and orders.
 */
export function OrdersFulfilmentSection() {
  const { t, locale } = useLocale();
  const [tab, setTab] = useState<FulfilmentTab>(FULFILMENT_TABS[0]);
  const [page, setPage] = useState(1);
  const [listing, setListing] = useState<OrderPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openOrderId, setOpenOrderId] = useState<string | null>(null);
  const load = () =>
    api<OrderPage>('GET', `/api/admin/orders?${tabQuery(tab, page, PAGE_SIZE)}`)
      .then((reply) => {
        setListing(reply);
        setError(null);
      })
      .catch((failure) => setError(describeFailure(failure)));
  useEffect(() => void load(), [tab, page]);
  const pages = pageCount(listing?.total ?? 0, PAGE_SIZE);
  return (
    <section className="panel fulfilment" aria-label={t('fulfilment.region')}>
      <h2>{t('fulfilment.heading')}</h2>
      <div className="tabs" role="tablist" aria-label={t('fulfilment.lists')}>
        {FULFILMENT_TABS.map((each) => (
          <button
            key={each.key}
            type="button"
            role="tab"
            aria-selected={each.key === tab.key}
            onClick={() => {
              setTab(each);
              setPage(1);
            }}
          >
            {t(`fulfilment.tab.${each.key}`)} ({listing ? tabCount(each, listing.counts) : '…'})
          </button>
        ))}
        <button type="button" onClick={() => void load()}>
          {t('common.refresh')}
        </button>
      </div>
      {error ? <p className="error">{error}</p> : null}
      {listing && listing.orders.length === 0 ? <p className="muted">{t('fulfilment.empty')}</p> : null}
      {listing && listing.orders.length > 0 ? (
        <table className="cart orders-list" aria-label={t(`fulfilment.tab.${tab.key}`)}>
          <thead>
            <tr>
              <th>{t('fulfilment.placedAt')}</th>
              <th>{t('fulfilment.customer')}</th>
              <th>{t('fulfilment.state')}</th>
              <th className="money">{t('fulfilment.total')}</th>
              <th className="money">{t('fulfilment.toCollect')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {listing.orders.map(({ order, customer }) => (
              <tr key={order.id} data-order-id={order.id}>
                <td>{new Date(order.placedAt).toLocaleString(locale)}</td>
                <td>{customer.name ? `${customer.name} · ${customer.phone}` : customer.phone}</td>
                <td>{t(`orderState.${order.state}`)}</td>
                <td className="money">{formatMoney(order.total, locale)}</td>
                <td className="money">{formatMoney(amountToCollect(order), locale)}</td>
                <td>
                  <button type="button" aria-label={t('fulfilment.openLabel', { id: order.id.slice(0, 8) })} onClick={() => setOpenOrderId(order.id)}>
                    {t('fulfilment.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <nav className="pages" aria-label={t('fulfilment.pages')}>
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('fulfilment.previous')}
        </button>
        <span>{t('fulfilment.pageOf', { page, pages })}</span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('fulfilment.next')}
        </button>
      </nav>
      {openOrderId ? <OrderDetailsView key={openOrderId} orderId={openOrderId} onClose={() => setOpenOrderId(null)} onShipped={() => void load()} /> : null}
      <CustomerOrdersView onOpen={setOpenOrderId} />
    </section>
  );
}
