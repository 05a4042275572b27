import { useState } from 'react';
import { Countdown } from '../shared/countdown.view';
import { formatMoney } from '../shared/money.format';
import type { Caller, RoutedCall } from '../shared/api-types';

const REASONS: Record<string, string> = {
  withheld: 'the number is withheld',
  invalid: 'the number is not valid',
  unsupported: 'the number is from an unsupported region',
};

/** Registering a caller without a usable number: the agent types the number the caller gives. */
function RegisterByNumber({ onRegister, busy }: { onRegister: (phone?: string) => void; busy?: boolean }) {
  const [phone, setPhone] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (phone.trim()) onRegister(phone.trim());
      }}
    >
      <label className="field-inline">
        Caller's number <input value={phone} onChange={(event) => setPhone(event.target.value)} aria-label="Caller's number" />
      </label>
      <button type="submit" disabled={busy}>
        Register
      </button>
    </form>
  );
}

/** The screen pop: who is calling, with the registration countdown for a new number. */
export function CallerView({ call, caller, registered, onRegister, busy }: { call: RoutedCall; caller: Caller | null; registered: boolean; onRegister: (phone?: string) => void; busy?: boolean }) {
  return (
    <section className="panel caller" aria-label="Caller">
      <h2>
        Caller <span className="phone">{call.callerNumber}</span> {call.status === 'ended' ? <span className="badge badge-ended">call ended</span> : null}
      </h2>
      {!caller ? <p className="muted">Identifying…</p> : null}
      {caller?.status === 'returning' ? (
        <div className="caller-returning">
          <p className="caller-name">{caller.customer.name ?? 'Returning customer'}</p>
          <p>{caller.customer.phone}</p>
          {caller.customer.defaultAddress ? (
            <p className="address">
              {caller.customer.defaultAddress.recipient}, {caller.customer.defaultAddress.street}, {caller.customer.defaultAddress.city}, {caller.customer.defaultAddress.region}
            </p>
          ) : (
            <p className="warning">No address yet.</p>
          )}
          <p>
            Wallet: <strong>{formatMoney(caller.customer.walletBalance)}</strong>
          </p>
          {caller.customer.recentOrders.length ? (
            <ul className="recent-orders">
              {caller.customer.recentOrders.map((order) => (
                <li key={order.orderId}>
                  {new Date(order.placedAt).toLocaleDateString()} · {formatMoney(order.total)} · {order.state}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No orders yet.</p>
          )}
        </div>
      ) : null}
      {caller?.status === 'new' ? (
        <div className="caller-new">
          <p>
            <span className="badge">New caller</span> {caller.phone}
          </p>
          {registered ? (
            <p>Registered.</p>
          ) : (
            <p>
              <Countdown deadline={caller.registrationDueAt} label="Auto-registration in" expiredText="now" />{' '}
              <button type="button" onClick={() => onRegister()} disabled={busy}>
                Register now
              </button>
            </p>
          )}
        </div>
      ) : null}
      {caller?.status === 'unidentified' ? (
        <div className="caller-unidentified">
          <p>
            <span className="badge badge-warning">Unidentified</span> {REASONS[caller.reason] ?? caller.reason} ({caller.callerNumber})
          </p>
          {registered ? null : <RegisterByNumber onRegister={onRegister} busy={busy} />}
        </div>
      ) : null}
    </section>
  );
}
