import { useState } from 'react';
import i18next from 'i18next';
import { api } from '../shared/api.client';
import { describeFailure } from '../i18n/i18n.setup';
import { useLocale } from '../i18n/locale-switch.view';
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
  const { t } = useLocale();
  const canAdd = trimmed.length > 0 && trimmed.length <= 200 && !duplicate && aliases.length < 50;
  const add = () => {
    if (!canAdd) return;
    onChange([...aliases, trimmed]);
    setDraft('');
  };
  return (
    <fieldset className="alias-editor">
      <legend>{t('admin.editor.aliases')}</legend>
      <ul aria-label={t('admin.editor.aliasList')}>
        {aliases.map((alias) => (
          <li key={alias}>
            <span className="alias">{alias}</span>{' '}
            <button type="button" aria-label={t('admin.editor.removeAlias', { alias })} onClick={() => onChange(aliases.filter((other) => other !== alias))}>
              ×
            </button>
          </li>
        ))}
        {aliases.length === 0 ? <li className="muted">{t('common.none')}</li> : null}
      </ul>
      <input
        aria-label={t('admin.editor.newAlias')}
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
        {t('admin.editor.addAlias')}
      </button>
      {duplicate && trimmed ? <span className="muted"> {t('admin.editor.alreadyListed')}</span> : null}
    </fieldset>
  );
}

/** The changes between the loaded product and the form: only what differs is sent. */
export function productChanges(product: EditableProduct, form: ProductForm, aliases: string[] | null): ProductChanges | string {
  const changes: ProductChanges = {};
  if (!form.name.trim()) return i18next.t('admin.editor.emptyName');
  if (form.name.trim() !== product.name) changes.name = form.name.trim();
  const brand = form.brand.trim() || null;
  if (brand !== (product.brand ?? null)) changes.brand = brand;
  const category = form.category.trim() || null;
  if (category !== (product.category ?? null)) changes.category = category;
  if (form.price.trim() === '') {
    if (product.price !== null) changes.price = null;
  } else {
    const amountMinor = parseMajorAmount(form.price, form.currency);
    if (amountMinor === null) return i18next.t('admin.editor.badPrice', { price: form.price, currency: form.currency });
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
 * when changed; it then replaces them. `onSaved` lets the list that opened it show the change.
 */
export function ProductEditor({ product, onClose, onSaved }: { product: EditableProduct; onClose: () => void; onSaved?: (product: EditableProduct) => void }) {
  const [current, setCurrent] = useState(product);
  const [form, setForm] = useState(() => formOf(product));
  const [aliases, setAliases] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ product: EditableProduct; aliases: string[] } | null>(null);
  const { t, locale } = useLocale();
  const set = (patch: Partial<ProductForm>) => setForm((previous) => ({ ...previous, ...patch }));
  const save = () => {
    const changes = productChanges(current, form, aliases);
    if (typeof changes === 'string') return setMessage(changes);
    if (Object.keys(changes).length === 0) return setMessage(t('admin.editor.nothingChanged'));
    setMessage(null);
    api<{ product: EditableProduct; aliases: string[] }>('PATCH', `/api/admin/catalogue/products/${encodeURIComponent(current.id)}`, changes)
      .then((reply) => {
        setSaved(reply);
        setCurrent(reply.product);
        setForm(formOf(reply.product));
        setAliases(reply.aliases);
        setMessage(t('admin.editor.saved'));
        onSaved?.(reply.product);
      })
      .catch((failure) => setMessage(describeFailure(failure)));
  };
  return (
    <div className="product-editor" aria-label={t('admin.editor.label')}>
      <h3>{t('admin.editor.heading', { sku: current.sku, name: current.name })}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label className="field">
          {t('admin.editor.name')} <input value={form.name} maxLength={200} onChange={(event) => set({ name: event.target.value })} required />
        </label>
        <label className="field-inline">
          {t('admin.editor.brand')} <input value={form.brand} maxLength={100} onChange={(event) => set({ brand: event.target.value })} />
        </label>
        <label className="field-inline">
          {t('admin.editor.category')} <input value={form.category} maxLength={100} onChange={(event) => set({ category: event.target.value })} />
        </label>
        <label className="field-inline">
          {t('admin.editor.price')} <input inputMode="decimal" value={form.price} placeholder={t('admin.editor.pricePlaceholder')} onChange={(event) => set({ price: event.target.value })} />
        </label>
        <label className="field-inline">
          {t('common.currency')} <input value={form.currency} maxLength={3} onChange={(event) => set({ currency: event.target.value.toUpperCase() })} required />
        </label>
        <label className="field-inline">
          <input type="checkbox" checked={form.active} onChange={(event) => set({ active: event.target.checked })} /> {t('admin.editor.active')}
        </label>
        <AliasListEditor aliases={aliases ?? current.aliases ?? []} onChange={setAliases} />
        {aliases === null && current.aliases === undefined ? (
          <p className="muted">{t('admin.editor.aliasesUnknown')}</p>
        ) : null}
        <button type="submit">{t('admin.editor.save')}</button>{' '}
        <button type="button" onClick={onClose}>
          {t('admin.editor.close')}
        </button>
      </form>
      {message ? <p role="status">{message}</p> : null}
      {saved ? (
        <p className="saved-product">
          {t('admin.editor.savedSummary', {
            summary: [saved.product.name, saved.product.brand ?? '—', saved.product.category ?? '—', formatMoney(saved.product.price, locale), saved.product.active ? t('admin.editor.activeState') : t('admin.editor.inactiveState')].join(' · '),
            aliases: saved.aliases.length ? saved.aliases.join(', ') : t('common.none'),
          })}
        </p>
      ) : null}
    </div>
  );
}
