import { useState } from 'react';
import { api, newIdempotencyKey } from '../shared/api.client';
import { describeFailure } from '../i18n/i18n.setup';
import { useLocale } from '../i18n/locale-switch.view';
import { formatMoney, parseMajorAmount } from '../shared/money.format';
import { CustomerPicker, type FoundCustomer } from './customer-picker.view';
import { type ReindexStatus, replicaRows } from './reindex-status.reducer';

/** Reindex button and per-replica progress bars (progress arrives on the live socket). */
export function ReindexSection({ status, onStarted }: { status: ReindexStatus | null; onStarted: (reindexId: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const { t } = useLocale();
  return (
    <section className="panel" aria-label={t('admin.reindex.region')}>
      <h2>{t('admin.reindex.heading')}</h2>
      <p className="muted">{t('admin.reindex.hint')}</p>
      <button
        type="button"
        onClick={() => {
          setError(null);
          api<{ reindexId: string }>('POST', '/api/admin/reindex')
            .then((reply) => onStarted(reply.reindexId))
            .catch((failure) => setError(describeFailure(failure)));
        }}
      >
        {t('admin.reindex.start')}
      </button>
      {error ? <p className="error">{error}</p> : null}
      {status ? (
        <ul className="reindex-progress">
          {replicaRows(status).map((row) => (
            <li key={row.index}>
              {t('admin.reindex.replica', { index: row.index, count: row.count })}:{' '}
              {row.completed
                ? t('admin.reindex.done', { count: row.completed.productCount, version: row.completed.indexVersion })
                : t('admin.reindex.progress', { phase: t(`admin.reindex.phase.${row.phase}`, { defaultValue: row.phase }), done: row.done, total: row.total })}{' '}
              <progress max={Math.max(1, row.total)} value={row.completed ? row.total : row.done} />
            </li>
          ))}
          {Object.keys(status.phases).length === 0 ? <li className="muted">{t('admin.reindex.started', { id: status.reindexId.slice(0, 8) })}</li> : null}
        </ul>
      ) : null}
    </section>
  );
}

/** The development SMS outbox (one-time codes kept instead of sent): admins only, since its codes sign anyone in. */
export function OutboxSection() {
  const [messages, setMessages] = useState<Array<{ id: string; phone: string; text: string; createdAt: string }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t, locale } = useLocale();
  const load = () =>
    api<{ messages: Array<{ id: string; phone: string; text: string; createdAt: string }> }>('GET', '/api/admin/sms-outbox?limit=50')
      .then((reply) => setMessages(reply.messages))
      .catch((failure) => setError(describeFailure(failure)));
  return (
    <section className="panel" aria-label={t('admin.outbox.region')}>
      <h2>{t('admin.outbox.heading')}</h2>
      <button type="button" onClick={() => void load()}>
        {t('common.refresh')}
      </button>
      {error ? <p className="error">{error}</p> : null}
      <ul>
        {(messages ?? []).map((message) => (
          <li key={message.id}>
            {new Date(message.createdAt).toLocaleString(locale)} · {message.phone} · {message.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A wallet top-up for a customer found by phone number or name, with the reason that the ledger keeps. */
export function TopUpSection() {
  const [customer, setCustomer] = useState<FoundCustomer | null>(null);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('CNY');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const minor = parseMajorAmount(amount, currency);
  const { t, locale } = useLocale();
  return (
    <section className="panel" aria-label={t('admin.topUp.region')}>
      <h2>{t('admin.topUp.heading')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (minor === null) return;
          if (!customer) return setMessage(t('customers.chooseFirst'));
          api<{ wallet?: { balance: { amountMinor: number; currency: string } } }>('POST', '/api/admin/wallet-top-ups', { customerId: customer.customerId, amount: { amountMinor: minor, currency }, reason, idempotencyKey: newIdempotencyKey() })
            .then((reply) => setMessage(reply.wallet ? t('admin.topUp.doneBalance', { balance: formatMoney(reply.wallet.balance, locale) }) : t('admin.topUp.done')))
            .catch((failure) => setMessage(describeFailure(failure)));
        }}
      >
        <CustomerPicker chosen={customer} onChoose={setCustomer} />
        <label className="field-inline">
          {t('common.amount')} <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} required />
        </label>
        <label className="field-inline">
          {t('common.currency')} <input value={currency} maxLength={3} onChange={(event) => setCurrency(event.target.value.toUpperCase())} required />
        </label>
        <label className="field">
          {t('common.reason')} <input value={reason} onChange={(event) => setReason(event.target.value)} required />
        </label>
        <button type="submit" disabled={!customer || minor === null || !reason.trim()}>
          {t('common.topUp')}
        </button>
      </form>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
