import type { OrderMatches } from './live-product-matching';

/**
 * `--phrasings new`: ways of ordering the bench's carriers never used (issue 15), each with the
 * quantity it says. Not tuned on: written before the first run with them.
 */
const NEW_PHRASINGS: readonly { readonly say: (words: string) => string; readonly quantity: number }[] = [
  { say: (words) => `two packs of ${words} please`, quantity: 2 },
  { say: (words) => `could I have three bottles of ${words}`, quantity: 3 },
  { say: (words) => `I'll take a couple of ${words}`, quantity: 2 },
  { say: (words) => `yes, send me four ${words}`, quantity: 4 },
  { say: (words) => `have you got any ${words}`, quantity: 1 },
  { say: (words) => `put me down for five boxes of ${words}`, quantity: 5 },
];
/** The bench's default carriers (`--phrasings carriers`), one per order in turn. */
export const CARRIERS = ["I'd like", 'do you have', 'I want', 'can I get'];
const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** The quantity each bench utterance says, by its text (1 when none). */
const saidQuantities = new Map<string, number>();
export const quantityOf = (utterance: string) => saidQuantities.get(utterance) ?? 1;

/** What the caller says for order `i`, by `--phrasings`: the bench's carriers, new phrasings, or the item number read out digit by digit. */
export function phrasingFor(mode: string): (product: { readonly sku: string }, words: string, i: number) => string {
  if (mode === 'new') {
    return (_, words, i) => {
      const phrasing = NEW_PHRASINGS[i % NEW_PHRASINGS.length];
      const utterance = phrasing.say(words);
      saidQuantities.set(utterance, phrasing.quantity);
      return utterance;
    };
  }
  if (mode === 'item-numbers') return (product) => `the item number is ${[...product.sku].map((digit) => DIGIT_NAMES[Number(digit)] ?? digit).join(' ')}`;
  return (_, words, i) => `${CARRIERS[i % CARRIERS.length]} ${words}`;
}

/** Of the orders whose product was in a top 5, the share whose list carried the quantity said. */
export function quantityFigures(results: readonly OrderMatches[]): { found: number; right: number } {
  let found = 0;
  let right = 0;
  for (const result of results) {
    const list = result.heard.find((mention) => mention.hits.slice(0, 5).some((hit) => hit.productId === result.order.productId));
    if (!list) continue;
    found += 1;
    if (list.quantity === (result.order.quantity ?? 1)) right += 1;
  }
  return { found, right };
}
