import { useState } from 'react';
import { api, describeError } from '../shared/api.client';
import type { Money } from '../shared/api-types';
import { formatMajorAmount, formatMoney, parseMajorAmount } from '../shared/money.format';

/** A product as the catalogue sends it (productSummary of the contracts). */
export interface EditableProduct {
  id: string;
  sku: string;
  name: string;
  brand?: string;
  category?: string;
  price: Money | null;
  active: boolean;
  language: string;
  /** The synonyms callers use, when the catalogue said them. */
  aliases?: string[];
}

/** The fields `PATCH /api/admin/catalogue/products/{id}` takes; only those given change. */
export interface ProductChanges {
  name?: string;
  brand?: string | null;
  category?: string | null;
  aliases?: string[];
  price?: Money | null;
  active?: boolean;
}

/**
 * The synonyms callers use for a product, as a list to add to and remove from. Duplicates (by
 * case) and blanks are refused; each alias is at most 200 characters, at most 50 of them.
 */
export function AliasListEditor({ aliases, onChange }: { aliases: string[]; onChange: (aliases: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const trimmed = draft.trim();
  const duplicate = aliases.some((alias) => alias.toLowerCase() === trimmed.toLowerCase());
  const canAdd = trimmed.length > 0 && trimmed.length <= 200 && !duplicate && aliases.length < 50;
  const add = () => {
    if (!canAdd) return;
    onChange([...aliases, trimmed]);
    setDraft('');
  };
  return (
    <fieldset className="alias-editor">
      <legend>Synonyms (aliases)</legend>
      <ul aria-label="Aliases">
        {aliases.map((alias) => (
          <li key={alias}>
            <span className="alias">{alias}</span>{' '}
            <button type="button" aria-label={`Remove ${alias}`} onClick={() => onChange(aliases.filter((other) => other !== alias))}>
              ×
            </button>
          </li>
        ))}
        {aliases.length === 0 ? <li className="muted">none</li> : null}
      </ul>
      <input
        aria-label="New alias"
        value={draft}
        maxLength={200}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          }
        }}
      />
      <button type="button" onClick={add} disabled={!canAdd}>
        Add alias
      </button>
      {duplicate && trimmed ? <span className="muted"> already listed</span> : null}
    </fieldset>
  );
}

/** The changes between the loaded product and the form: only what differs is sent. */
export function productChanges(product: EditableProduct, form: ProductForm, aliases: string[] | null): ProductChanges | string {
  const changes: ProductChanges = {};
  if (!form.name.trim()) return 'The name cannot be empty.';
  if (form.name.trim() !== product.name) changes.name = form.name.trim();
  const brand = form.brand.trim() || null;
  if (brand !== (product.brand ?? null)) changes.brand = brand;
  const category = form.category.trim() || null;
  if (category !== (product.category ?? null)) changes.category = category;
  if (form.price.trim() === '') {
    if (product.price !== null) changes.price = null;
  } else {
    const amountMinor = parseMajorAmount(form.price, form.currency);
    if (amountMinor === null) return `The price "${form.price}" is not an amount in ${form.currency}.`;
    if (amountMinor !== product.price?.amountMinor || form.currency !== product.price?.currency) changes.price = { amountMinor, currency: form.currency };
  }
  if (form.active !== product.active) changes.active = form.active;
  if (aliases !== null) changes.aliases = aliases;
  return changes;
}

export interface ProductForm {
  name: string;
  brand: string;
  category: string;
  price: string;
  currency: string;
  active: boolean;
}

const formOf = (product: EditableProduct): ProductForm => ({
  name: product.name,
  brand: product.brand ?? '',
  category: product.category ?? '',
  price: formatMajorAmount(product.price),
  currency: product.price?.currency ?? 'CNY',
  active: product.active,
});

/**
 * Edits one product. The alias list starts from the product's current aliases and is only sent
 * when changed; it then replaces them.
 */
export function ProductEditor({ product, onClose }: { product: EditableProduct; onClose: () => void }) {
  const [current, setCurrent] = useState(product);
  const [form, setForm] = useState(() => formOf(product));
  const [aliases, setAliases] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ product: EditableProduct; aliases: string[] } | null>(null);
  const set = (patch: Partial<ProductForm>) => setForm((previous) => ({ ...previous, ...patch }));
  const save = () => {
    const changes = productChanges(current, form, aliases);
    if (typeof changes === 'string') return setMessage(changes);
    if (Object.keys(changes).length === 0) return setMessage('Nothing changed.');
    setMessage(null);
    api<{ product: EditableProduct; aliases: string[] }>('PATCH', `/api/admin/catalogue/products/${encodeURIComponent(current.id)}`, changes)
      .then((reply) => {
        setSaved(reply);
        setCurrent(reply.product);
        setForm(formOf(reply.product));
        setAliases(reply.aliases);
        setMessage('Saved.');
      })
      .catch((failure) => setMessage(describeError(failure)));
  };
  return (
    <div className="product-editor" aria-label="Product editor">
      <h3>
        Edit {current.sku} · {current.name}
      </h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label className="field">
          Name <input value={form.name} maxLength={200} onChange={(event) => set({ name: event.target.value })} required />
        </label>
        <label className="field-inline">
          Brand <input value={form.brand} maxLength={100} onChange={(event) => set({ brand: event.target.value })} />
        </label>
        <label className="field-inline">
          Category <input value={form.category} maxLength={100} onChange={(event) => set({ category: event.target.value })} />
        </label>
        <label className="field-inline">
          Price <input inputMode="decimal" value={form.price} placeholder="empty: not orderable" onChange={(event) => set({ price: event.target.value })} />
        </label>
        <label className="field-inline">
          Currency <input value={form.currency} maxLength={3} onChange={(event) => set({ currency: event.target.value.toUpperCase() })} required />
        </label>
        <label className="field-inline">
          <input type="checkbox" checked={form.active} onChange={(event) => set({ active: event.target.checked })} /> Active (sold)
        </label>
        <AliasListEditor aliases={aliases ?? current.aliases ?? []} onChange={setAliases} />
        {aliases === null && current.aliases === undefined ? (
          <p className="muted">The current aliases are not known: a list you edit here replaces them when you save.</p>
        ) : null}
        <button type="submit">Save</button>{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </form>
      {message ? <p role="status">{message}</p> : null}
      {saved ? (
        <p className="saved-product">
          Saved: {saved.product.name} · {saved.product.brand ?? '—'} · {saved.product.category ?? '—'} · {formatMoney(saved.product.price)} · {saved.product.active ? 'active' : 'inactive'} · aliases:{' '}
          {saved.aliases.length ? saved.aliases.join(', ') : 'none'}
        </p>
      ) : null}
    </div>
  );
}
