import { useCallback, useEffect, useState } from 'react';
import { describeFailure } from '../i18n/i18n.setup';
import { useLocale } from '../i18n/locale-switch.view';
import { api } from '../shared/api.client';
import type { ProductSearchResult } from '../shared/api-types';
import { formatMoney } from '../shared/money.format';
import { ProductName } from '../shared/product-name.view';
import { type EditableProduct, ProductEditor } from './product-editor.view';

/** A search the admin ran: free text, a category, or both. */
export interface ProductSearch {
  query: string;
  category: string;
}

/** The request path of a search (null when there is nothing to search for); `withCategories` also asks for the category list. */
export function productSearchPath(search: ProductSearch, withCategories = false): string | null {
  const params = new URLSearchParams({ limit: '20' });
  if (search.query.trim()) params.set('q', search.query.trim());
  if (search.category) params.set('category', search.category);
  if (withCategories) params.set('categories', 'true');
  if (!params.has('q') && !params.has('category') && !withCategories) return null;
  return `/api/admin/products?${params.toString()}`;
}

/**
 * The results with a just-saved product as saved: the search index applies a save a moment after
 * the database (every replica follows the change event), so a search run right after may still
 * hold the old text.
 */
export function withSaved(result: ProductSearchResult, saved: EditableProduct): ProductSearchResult {
  return {
    ...result,
    hits: result.hits.map((hit) => {
      if (hit.productId !== saved.id) return hit;
      const { category: _previous, ...rest } = hit;
      return { ...rest, sku: saved.sku, name: saved.name, price: saved.price, ...(saved.category ? { category: saved.category } : {}) };
    }),
  };
}

/**
 * Catalogue search and browsing by category; each hit opens the product editor, and a save runs
 * the same search again so the list shows what was saved. Relevance scores and the desk's
 * confirmation mode stay off this screen: they mean something to the matcher, not to a person
 * keeping the catalogue.
 */
export function ProductSearchSection() {
  const [draft, setDraft] = useState<ProductSearch>({ query: '', category: '' });
  const [shown, setShown] = useState<ProductSearch | null>(null);
  const [result, setResult] = useState<ProductSearchResult | null>(null);
  const [categories, setCategories] = useState<Array<{ name: string; count: number }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditableProduct | null>(null);
  const { t, locale } = useLocale();

  const run = useCallback((search: ProductSearch, saved?: EditableProduct) => {
    if (!productSearchPath(search)) return;
    setError(null);
    // The category list comes along each time, so categories a new import brought appear.
    api<ProductSearchResult>('GET', productSearchPath(search, true) ?? '')
      .then((reply) => {
        setShown(search);
        setResult(saved ? withSaved(reply, saved) : reply);
        if (reply.categories) setCategories(reply.categories);
      })
      .catch((failure) => setError(describeFailure(failure)));
  }, []);
  useEffect(() => {
    api<ProductSearchResult>('GET', productSearchPath({ query: '', category: '' }, true) ?? '')
      .then((reply) => setCategories(reply.categories ?? []))
      .catch(() => setCategories([])); // no list: the text search still works
  }, []);
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
        className="product-search"
        onSubmit={(event) => {
          event.preventDefault();
          run(draft);
        }}
      >
        <input type="search" value={draft.query} onChange={(event) => setDraft({ ...draft, query: event.target.value })} aria-label={t('admin.products.searchLabel')} required={!draft.category} />
        <select aria-label={t('admin.products.browseLabel')} value={draft.category} onChange={(event) => setDraft({ ...draft, category: event.target.value })}>
          <option value="">{t('admin.products.allCategories')}</option>
          {categories.map((category) => (
            <option key={category.name} value={category.name}>
              {category.name} ({category.count})
            </option>
          ))}
        </select>
        <button type="submit">{t('common.search')}</button>
      </form>
      {error ? <p className="error">{error}</p> : null}
      {result ? (
        <table className="product-hits">
          <thead>
            <tr>
              <th>{t('admin.products.sku')}</th>
              <th>{t('admin.products.name')}</th>
              <th>{t('admin.products.category')}</th>
              <th>{t('admin.products.price')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {result.hits.map((hit) => (
              <tr key={hit.productId}>
                <td className="sku">{hit.sku}</td>
                <td>
                  <ProductName hit={hit} />
                </td>
                <td>{hit.category ?? '—'}</td>
                <td className="money">{formatMoney(hit.price, locale)}</td>
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
              <td colSpan={5}>{result.hits.length === 0 ? t('admin.products.noHits') : t('admin.products.found', { count: result.total })}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
      {editing ? <ProductEditor key={editing.id} product={editing} onClose={() => setEditing(null)} onSaved={(saved) => shown && run(shown, saved)} /> : null}
    </section>
  );
}
