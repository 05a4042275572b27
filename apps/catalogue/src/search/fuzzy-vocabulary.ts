/**
 * Finds the indexed keys one edit away from a query key (insert, delete, substitute, swap of two
 * neighbours) through a deletion neighbourhood: every key is stored under itself and each string
 * made by deleting one character, so a lookup costs a few map reads, not a scan of the vocabulary.
 * Used for phonetic codes and words, where a recogniser's slip is usually a single edit.
 */
export class FuzzyVocabulary {
  private readonly byVariant = new Map<string, string[]>();
  private readonly known = new Set<string>();
  /**
   * Neighbours already looked up: callers repeat words (within an utterance the n-best
   * alternatives share most of them, across calls brands and product types recur), and a lookup
   * costs a dozen reads of a large map. Cleared whenever a key is added, so it is never stale.
   */
  private readonly remembered = new Map<string, readonly string[]>();

  /** @param minLength shortest key (prefix included) worth a fuzzy match: short keys have too many neighbours. */
  constructor(private readonly minLength: number) {}

  add(key: string): void {
    if (key.length < this.minLength || this.known.has(key)) return;
    this.known.add(key);
    if (this.remembered.size > 0) this.remembered.clear();
    for (const variant of deletionVariants(key)) {
      const keys = this.byVariant.get(variant);
      if (keys) keys.push(key);
      else this.byVariant.set(variant, [key]);
    }
  }

  /** Keys within one edit of `key`, excluding `key` itself. */
  neighbours(key: string): readonly string[] {
    if (key.length < this.minLength - 1) return [];
    const remembered = this.remembered.get(key);
    if (remembered !== undefined) return remembered;
    const found = new Set<string>();
    for (const variant of deletionVariants(key)) {
      for (const candidate of this.byVariant.get(variant) ?? []) {
        if (candidate !== key && withinOneEdit(key, candidate)) found.add(candidate);
      }
    }
    const neighbours = [...found];
    if (this.remembered.size >= REMEMBERED_MAX) this.remembered.clear();
    this.remembered.set(key, neighbours);
    return neighbours;
  }

  get size(): number {
    return this.known.size;
  }
}

/** Bounds the remembered lookups (a few MB at most); when full they are forgotten all at once. */
const REMEMBERED_MAX = 20_000;

function deletionVariants(key: string): string[] {
  const variants = [key];
  for (let i = 0; i < key.length; i += 1) variants.push(key.slice(0, i) + key.slice(i + 1));
  return variants;
}

/** Damerau distance ≤ 1 (one insert, delete, substitution or adjacent swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
