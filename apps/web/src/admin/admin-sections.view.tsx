import { useEffect, useState } from 'react';
import { api, describeError, newIdempotencyKey } from '../shared/api.client';
import type { ProductSearchResult } from '../shared/api-types';
import { formatMoney, parseMajorAmount } from '../shared/money.format';
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
  return (
    <section className="panel" aria-label="Reindex">
      <h2>Search index</h2>
      <p className="muted">
        Files over 640 KB are imported with <code>npx callcart catalogue import FILE</code>; reindex here after a large import.
      </p>
      <button
        type="button"
        onClick={() => {
          setError(null);
          api<{ reindexId: string }>('POST', '/api/admin/reindex')
            .then((reply) => onStarted(reply.reindexId))
            .catch((failure) => setError(describeError(failure)));
        }}
      >
        Reindex now
      </button>
      {error ? <p className="error">{error}</p> : null}
      {status ? (
        <ul className="reindex-progress">
          {Object.entries(status.phases).map(([replica, progress]) => (
            <li key={replica}>
              {replica}: {status.completed[replica] ? `done, ${status.completed[replica].productCount} products (${status.completed[replica].indexVersion})` : `${progress.phase} ${progress.done}/${progress.total}`}{' '}
              <progress max={Math.max(1, progress.total)} value={status.completed[replica] ? progress.total : progress.done} />
            </li>
          ))}
          {Object.keys(status.phases).length === 0 ? <li className="muted">Started {status.reindexId.slice(0, 8)}…</li> : null}
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
  const edit = (productId: string) => {
    setError(null);
    api<{ product: EditableProduct; aliases?: string[] }>('GET', `/api/admin/catalogue/products/${encodeURIComponent(productId)}`)
      .then((reply) => setEditing({ ...reply.product, aliases: reply.aliases }))
      .catch((failure) => setError(describeError(failure)));
  };
  return (
    <section className="panel" aria-label="Products">
      <h2>Products</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          api<ProductSearchResult>('GET', `/api/admin/products?q=${encodeURIComponent(query.trim())}&limit=20`)
            .then(setResult)
            .catch((failure) => setError(describeError(failure)));
        }}
      >
        <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} aria-label="Product search" required />
        <button type="submit">Search</button>
      </form>
      {error ? <p className="error">{error}</p> : null}
      {result ? (
        <table>
          <tbody>
            {result.hits.map((hit) => (
              <tr key={hit.productId}>
                <td className="sku">{hit.sku}</td>
                <td className="product-name">{hit.name}</td>
                <td className="money">{formatMoney(hit.price)}</td>
                <td>{hit.score.toFixed(2)}</td>
                <td>
                  <button type="button" aria-label={`Edit ${hit.sku}`} onClick={() => edit(hit.productId)}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={5}>
                {result.total} found · mode {result.confirmationMode}
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
  const load = () =>
    api<{ messages: Array<{ id: string; phone: string; text: string; createdAt: string }> }>('GET', '/api/admin/sms-outbox?limit=50')
      .then((reply) => setMessages(reply.messages))
      .catch((failure) => setError(describeError(failure)));
  return (
    <section className="panel" aria-label="SMS outbox">
      <h2>SMS outbox (development)</h2>
      <button type="button" onClick={() => void load()}>
        Refresh
      </button>
      {error ? <p className="error">{error}</p> : null}
      <ul>
        {(messages ?? []).map((message) => (
          <li key={message.id}>
            {new Date(message.createdAt).toLocaleString()} · {message.phone} · {message.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A wallet top-up for any customer, with the reason that the ledger keeps. */
export function TopUpSection() {
  const [customerId, setCustomerId] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('CNY');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const minor = parseMajorAmount(amount, currency);
  return (
    <section className="panel" aria-label="Wallet top-up">
      <h2>Wallet top-up</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (minor === null) return;
          api<{ wallet?: { balance: { amountMinor: number; currency: string } } }>('POST', '/api/admin/wallet-top-ups', { customerId: customerId.trim(), amount: { amountMinor: minor, currency }, reason, idempotencyKey: newIdempotencyKey() })
            .then((reply) => setMessage(`Done${reply.wallet ? `: balance ${formatMoney(reply.wallet.balance)}` : ''}.`))
            .catch((failure) => setMessage(describeError(failure)));
        }}
      >
        <label className="field">
          Customer id <input value={customerId} onChange={(event) => setCustomerId(event.target.value)} required />
        </label>
        <label className="field-inline">
          Amount <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} required />
        </label>
        <label className="field-inline">
          Currency <input value={currency} maxLength={3} onChange={(event) => setCurrency(event.target.value.toUpperCase())} required />
        </label>
        <label className="field">
          Reason <input value={reason} onChange={(event) => setReason(event.target.value)} required />
        </label>
        <button type="submit" disabled={minor === null || !reason.trim()}>
          Top up
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
  const load = () =>
    api<StaffAccount[] | { staff: StaffAccount[] }>('GET', '/api/admin/staff')
      .then((reply) => setAccounts(Array.isArray(reply) ? reply : reply.staff))
      .catch((failure) => setMessage(describeError(failure)));
  useEffect(() => void load(), []);
  return (
    <section className="panel" aria-label="Staff">
      <h2>Staff</h2>
      <ul>
        {accounts.map((account) => (
          <li key={account.staffId}>
            {account.username} · {account.role}
            {account.active ? '' : ' · inactive'}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setMessage(null);
          api('POST', '/api/admin/staff', { username, password, role })
            .then(() => {
              setMessage(`Created ${username}.`);
              setUsername('');
              setPassword('');
              return load();
            })
            .catch((failure) => setMessage(describeError(failure)));
        }}
      >
        <label className="field-inline">
          New username <input name="new-username" value={username} onChange={(event) => setUsername(event.target.value)} required />
        </label>
        <label className="field-inline">
          Password (12+) <input name="new-password" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} required minLength={12} />
        </label>
        <label className="field-inline">
          Role{' '}
          <select name="new-role" value={role} onChange={(event) => setRole(event.target.value)}>
            <option value="agent">agent</option>
            <option value="catalogue-manager">catalogue-manager</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit">Create</button>
      </form>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
