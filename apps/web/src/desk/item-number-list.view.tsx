import { useState } from 'react';
import { useLocale } from '../i18n/locale-switch.view';
import type { ProductHit } from '../shared/api-types';
import { facetsOf, narrowHits } from './candidate-facets.logic';
import { CandidateList } from './candidate-list.view';

/**
 * For a caller with no catalogue at hand: the item-number prompt stays, but the agent can open
 * the whole list (loaded on demand, up to 50) and narrow it by brand and size before reading
 * the few that are left.
 */
export function ItemNumberList({ total, loadAll, busy, onAdd }: { total: number; loadAll: () => Promise<ProductHit[]>; busy?: boolean; onAdd: (hit: ProductHit) => void }) {
  const { t } = useLocale();
  const [hits, setHits] = useState<ProductHit[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [brand, setBrand] = useState<string | undefined>();
  const [size, setSize] = useState<string | undefined>();
  if (!hits) {
    return (
      <button
        type="button"
        className="link expand-candidates"
        disabled={loading}
        onClick={() => {
          setLoading(true);
          void loadAll()
            .then(setHits)
            .finally(() => setLoading(false));
        }}
      >
        {t('candidates.showList', { count: total })}
      </button>
    );
  }
  const facets = facetsOf(hits);
  const shown = narrowHits(hits, { brand, size });
  const facet = (label: string, options: Array<[string, number]>, chosen: string | undefined, choose: (value: string | undefined) => void) =>
    options.length > 1 ? (
      <label className="field-inline">
        {label}{' '}
        <select value={chosen ?? ''} onChange={(event) => choose(event.target.value || undefined)} aria-label={label}>
          <option value="">{t('candidates.any')}</option>
          {options.map(([value, count]) => (
            <option key={value} value={value}>
              {value} ({count})
            </option>
          ))}
        </select>
      </label>
    ) : null;
  return (
    <div className="item-number-list">
      <p className="facets">
        {facet(t('candidates.brand'), facets.brands, brand, setBrand)} {facet(t('candidates.size'), facets.sizes, size, setSize)}{' '}
        <span className="muted">{t('candidates.showing', { shown: shown.length, count: hits.length })}</span>{' '}
        <button type="button" className="link" onClick={() => setHits(null)}>
          {t('candidates.hideList')}
        </button>
      </p>
      <CandidateList hits={shown} busy={busy} onAdd={onAdd} />
    </div>
  );
}
