import { useState } from 'react';
import { useLocale } from '../i18n/locale-switch.view';
import type { MatchSet, ProductHit } from '../shared/api-types';
import { CandidateList } from './candidate-list.view';
import { ItemNumberList } from './item-number-list.view';

export interface CandidatesProps {
  /** The latest match set (or search result) to confirm with the caller. */
  set: MatchSet | null;
  /** Keypad digits typed by the caller so far. */
  keypad: string;
  onAdd: (hit: ProductHit, quantity: number) => void;
  onItemNumber: (sku: string, quantity: number) => void;
  /** Every candidate for the set's mention (up to 50), for the agent who opens the item-number list. */
  loadAll?: (set: MatchSet) => Promise<ProductHit[]>;
  /** The candidate the agent is naming to the caller right now (from the agent's side of the transcript). */
  confirming?: string | null;
  busy?: boolean;
}

/** The quantity heard with the mention; a search has none. */
function quantityOf(set: MatchSet | null): number {
  return set && set.source !== 'search' ? set.quantity : 1;
}

/** Quantity input clamped to 1..99 (the gateway's limit). */
function clampQuantity(value: number): number {
  return Number.isFinite(value) ? Math.min(99, Math.max(1, Math.round(value))) : 1;
}

/**
 * How the agent confirms an item, as the catalogue decided (`confirmationMode`, from its
 * CONFIRM_LIST_MAX, never recounted here): with few candidates (`ask`) a short list to read
 * out, each with "Add" (keys 1–5); with too many (`item-number`) a prompt to ask for the item
 * number, with the keypad digits arriving live, a field to type the number, and the whole list
 * on demand for a caller without a catalogue.
 */
export function CandidatesView({ set, keypad, onAdd, onItemNumber, loadAll, confirming, busy }: CandidatesProps) {
  const [quantity, setQuantity] = useState(quantityOf(set));
  const [itemNumber, setItemNumber] = useState('');
  const { t } = useLocale();
  if (!set) return <p className="muted">{t('candidates.none')}</p>;
  const quantityField = (
    <label className="field-inline">
      {t('common.quantity')}{' '}
      <input type="number" min={1} max={99} value={quantity} onChange={(event) => setQuantity(clampQuantity(Number(event.target.value)))} aria-label={t('common.quantity')} />
    </label>
  );
  if (set.confirmationMode === 'item-number') {
    return (
      <div className="candidates candidates-item-number" data-mode="item-number">
        <p className="prompt">
          {t('candidates.manyMatch', { count: set.total })}
          {set.mention ? (
            <>
              {' '}
              “<span className="mention">{set.mention}</span>”
            </>
          ) : null}
          . <strong>{t('candidates.askItemNumber')}</strong>
        </p>
        <p>
          {t('candidates.keypad')}{' '}
          <output className="keypad-digits" aria-label={t('candidates.keypadDigits')}>
            {keypad || '—'}
          </output>
        </p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const sku = (itemNumber || keypad).trim();
            if (sku) onItemNumber(sku, quantity);
          }}
        >
          <label className="field-inline">
            {t('candidates.itemNumber')} <input value={itemNumber} onChange={(event) => setItemNumber(event.target.value)} placeholder={keypad || t('candidates.itemNumberExample')} aria-label={t('candidates.itemNumber')} />
          </label>
          {quantityField}
          <button type="submit" disabled={busy}>
            {t('candidates.addByNumber')}
          </button>
        </form>
        {loadAll ? <ItemNumberList total={set.total} loadAll={() => loadAll(set)} busy={busy} onAdd={(hit) => onAdd(hit, quantity)} /> : null}
      </div>
    );
  }
  return (
    <div className="candidates candidates-ask" data-mode="ask">
      <p className="prompt">
        {set.mention ? (
          <>
            {t('candidates.readOutFor')} “<span className="mention">{set.mention}</span>”
          </>
        ) : (
          t('candidates.readOut')
        )}
        : {quantityField}
      </p>
      <CandidateList hits={set.hits.slice(0, 9)} busy={busy} confirming={confirming} onAdd={(hit) => onAdd(hit, quantity)} />
      {set.hits.length === 0 ? <p className="muted">{t('candidates.noMatch')}</p> : null}
    </div>
  );
}
