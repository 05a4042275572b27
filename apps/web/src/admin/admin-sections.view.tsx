import { useEffect, useState } from 'react';
import { api, newIdempotencyKey } from '../shared/api.client';
import { describeFailure } from '../i18n/i18n.setup';
import { useLocale } from '../i18n/locale-switch.view';
import type { ProductSearchResult } from '../shared/api-types';
import { formatMoney, parseMajorAmount } from '../shared/money.format';
import { ProductName } from '../shared/product-name.view';
import { CustomerPicker, type FoundCustomer } from './customer-picker.view';
import { type EditableProduct, ProductEditor } from './product-editor.view';
import type { ReindexStatus } from './reindex-status.reducer';

interface StaffAccount {
  staffId: string;
  username: string;
  role: string;
  active: boolean;
}

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
          {Object.entries(status.phases).map(([replica, progress]) => (
            <li key={replica}>
              {replica}:{' '}
              {status.completed[replica] ? t('admin.reindex.done', { count: status.completed[replica].productCount, version: status.completed[replica].indexVersion }) : `${progress.phase} ${progress.done}/${progress.total}`}{' '}
              <progress max={Math.max(1, progress.total)} value={status.completed[replica] ? progress.total : progress.done} />
            </li>
          ))}
          {Object.keys(status.phases).length === 0 ? <li className="muted">{t('admin.reindex.started', { id: status.reindexId.slice(0, 8) })}</li> : null}
        </ul>
      ) : null}
    </section>
  );
}

/** Catalogue search, as the agents' search box sees it; each hit opens the product editor. */
export function ProductSearchSection() {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<ProductSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditableProduct | null>(null);
  const { t, locale } = useLocale();
  const edit = (productId: string) => {
    setError(null);
    api<{ product: EditableProduct; aliases?: string[] }>('GET', `/api/admin/catalogue/products/${encodeURIComponent(productId)}`)
      .then((reply) => setEditing({ ...reply.product, aliases: reply.aliases }))
      .catch((failure) => setError(describeFailure(failure)));
  };
  return (
    <section className="panel" aria-label={t('admin.products.region')}>
      <h2>{t('admin.products.heading')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          api<ProductSearchResult>('GET', `/api/admin/products?q=${encodeURIComponent(query.trim())}&limit=20`)
            .then(setResult)
            .catch((failure) => setError(describeFailure(failure)));
        }}
      >
        <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} aria-label={t('admin.products.searchLabel')} required />
        <button type="submit">{t('common.search')}</button>
      </form>
      {error ? <p className="error">{error}</p> : null}
      {result ? (
        <table>
          <tbody>
            {result.hits.map((hit) => (
              <tr key={hit.productId}>
                <td className="sku">{hit.sku}</td>
                <td>
                  <ProductName hit={hit} />
                </td>
                <td className="money">{formatMoney(hit.price, locale)}</td>
                <td>{hit.score.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>
                <td>
                  <button type="button" aria-label={t('admin.products.editLabel', { sku: hit.sku })} onClick={() => edit(hit.productId)}>
                    {t('admin.products.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={5}>
                {t('admin.products.found', { count: result.total, mode: result.confirmationMode })}
              </td>
            </tr>
          </tfoot>
        </table>
      ) : null}
      {editing ? <ProductEditor key={editing.id} product={editing} onClose={() => setEditing(null)} /> : null}
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

/** Staff accounts (admins only): list and create. */
export function StaffSection() {
  const [accounts, setAccounts] = useState<StaffAccount[]>([]);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('agent');
  const [message, setMessage] = useState<string | null>(null);
  const { t } = useLocale();
  const load = () =>
    api<StaffAccount[] | { staff: StaffAccount[] }>('GET', '/api/admin/staff')
      .then((reply) => setAccounts(Array.isArray(reply) ? reply : reply.staff))
      .catch((failure) => setMessage(describeFailure(failure)));
  useEffect(() => void load(), []);
  return (
    <section className="panel" aria-label={t('admin.staff.region')}>
      <h2>{t('admin.staff.heading')}</h2>
      <ul>
        {accounts.map((account) => (
          <li key={account.staffId}>
            {account.username} · {account.role}
            {account.active ? '' : ` · ${t('admin.staff.inactive')}`}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setMessage(null);
          api('POST', '/api/admin/staff', { username, password, role })
            .then(() => {
              setMessage(t('admin.staff.created', { username }));
              setUsername('');
              setPassword('');
              return load();
            })
            .catch((failure) => setMessage(describeFailure(failure)));
        }}
      >
        <label className="field-inline">
          {t('admin.staff.newUsername')} <input name="new-username" value={username} onChange={(event) => setUsername(event.target.value)} required />
        </label>
        <label className="field-inline">
          {t('admin.staff.password')} <input name="new-password" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} required minLength={12} />
        </label>
        <label className="field-inline">
          {t('admin.staff.role')}{' '}
          <select name="new-role" value={role} onChange={(event) => setRole(event.target.value)}>
            <option value="agent">agent</option>
            <option value="catalogue-manager">catalogue-manager</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit">{t('admin.staff.create')}</button>
      </form>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
