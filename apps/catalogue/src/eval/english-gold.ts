/**
 * Which listings count as correct for the words a caller said, by the rule behind ../shared/eval's
 * English gold (it reproduces all 300 of that file's gold sets; english-gold.spec.ts checks it):
 * - words are read with letters apart from digits ("4gb" is "4 gb", "op4cl" is "op 4 cl");
 * - a final "s" is dropped from a word of more than three letters ("printers" is "printer");
 * - a listing counts when its name and brand hold every said word so read;
 * - so does every other listing of the same real product (catalogue-en-duplicates.json).
 * A caller who says "wall speakers" is answered right by a listing that spells "speaker": the
 * agent hears the same product either way.
 */
export class EnglishGold {
  private readonly words: readonly Set<string>[];

  /** `sameProduct`: for a listing id, the ids of the other listings of the same real product. */
  constructor(
    private readonly products: readonly { readonly id: string; readonly name: string; readonly brand: string | null }[],
    private readonly sameProduct: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    this.words = products.map((product) => new Set(goldWords(`${product.name} ${product.brand ?? ''}`)));
  }

  /** The ids that count as correct for the words said (in the catalogue's order, then their duplicates). */
  for(said: readonly string[]): string[] {
    const wanted = [...new Set(said.flatMap((word) => goldWords(word)))];
    const gold = new Set<string>();
    this.words.forEach((held, i) => {
      if (wanted.every((word) => held.has(word))) gold.add(this.products[i].id);
    });
    for (const id of [...gold]) for (const same of this.sameProduct.get(id) ?? []) gold.add(same);
    return [...gold];
  }
}

/** Words as the gold rule reads them. */
export function goldWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([a-z])(?=\d)|(\d)(?=[a-z])/g, '$1$2 ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word));
}

/** Reads a duplicates file: `{ id: [ids of the same real product] }`. */
export function parseSameProduct(json: string): Map<string, readonly string[]> {
  const parsed = JSON.parse(json) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('a duplicates file is one JSON object of id -> [ids]');
  const same = new Map<string, readonly string[]>();
  for (const [id, others] of Object.entries(parsed)) {
    if (!Array.isArray(others) || others.some((other) => typeof other !== 'string')) throw new Error(`duplicates of ${id}: expected a list of ids`);
    same.set(id, others as string[]);
  }
  return same;
}
