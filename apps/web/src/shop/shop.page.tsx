import { useCallback, useState } from 'react';
import { api, newIdempotencyKey } from '../shared/api.client';
import { describeFailure } from '../i18n/i18n.setup';
import { LocaleSwitch, useLocale } from '../i18n/locale-switch.view';
import type { Cart, LiveFrame, Order, Principal, Wallet } from '../shared/api-types';
import { Countdown } from '../shared/countdown.view';
import { useBusyAction } from '../shared/busy-action.hook';
import { useLiveSocket } from '../shared/live-socket.hook';
import { formatMoney } from '../shared/money.format';
import { signOut } from '../shared/staff-sign-in.view';
import { usePrincipal } from '../shared/use-principal.hook';
import { CartView } from '../desk/cart.view';
import { WalletTopUp, type StartedTopUp } from './wallet-top-up.view';

/** The customer shop at `/shop`: large type, two languages (the same catalogues as the desk), few steps. */
export function ShopPage() {
  const [principal, setPrincipal] = usePrincipal();
  const { t, locale } = useLocale();
  return (
    <div className="shop" lang={locale}>
      <header className="topbar">
        <strong>{t('shop.title')}</strong>
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

function CustomerSignIn({ onSignedIn }: { onSignedIn: (principal: Principal) => void }) {
  const { t } = useLocale();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      if (!sent) {
        await api('POST', '/api/auth/customer/request-code', { phone });
        setSent(true);
      } else {
        onSignedIn(await api<Principal>('POST', '/api/auth/customer/verify-code', { phone, code }));
      }
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };
  return (
    <main className="shop-sign-in">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          {t('shop.phone')}
          <input type="tel" autoComplete="tel" value={phone} onChange={(event) => setPhone(event.target.value)} required />
        </label>
        {sent ? (
          <>
            <p>{t('shop.codeSent')}</p>
            <label className="field">
              {t('shop.code')}
              <input inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" value={code} onChange={(event) => setCode(event.target.value)} required />
            </label>
          </>
        ) : null}
        <button type="submit" className="primary">
          {sent ? t('common.signIn') : t('shop.sendCode')}
        </button>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
      </form>
    </main>
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
  return (
    <main className="shop-main">
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
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
        {awaiting.map((order) => (
          <div key={order.id} className="pay-box">
            <p>
              {formatMoney(order.total, locale)} · <Countdown deadline={order.paymentDueAt} label={t('shop.payWithin')} expiredText={t('shop.expired')} />
            </p>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api('POST', `/api/shop/orders/${encodeURIComponent(order.id)}/pay`, { idempotencyKey: newIdempotencyKey() });
                  await reload();
                })
              }
            >
              {t('shop.pay')}
            </button>
          </div>
        ))}
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
              {new Date(order.placedAt).toLocaleString(locale)} · {formatMoney(order.total, locale)} · {t(`orderState.${order.state}`, { defaultValue: order.state })}
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
