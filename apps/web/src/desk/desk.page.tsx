import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { api, ApiRequestError, newIdempotencyKey } from '../shared/api.client';
import { describeFailure } from '../i18n/i18n.setup';
import { LocaleSwitch, useLocale } from '../i18n/locale-switch.view';
import type { AgentStatus, CallSnapshot, Cart, LiveFrame, MatchSet, Order, Principal, ProductHit, ProductSearchResult, RoutedCall, ShippingAddress, TransferCandidate, Wallet } from '../shared/api-types';
import { useBusyAction } from '../shared/busy-action.hook';
import { useLiveSocket } from '../shared/live-socket.hook';
import { formatMoney } from '../shared/money.format';
import { signOut, StaffSignIn } from '../shared/staff-sign-in.view';
import { usePrincipal } from '../shared/use-principal.hook';
import { AddressForm } from './address-form.view';
import { CallerView } from './caller.view';
import { CandidatesView } from './candidates.view';
import { CartView } from './cart.view';
import { beingConfirmed } from './being-confirmed.logic';
import { DeskNotice } from './desk-notice.view';
import { CallBar, type CallBarActions } from './calls/call-bar.view';
import { RingingBanner } from './calls/ringing-banner.view';
import { WrapUpView } from './calls/wrap-up.view';
import { currentCandidates, deskReducer, initialDeskState, isConnectedToMe, type QueuedCall, recognisedTerms } from './desk-state.reducer';
import { TopUpForm } from './order.view';
import { PlacedOrderView } from './placed-order.view';
import { ReadBackView } from './read-back.view';
import { DeskSoftphone } from './softphone/softphone.view';
import { TranscriptView } from './transcript.view';
import { useDeskShortcuts } from './use-desk-shortcuts.hook';

const SHORTCUTS: Array<[string, string]> = [
  ['Enter', 'desk.shortcut.answer'],
  ['1–5', 'desk.shortcut.addCandidate'],
  ['/', 'desk.shortcut.focusSearch'],
  ['Esc', 'desk.shortcut.back'],
  ['Ctrl+Enter', 'desk.shortcut.placeOrder'],
  ['Alt+A', 'desk.shortcut.toggleAvailable'],
];

