import { useState } from 'react';
import { Countdown } from '../shared/countdown.view';
import { useLocale } from '../i18n/locale-switch.view';
import { formatMoney } from '../shared/money.format';
import type { Caller, Order, RoutedCall } from '../shared/api-types';
import { CallTimer } from './call-timer.view';
import { OrderHistoryView } from './order-history.view';

/** Registering a caller without a usable number: the agent types the number the caller gives. */
function RegisterByNumber({ onRegister, busy }: { onRegister: (phone?: string) => void; busy?: boolean }) {
  const [phone, setPhone] = useState('');
  const { t } = useLocale();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (phone.trim()) onRegister(phone.trim());
      }}
    >
      <label className="field-inline">
        {t('caller.callersNumber')} <input value={phone} onChange={(event) => setPhone(event.target.value)} aria-label={t('caller.callersNumber')} />
      </label>
      <button type="submit" disabled={busy}>
        {t('caller.register')}
      </button>
    </form>
  );
}

/**
 * The screen pop: who is calling and for how long, with the registration countdown for a new
 * number, and a returning customer's wallet, address and orders (all of them on demand).
 */
export function CallerView({
  call,
  caller,
  registered,
  onRegister,
  loadOrders,
  busy,
}: {
  call: RoutedCall;
  caller: Caller | null;
  registered: boolean;
  onRegister: (phone?: string) => void;
  /** The customer's full order history (null when it could not be loaded). */
  loadOrders?: () => Promise<Order[] | null>;
  busy?: boolean;
}) {
  const { t, locale } = useLocale();
  const reasonKey = caller?.status === 'unidentified' ? `caller.reason.${caller.reason}` : '';
  return (
    <section className="panel caller" aria-label={t('caller.region')}>
      <h2>
        {t('caller.heading')} <span className="phone">{call.callerNumber}</span> <CallTimer since={call.assignedAt ?? call.startedAt} endedAt={call.endedAt} /> {call.status === 'ended' ? <span className="badge badge-ended">{t('caller.callEnded')}</span> : null}
      </h2>
      {!caller ? <p className="muted">{t('caller.identifying')}</p> : null}
      {caller?.status === 'returning' ? (
        <div className="caller-returning">
          <p className="caller-name">{caller.customer.name ?? t('caller.returning')}</p>
          <p>{caller.customer.phone}</p>
          {caller.customer.defaultAddress ? (
            <p className="address">
              {caller.customer.defaultAddress.recipient}, {caller.customer.defaultAddress.street}, {caller.customer.defaultAddress.city}, {caller.customer.defaultAddress.region}
            </p>
          ) : (
            <p className="warning">{t('caller.noAddress')}</p>
          )}
          <p>
            {t('caller.wallet')} <strong>{formatMoney(caller.customer.walletBalance, locale)}</strong>
          </p>
          {caller.customer.recentOrders.length ? (
            <ul className="recent-orders">
              {caller.customer.recentOrders.map((order) => (
                <li key={order.orderId}>
                  {new Date(order.placedAt).toLocaleDateString(locale)} · {formatMoney(order.total, locale)} · {t(`orderState.${order.state}`, { defaultValue: order.state })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('caller.noOrders')}</p>
          )}
          {loadOrders ? <OrderHistoryView key={caller.customer.customerId} load={loadOrders} /> : null}
        </div>
      ) : null}
      {caller?.status === 'new' ? (
        <div className="caller-new">
          <p>
            <span className="badge">{t('caller.newCaller')}</span> {caller.phone}
          </p>
          {registered ? (
            <p>{t('caller.registered')}</p>
          ) : (
            <p>
              <Countdown deadline={caller.registrationDueAt} label={t('caller.autoRegistration')} expiredText={t('caller.now')} />{' '}
              <button type="button" onClick={() => onRegister()} disabled={busy}>
                {t('caller.registerNow')}
              </button>
            </p>
          )}
        </div>
      ) : null}
      {caller?.status === 'unidentified' ? (
        <div className="caller-unidentified">
          <p>
            <span className="badge badge-warning">{t('caller.unidentified')}</span> {t(reasonKey, { defaultValue: caller.reason })} ({caller.callerNumber})
          </p>
          {registered ? null : <RegisterByNumber onRegister={onRegister} busy={busy} />}
        </div>
      ) : null}
    </section>
  );
}
