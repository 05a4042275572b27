import { useCallback, useState } from 'react';
import { api, ApiRequestError, describeError, newIdempotencyKey } from '../shared/api.client';
import type { Cart, LiveFrame, Order, Principal, Wallet } from '../shared/api-types';
import { Countdown } from '../shared/countdown.view';
import { useBusyAction } from '../shared/busy-action.hook';
import { useLiveSocket } from '../shared/live-socket.hook';
import { formatMoney } from '../shared/money.format';
import { signOut } from '../shared/staff-sign-in.view';
import { usePrincipal } from '../shared/use-principal.hook';
import { CartView } from '../desk/cart.view';
import { defaultShopLanguage, SHOP_STRINGS, type ShopLanguage, type ShopStrings } from './shop-strings';
import { WalletTopUp, type StartedTopUp } from './wallet-top-up.view';

/** The customer shop at `/shop`: large type, two languages, few steps. */
export function ShopPage() {
  const [language, setLanguage] = useState<ShopLanguage>(() => defaultShopLanguage(typeof navigator === 'undefined' ? [] : navigator.languages ?? []));
  const [principal, setPrincipal] = usePrincipal();
  const t = SHOP_STRINGS[language];
  return (
    <div className="shop" lang={language === 'zh' ? 'zh-CN' : 'en'}>
      <header className="topbar">
        <strong>{t.title}</strong>
        <button type="button" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
          {t.language}
        </button>
        {principal?.kind === 'customer' ? (
          <button type="button" onClick={() => void signOut().then(() => setPrincipal(null))}>
            {t.signOut}
          </button>
        ) : null}
      </header>
      {principal === undefined ? null : principal?.kind === 'customer' ? (
        <Shop t={t} locale={language === 'zh' ? 'zh-CN' : 'en'} onSignedOut={() => setPrincipal(null)} />
      ) : (
        <CustomerSignIn t={t} onSignedIn={setPrincipal} />
      )}
    </div>
  );
}

function CustomerSignIn({ t, onSignedIn }: { t: ShopStrings; onSignedIn: (principal: Principal) => void }) {
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
      // The SMS provider did not take the code (orders' SMS_NOT_SENT): nothing was kept, asking again is safe.
      setError(failure instanceof ApiRequestError && failure.code === 'SMS_NOT_SENT' ? t.codeNotSent : describeError(failure));
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
          {t.phone}
          <input type="tel" autoComplete="tel" value={phone} onChange={(event) => setPhone(event.target.value)} required />
        </label>
        {sent ? (
          <>
            <p>{t.codeSent}</p>
            <label className="field">
              {t.code}
              <input inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" value={code} onChange={(event) => setCode(event.target.value)} required />
            </label>
          </>
        ) : null}
        <button type="submit" className="primary">
          {sent ? t.signIn : t.sendCode}
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

function Shop({ t, locale, onSignedOut }: { t: ShopStrings; locale: string; onSignedOut: () => void }) {
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
      const data = frame.data as { cart?: Cart };
      if (frame.type === 'cart.updated' && data.cart) keepNewer(data.cart);
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
        <h2>{t.cart}</h2>
        <CartView
          cart={cart}
          busy={busy}
          locale={locale}
          labels={{ empty: t.empty, remove: t.remove, total: t.total, quantity: t.quantity }}
          onQuantity={(productId, quantity) => void run(async () => keepNewer((await api<{ cart: Cart }>('PUT', item(productId), { quantity })).cart))}
          onRemove={(productId) => void run(async () => keepNewer((await api<{ cart: Cart }>('DELETE', item(productId))).cart))}
        />
        {cart?.lines.length ? (
          <p className="actions">
            {cart.confirmedAt ? (
              <span className="badge">{t.confirmed}</span>
            ) : (
              <button type="button" disabled={busy} onClick={() => void run(async () => keepNewer((await api<{ cart: Cart }>('POST', '/api/shop/cart/confirm')).cart))}>
                {t.confirm}
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
              {t.placeOrder}
            </button>
          </p>
        ) : null}
      </section>
      <section className="panel">
        <h2>
          {t.wallet}: <span className="money">{formatMoney(wallet?.balance, locale)}</span>
        </h2>
        {awaiting.map((order) => (
          <div key={order.id} className="pay-box">
            <p>
              {formatMoney(order.total, locale)} · <Countdown deadline={order.paymentDueAt} label={t.payWithin} expiredText={t.expired} />
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
              {t.pay}
            </button>
          </div>
        ))}
        <WalletTopUp
          t={t}
          locale={locale}
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
        <h2>{t.orders}</h2>
        {orders.length === 0 ? <p className="muted">{t.noOrders}</p> : null}
        <ul className="order-history">
          {orders.map((order) => (
            <li key={order.id}>
              {new Date(order.placedAt).toLocaleString(locale)} · {formatMoney(order.total, locale)} · {t.state[order.state] ?? order.state}
              {order.settlement?.method === 'wallet' ? ` · ${t.paid}` : null}
              {order.settlement?.method === 'cash-on-delivery'
                ? ` · ${t.cashOnDelivery}: ${formatMoney(order.settlement.amountToCollect, locale)} ${t.toCollect}`
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
