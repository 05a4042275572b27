import { useCallback, useState } from 'react';
import { api, newIdempotencyKey } from '../shared/api.client';
import { LocaleSwitch, useLocale } from '../i18n/locale-switch.view';
import type { Cart, LiveFrame, Order, Wallet } from '../shared/api-types';
import { useBusyAction } from '../shared/busy-action.hook';
import { formatDateTime } from '../shared/date.format';
import { useDocumentTitle } from '../shared/document-title.hook';
import { useLiveSocket } from '../shared/live-socket.hook';
import { formatMoney } from '../shared/money.format';
import { signOut } from '../shared/staff-sign-in.view';
import { usePrincipal } from '../shared/use-principal.hook';
import { CartView } from '../desk/cart.view';
import { CustomerSignIn } from './customer-sign-in.view';
import { PaymentStep } from './payment-step.view';
import { WalletTopUp, type StartedTopUp } from './wallet-top-up.view';

/** The customer shop at `/shop`: large type, two languages (the same catalogues as the desk), few steps. */
export function ShopPage() {
  const [principal, setPrincipal] = usePrincipal();
  const { t, locale } = useLocale();
  return (
    <div className="shop" lang={locale}>
      <header className="topbar">
        <strong className="shop-brand">{t('shop.title')}</strong>
        <LocaleSwitch />
        {principal?.kind === 'customer' ? (
          <button type="button" onClick={() => void signOut().then(() => setPrincipal(null))}>
            {t('common.signOut')}
          </button>
        ) : null}
      </header>
      {principal === undefined ? null : principal?.kind === 'customer' ? (
        <Shop onSignedOut={() => setPrincipal(null)} />
      ) : (
        <CustomerSignIn onSignedIn={setPrincipal} />
      )}
    </div>
  );
}

function Shop({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, locale } = useLocale();
  const [cart, setCart] = useState<Cart | null>(null);
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [orders, setOrders] = useState<Order[]>([]);
  const { busy, error, run } = useBusyAction();

  const keepNewer = (next: Cart | null) => setCart((current) => (current && next && current.id === next.id && current.version > next.version ? current : next));
  const reload = useCallback(async () => {
    const [cartReply, walletReply, orderReply] = await Promise.all([
      api<{ cart: Cart }>('GET', '/api/shop/cart').catch(() => ({ cart: null })),
      api<{ wallet: Wallet }>('GET', '/api/shop/wallet').catch(() => null),
      api<{ orders: Order[] }>('GET', '/api/shop/orders?limit=20').catch(() => ({ orders: [] })),
    ]);
    setCart(cartReply.cart);
    setWallet(walletReply?.wallet ?? null);
    setOrders(orderReply.orders);
  }, []);
  const onFrame = useCallback(
    (frame: LiveFrame) => {
      if (frame.type === 'cart.updated') keepNewer(frame.data.cart);
      if (['order.placed', 'payment.settled', 'shipment.ready', 'wallet.credited'].includes(frame.type)) void reload();
    },
    [reload],
  );
  useLiveSocket(true, { onFrame, onOpen: () => void reload(), onSessionEnded: onSignedOut });

  const item = (productId: string) => `/api/shop/cart/items/${encodeURIComponent(productId)}`;
  const awaiting = orders.filter((order) => order.state === 'awaiting_payment');
  useDocumentTitle(awaiting.length > 0 ? t('shop.pagePay') : t('shop.pageShop'));
  const pay = async (orderId: string) => {
    let done = false;
    await run(async () => {
      await api('POST', `/api/shop/orders/${encodeURIComponent(orderId)}/pay`, { idempotencyKey: newIdempotencyKey() });
      done = true;
      await reload();
    });
    return done;
  };
  return (
    <main className="shop-main">
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <PaymentStep orders={awaiting} balance={wallet?.balance} busy={busy} pay={pay} />
      <section className="panel">
        <h2>{t('shop.cart')}</h2>
        <CartView
          cart={cart}
          busy={busy}
          labels={{ empty: t('shop.empty'), remove: t('common.remove'), total: t('common.total'), quantity: t('common.quantity') }}
          onQuantity={(productId, quantity) => void run(async () => keepNewer((await api<{ cart: Cart }>('PUT', item(productId), { quantity })).cart))}
          onRemove={(productId) => void run(async () => keepNewer((await api<{ cart: Cart }>('DELETE', item(productId))).cart))}
        />
        {cart?.lines.length ? (
          <p className="actions">
            {cart.confirmedAt ? (
              <span className="badge">{t('shop.confirmed')}</span>
            ) : (
              <button type="button" disabled={busy} onClick={() => void run(async () => keepNewer((await api<{ cart: Cart }>('POST', '/api/shop/cart/confirm')).cart))}>
                {t('shop.confirm')}
              </button>
            )}{' '}
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api('POST', '/api/shop/orders', { idempotencyKey: newIdempotencyKey() });
                  await reload();
                })
              }
            >
              {t('shop.placeOrder')}
            </button>
          </p>
        ) : null}
      </section>
      <section className="panel">
        <h2>
          {t('shop.wallet')}: <span className="money">{formatMoney(wallet?.balance, locale)}</span>
        </h2>
        <WalletTopUp
          busy={busy}
          onRefresh={() => void reload()}
          start={async (amountMinor) => {
            let started: StartedTopUp | undefined;
            await run(async () => {
              const currency = wallet?.balance.currency ?? 'CNY';
              started = (await api<{ topUp: StartedTopUp }>('POST', '/api/shop/wallet/top-ups', { amount: { amountMinor, currency }, idempotencyKey: newIdempotencyKey() })).topUp;
            });
            return started;
          }}
        />
      </section>
      <section className="panel">
        <h2>{t('shop.orders')}</h2>
        {orders.length === 0 ? <p className="muted">{t('shop.noOrders')}</p> : null}
        <ul className="order-history">
          {orders.map((order) => (
            <li key={order.id}>
              {formatDateTime(order.placedAt, locale)} · {formatMoney(order.total, locale)} · {t(`orderState.${order.state}`, { defaultValue: order.state })}
              {order.settlement?.method === 'wallet' ? ` · ${t('shop.paid')}` : null}
              {order.settlement?.method === 'cash-on-delivery'
                ? ` · ${t('shop.cashOnDelivery')}: ${formatMoney(order.settlement.amountToCollect, locale)} ${t('shop.toCollect')}`
                : null}
              <ul>
                {order.lines.map((line) => (
                  <li key={line.productId}>
                    {line.quantity} × {line.name}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
