import { useLocale } from '../i18n/locale-switch.view';
import { formatMoney } from '../shared/money.format';
import { ProductName } from '../shared/product-name.view';
import type { ProductHit } from '../shared/api-types';

/**
 * Candidates as a list to read out, each with its item number, price and "Add"; the first nine
 * carry their number key. `confirming` marks the one the agent is naming to the caller now.
 */
export function CandidateList({ hits, busy, confirming, onAdd }: { hits: readonly ProductHit[]; busy?: boolean; confirming?: string | null; onAdd: (hit: ProductHit) => void }) {
  const { t, locale } = useLocale();
  return (
    <ol className="candidate-list">
      {hits.map((hit, index) => (
        <li key={hit.productId} className={hit.productId === confirming ? 'candidate-confirming' : undefined} aria-current={hit.productId === confirming ? 'true' : undefined}>
          {index < 9 ? <span className="key-hint">{index + 1}</span> : null} <ProductName hit={hit} /> <span className="sku">#{hit.sku}</span>{' '}
          <span className="price">{formatMoney(hit.price, locale)}</span>{' '}
          {hit.productId === confirming ? <span className="badge">{t('candidates.beingConfirmed')}</span> : null}{' '}
          <button type="button" disabled={busy || hit.price === null} onClick={() => onAdd(hit)}>
            {t('common.add')}
          </button>
        </li>
      ))}
    </ol>
  );
}