/** The agent desk at `/`: sign-in, then the live call screen. */
export function DeskPage() {
  const [principal, setPrincipal] = usePrincipal();
  const { t } = useLocale();
  if (principal === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (!principal || principal.kind !== 'staff') return <StaffSignIn title={t('desk.title')} onSignedIn={setPrincipal} />;
  if (principal.role !== 'agent') {
    return (
      <main className="sign-in">
        <h1>callcart</h1>
        <p>{t('desk.notAgent', { username: principal.username, role: principal.role })}</p>
        <p>
          <a href="/admin">{t('desk.adminLink')}</a>
        </p>
        <button type="button" onClick={() => void signOut().then(() => setPrincipal(null))}>
          {t('common.signOut')}
        </button>
      </main>
    );
  }
  return <Desk principal={principal} onSignedOut={() => setPrincipal(null)} />;
}

function Desk({ principal, onSignedOut }: { principal: Extract<Principal, { kind: 'staff' }>; onSignedOut: () => void }) {
  const [state, dispatch] = useReducer(deskReducer, { ...initialDeskState, me: principal.staffId });
  const { busy, error, setError, run } = useBusyAction();
  const [query, setQuery] = useState('');
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [savedAddress, setSavedAddress] = useState<ShippingAddress | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const callId = state.call?.callId;
  const callIdRef = useRef(callId);
  callIdRef.current = callId;
  const connected = isConnectedToMe(state);
  const { t, locale } = useLocale();
  // What the agent typed or loaded for one call never carries over to the next one.
  useEffect(() => {
    setQuery('');
    setWallet(null);
    setSavedAddress(null);
  }, [callId]);

  const loadCall = useCallback(async (id: string) => {
    dispatch({ kind: 'snapshot', snapshot: await api<CallSnapshot>('GET', `/api/agent/calls/${encodeURIComponent(id)}`) });
  }, []);

  const refresh = useCallback(async () => {
    const [calls, status] = await Promise.all([
      api<{ available: boolean; mine: RoutedCall[]; queue: QueuedCall[] }>('GET', '/api/agent/calls'),
      api<AgentStatus>('GET', '/api/agent/status'),
    ]);
    dispatch({ kind: 'calls', ...calls });
    dispatch({ kind: 'agent-status', status });
    const current = calls.mine.find((call) => call.status === 'connected' && call.agentId === principal.staffId);
    if (current) await loadCall(current.callId);
  }, [loadCall, principal.staffId]);

  /** The caller card's balance after a payment: the settlement does not carry the balance, the wallet does. */
  const reloadBalance = useCallback(async (id: string) => {
    const reply = await api<{ wallet: Wallet }>('GET', `/api/agent/calls/${encodeURIComponent(id)}/wallet`);
    dispatch({ kind: 'wallet-balance', customerId: reply.wallet.customerId, balance: reply.wallet.balance });
    setWallet((shown) => (shown ? reply.wallet : shown));
  }, []);

  const onFrame = useCallback(
    (frame: LiveFrame) => {
      dispatch({ kind: 'frame', frame });
      // Answered at another desk of this agent: this one shows the call too.
      const answeredHere = frame.type === 'call.updated' && frame.data.status === 'connected' && frame.data.agentId === principal.staffId && frame.data.callId !== callIdRef.current;
      if (answeredHere) void loadCall(frame.data.callId).catch((failure) => setError(describeFailure(failure)));
      if (frame.type === 'payment.settled' && frame.callId && frame.data.method === 'wallet') void reloadBalance(frame.callId).catch(() => undefined);
    },
    [loadCall, reloadBalance, principal.staffId],
  );
  const live = useLiveSocket(true, { onFrame, onOpen: () => void refresh().catch((failure) => setError(describeFailure(failure))), onSessionEnded: onSignedOut });

  const path = (suffix: string) => `/api/agent/calls/${encodeURIComponent(callId ?? '')}${suffix}`;
  const setAvailable = (available: boolean) =>
    run(async () => {
      await api('POST', '/api/agent/availability', { available });
      dispatch({ kind: 'availability', available });
    });
  const addItem = (productId: string, quantity: number) =>
    run(async () => {
      const reply = await api<{ cart: Cart }>('POST', path('/cart/items'), { productId, quantity });
      dispatch({ kind: 'cart', cart: reply.cart });
    });
  const addBySku = (sku: string, quantity: number) =>
    run(async () => {
      // The catalogue says NOT_FOUND; the agent hears "no product with this number".
      const reply = await api<{ product: { id: string } }>('GET', `/api/agent/products/by-sku/${encodeURIComponent(sku)}`).catch((failure: unknown) => {
        throw failure instanceof ApiRequestError && failure.code === 'NOT_FOUND' ? new ApiRequestError(404, 'PRODUCT_NOT_FOUND', failure.message) : failure;
      });
      const added = await api<{ cart: Cart }>('POST', path('/cart/items'), { productId: reply.product.id, quantity });
      dispatch({ kind: 'cart', cart: added.cart });
    });
  const setQuantity = (productId: string, quantity: number) =>
    run(async () => dispatch({ kind: 'cart', cart: (await api<{ cart: Cart }>('PUT', path(`/cart/items/${encodeURIComponent(productId)}`), { quantity })).cart }));
  const remove = (productId: string) =>
    run(async () => dispatch({ kind: 'cart', cart: (await api<{ cart: Cart }>('DELETE', path(`/cart/items/${encodeURIComponent(productId)}`))).cart }));
  const placeOrder = () =>
    run(async () => dispatch({ kind: 'order', order: (await api<{ order: Order }>('POST', path('/orders'), { idempotencyKey: newIdempotencyKey() })).order }));
  const canPlace = state.customerId !== null && Boolean(state.cart?.lines.length);
  /** The first Ctrl+Enter (or the button) opens the read-back; only its confirmation places the order. */
  const placeOrReadBack = () => {
    if (busy) return; // a second press while the order is being placed must not place it twice
    if (state.readBack) void placeOrder();
    else if (canPlace) {
      setError(null);
      dispatch({ kind: 'read-back', open: true });
    }
  };
  const loadOrders = async () => {
    try {
      return (await api<{ orders: Order[] }>('GET', path('/orders?limit=50'))).orders;
    } catch (failure) {
      setError(describeFailure(failure));
      return null;
    }
  };
  const register = (phone?: string) =>
    run(async () => {
      const reply = await api<{ customer: { customerId: string } }>('POST', path('/register'), phone ? { phone } : {});
      dispatch({ kind: 'registered', customerId: reply.customer.customerId });
    });
  const saveAddress = (address: ShippingAddress) =>
    run(async () => {
      await api('PUT', path('/address'), { address });
      setSavedAddress(address);
    });
  const loadWallet = () => run(async () => setWallet((await api<{ wallet: Wallet }>('GET', path('/wallet'))).wallet));
  const topUp = (amountMinor: number, reason: string) =>
    run(async () => {
      const currency = wallet?.balance.currency ?? state.cart?.total.currency ?? 'CNY';
      const reply = await api<{ wallet: Wallet }>('POST', path('/wallet/top-ups'), { amount: { amountMinor, currency }, reason, idempotencyKey: newIdempotencyKey() });
      setWallet(reply.wallet);
      dispatch({ kind: 'wallet-balance', customerId: reply.wallet.customerId, balance: reply.wallet.balance });
    });
  const searchCatalogue = (text: string, limit: number) => api<ProductSearchResult>('GET', `/api/agent/products?q=${encodeURIComponent(text)}&limit=${limit}`);
  const search = () =>
    run(async () => {
      const mention = query.trim();
      if (!mention || !callId) return;
      // The catalogue decides how to confirm (its CONFIRM_LIST_MAX); the desk only shows it.
      const result = await searchCatalogue(mention, 10);
      dispatch({ kind: 'search', search: { ...result, source: 'search', callId, mention } });
      // Out of the search box, so the number keys add candidates straight away.
      searchRef.current?.blur();
    });
  /** The whole list behind an item-number prompt, for a caller without a catalogue (up to 50). */
  const loadAllCandidates = async (set: MatchSet): Promise<ProductHit[]> => {
    try {
      return (await searchCatalogue(set.mention, 50)).hits;
    } catch (failure) {
      setError(describeFailure(failure));
      return set.hits;
    }
  };
  const accept = (id: string) =>
    run(async () => {
      dispatch({ kind: 'answered', call: await api<RoutedCall>('POST', `/api/agent/calls/${encodeURIComponent(id)}/accept`) });
      await loadCall(id);
    });
  /** Answering waits for nothing else the desk is doing (a call may ring while Ready is still on its way). */
  const [answering, setAnswering] = useState(false);
  const answer = () => {
    const ringing = state.ringing;
    if (!ringing || answering) return;
    setAnswering(true);
    api<RoutedCall>('POST', `/api/agent/calls/${encodeURIComponent(ringing.callId)}/answer`)
      .then(async (call) => {
        dispatch({ kind: 'answered', call });
        await loadCall(ringing.callId);
      })
      .catch((failure: unknown) => setError(describeFailure(failure)))
      .finally(() => setAnswering(false));
  };
  const callBar: CallBarActions = {
    hold: (onHold) => void run(async () => dispatch({ kind: 'call', call: await api<RoutedCall>('POST', path('/hold'), { onHold }) })),
    hangUp: () => void run(async () => void (await api('POST', path('/hangup')))),
    transfer: (toAgentId) => void run(async () => dispatch({ kind: 'call', call: await api<RoutedCall>('POST', path('/transfer'), { toAgentId }) })),
    cancelTransfer: () => void run(async () => dispatch({ kind: 'call', call: await api<RoutedCall>('DELETE', path('/transfer')) })),
    loadColleagues: () => api<TransferCandidate[]>('GET', '/api/agent/agents'),
  };
  const saveNotes = async (notes: string): Promise<boolean> => {
    try {
      await api('PUT', path('/notes'), { notes });
      return true;
    } catch (failure) {
      setError(describeFailure(failure));
      return false;
    }
  };
  /** Ends the wrap-up: the screen clears and calls may ring again. */
  const ready = () =>
    run(async () => {
      // The screen clears first: the next call may ring before the server's answer is back.
      if (callId) dispatch({ kind: 'close-call', callId });
      dispatch({ kind: 'agent-status', status: await api<AgentStatus>('POST', '/api/agent/ready') });
    });

  const currentSet = currentCandidates(state);
  useDeskShortcuts(
    {
      callId,
      currentSet,
      available: state.available,
      placeOrReadBack,
      back: () => {
        dispatch({ kind: 'clear-search' });
        dispatch({ kind: 'read-back', open: false });
      },
      addItem: (hit, quantity) => void addItem(hit.productId, quantity),
      setAvailable: (available) => void setAvailable(available),
      answer: state.ringing ? answer : null,
    },
    searchRef,
  );

  const registered = state.customerId !== null;
  const defaultAddress = state.caller?.status === 'returning' ? state.caller.customer.defaultAddress : null;
  const walletBalance = state.caller?.status === 'returning' ? state.caller.customer.walletBalance : (wallet?.balance ?? null);
  const confirming = currentSet ? beingConfirmed([...state.finals, ...(state.interim ? [state.interim] : [])], currentSet.hits) : null;
  return (
    <div className="desk">
      <header className="topbar">
        <strong>{t('desk.brand')}</strong>
        <label className="toggle">
          <input type="checkbox" checked={state.available} onChange={(event) => void setAvailable(event.target.checked)} aria-label={t('desk.available')} /> {t('desk.available')}
        </label>
        <span className={`live live-${live}`}>{t('common.live', { state: t(`common.liveState.${live}`) })}</span>
        <span className="who">{principal.username}</span>
        <LocaleSwitch />
        <button type="button" onClick={() => void signOut().then(onSignedOut)}>
          {t('common.signOut')}
        </button>
      </header>
      <DeskNotice
        message={error ?? (state.routingNotice ? t(`desk.routingNotice.${state.routingNotice}`) : null)}
        onDismiss={() => {
          setError(null);
          dispatch({ kind: 'dismiss-routing-notice' });
        }}
      />
      {state.ringing ? <RingingBanner call={state.ringing} me={principal.staffId} busy={answering} onAnswer={answer} /> : null}
      {connected && state.call ? <CallBar call={state.call} me={principal.staffId} queue={state.queue} busy={busy} actions={callBar} softphone={<DeskSoftphone callId={state.call.callId} />} /> : null}
      <aside className="shortcuts" aria-label={t('desk.shortcutsLabel')}>
        {SHORTCUTS.map(([keys, what]) => (
          <span key={keys}>
            <kbd>{keys}</kbd> {t(what)}
          </span>
        ))}
      </aside>
      {!state.call ? (
        <main className="idle">
          <p>{state.available ? t('desk.waiting') : t('desk.notAvailable')}</p>
          {!state.available && state.agentStatus?.reason && state.agentStatus.reason !== 'wrap-up' ? <p className="status-reason">{t(`desk.statusReason.${state.agentStatus.reason}`)}</p> : null}
          {state.queue.length ? (
            <section className="panel">
              <h2>{t('desk.waitingCalls')}</h2>
              <ul>
                {state.queue.map((queued) => (
                  <li key={queued.callId}>
                    {queued.callerNumber}{' '}
                    <button type="button" disabled={busy} onClick={() => void accept(queued.callId)}>
                      {t('desk.accept')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </main>
      ) : (
        <main className="call-grid">
          {!connected ? (
            <WrapUpView call={state.call} order={state.order} status={state.agentStatus} notice={state.routingNotice} busy={busy} onSaveNotes={saveNotes} onReady={() => void ready()} />
          ) : null}
          <CallerView call={state.call} caller={state.caller} registered={registered} onRegister={(phone) => void register(phone)} loadOrders={loadOrders} busy={busy} />
          <TranscriptView finals={state.finals} interim={state.interim} terms={recognisedTerms(state)} />
          <section className="panel candidates-panel" aria-label={t('desk.candidates')}>
            <h2>
              {t('desk.candidates')} {state.search ? <span className="badge">{t('desk.searchBadge')}</span> : null}
            </h2>
            <CandidatesView
              key={`${callId}:${currentSet?.source === 'search' ? 'search' : (currentSet?.utteranceId ?? '')}:${currentSet?.mention ?? ''}:${state.matches.length}`}
              set={currentSet}
              keypad={state.keypad}
              busy={busy}
              confirming={confirming}
              loadAll={loadAllCandidates}
              onAdd={(hit, quantity) => void addItem(hit.productId, quantity)}
              onItemNumber={(sku, quantity) => void addBySku(sku, quantity)}
            />
            <form
              className="search"
              onSubmit={(event) => {
                event.preventDefault();
                void search();
              }}
            >
              <input ref={searchRef} type="search" placeholder={t('desk.searchPlaceholder')} value={query} onChange={(event) => setQuery(event.target.value)} aria-label={t('common.search')} />
              <button type="submit" disabled={busy}>
                {t('common.search')}
              </button>
            </form>
          </section>
          <section className="panel cart-panel" aria-label={t('desk.cart')}>
            <h2>
              {t('desk.cart')} {state.cart?.confirmedAt ? <span className="badge">{t('desk.cartConfirmed')}</span> : null}
            </h2>
            {state.order && !state.cart?.lines.length ? (
              <PlacedOrderView order={state.order} payment={state.payment} shipmentReady={state.shipmentReady} />
            ) : (
              <CartView cart={state.cart} busy={busy} onQuantity={(id, quantity) => void setQuantity(id, quantity)} onRemove={(id) => void remove(id)} />
            )}
            {registered ? (
              <details open={!defaultAddress}>
                <summary>
                  {t('desk.shippingAddress')}
                  {defaultAddress ? '' : t('desk.required')}
                </summary>
                <AddressForm initial={defaultAddress} defaultPhone={state.call.callerNumber} busy={busy} onSave={(address) => void saveAddress(address)} />
              </details>
            ) : (
              <p className="muted">{t('desk.registerFirst')}</p>
            )}
            {state.readBack && state.cart ? (
              <ReadBackView cart={state.cart} address={savedAddress ?? defaultAddress} walletBalance={walletBalance} busy={busy} onConfirm={() => void placeOrder()} onCancel={() => dispatch({ kind: 'read-back', open: false })} />
            ) : (
              <button type="button" className="primary" disabled={busy || !canPlace} onClick={placeOrReadBack} title={t('desk.readBackHint')}>
                {t('desk.placeOrder')}
              </button>
            )}
            {state.order && state.cart?.lines.length ? <PlacedOrderView order={state.order} payment={state.payment} shipmentReady={state.shipmentReady} /> : null}
            {registered ? (
              <details onToggle={(event) => (event.currentTarget.open && !wallet ? void loadWallet() : undefined)}>
                <summary>
                  {t('desk.wallet')} {wallet ? formatMoney(wallet.balance, locale) : ''}
                </summary>
                <TopUpForm currency={wallet?.balance.currency ?? 'CNY'} busy={busy} onTopUp={(amount, reason) => void topUp(amount, reason)} />
              </details>
            ) : null}
          </section>
        </main>
      )}
    </div>
  );
}
