import { useState } from 'react';
import { formatMoney } from '../shared/money.format';
import type { MatchSet, ProductHit } from '../shared/api-types';

export interface CandidatesProps {
  /** The latest match set (or search result) to confirm with the caller. */
  set: MatchSet | null;
  /** Keypad digits typed by the caller so far. */
  keypad: string;
  onAdd: (hit: ProductHit, quantity: number) => void;
  onItemNumber: (sku: string, quantity: number) => void;
  busy?: boolean;
}

/** Quantity input clamped to 1..99 (the gateway's limit). */
function clampQuantity(value: number): number {
  return Number.isFinite(value) ? Math.min(99, Math.max(1, Math.round(value))) : 1;
}

/**
 * How the agent confirms an item: with few candidates (`ask`) a short list to read out, each
 * with "Add" (keys 1–5); with too many (`item-number`) a prompt to ask for the item number, with
 * the keypad digits arriving live and a field to type the number.
 */
export function CandidatesView({ set, keypad, onAdd, onItemNumber, busy }: CandidatesProps) {
  const [quantity, setQuantity] = useState(set?.quantity ?? 1);
  const [itemNumber, setItemNumber] = useState('');
  if (!set) return <p className="muted">No candidates yet.</p>;
  const quantityField = (
    <label className="field-inline">
      Quantity{' '}
      <input type="number" min={1} max={99} value={quantity} onChange={(event) => setQuantity(clampQuantity(Number(event.target.value)))} aria-label="Quantity" />
    </label>
  );
  if (set.confirmationMode === 'item-number') {
    return (
      <div className="candidates candidates-item-number" data-mode="item-number">
        <p className="prompt">
          {set.total} products match{set.mention ? <> “<span className="mention">{set.mention}</span>”</> : null}. <strong>Ask for the item number.</strong>
        </p>
        <p>
          Keypad: <output className="keypad-digits" aria-label="Keypad digits">{keypad || '—'}</output>
        </p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const sku = (itemNumber || keypad).trim();
            if (sku) onItemNumber(sku, quantity);
          }}
        >
          <label className="field-inline">
            Item number <input value={itemNumber} onChange={(event) => setItemNumber(event.target.value)} placeholder={keypad || 'e.g. 100234'} aria-label="Item number" />
          </label>
          {quantityField}
          <button type="submit" disabled={busy}>
            Add by number
          </button>
        </form>
      </div>
    );
  }
  return (
    <div className="candidates candidates-ask" data-mode="ask">
      <p className="prompt">
        Read out{set.mention ? <> for “<span className="mention">{set.mention}</span>”</> : null}: {quantityField}
      </p>
      <ol className="candidate-list">
        {set.hits.slice(0, 9).map((hit, index) => (
          <li key={hit.productId}>
            <span className="key-hint">{index + 1}</span> <span className="product-name">{hit.name}</span> <span className="sku">#{hit.sku}</span>{' '}
            <span className="price">{formatMoney(hit.price)}</span>{' '}
            <button type="button" disabled={busy || hit.price === null} onClick={() => onAdd(hit, quantity)}>
              Add
            </button>
          </li>
        ))}
      </ol>
      {set.hits.length === 0 ? <p className="muted">No match.</p> : null}
    </div>
  );
}
