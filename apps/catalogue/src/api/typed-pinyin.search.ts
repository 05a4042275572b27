import { pinyin } from 'pinyin-pro';
import type { Language } from '@callcart/contracts';
import type { IndexedProduct } from '../search/search-engine';

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * The query as pinyin typed on an English keyboard (`jiangyou`, `jiang you`, `lv'cha`), or null
 * when it cannot be: only letters, spaces and apostrophes, at least four letters.
 */
export function typedPinyin(query: string): string | null {
  if (!/^[a-zA-Z\s']+$/.test(query)) return null;
  const letters = query.toLowerCase().replace(/[\s']/g, '');
  return letters.length >= 4 && letters.length <= 60 ? letters : null;
}

/** Toneless syllables (ü as v, as keyboards type it) of every Han run in a product's name, brand and aliases. */
function hanSyllableRuns(product: IndexedProduct): string[][] {
  const fields = [product.name, product.brand, ...product.aliases].filter((field): field is string => Boolean(field));
  return fields.flatMap((field) => [...field.matchAll(HAN_RUN)].map((run) => pinyin(run[0], { toneType: 'none', type: 'array', v: true }) as string[]));
}

/** The share of a run that `typed` spells as whole syllables from some syllable on, or 0. */
function spelledShare(typed: string, syllables: readonly string[]): number {
  const runLength = syllables.join('').length;
  for (let start = 0; start < syllables.length; start += 1) {
    let spelled = '';
    for (let end = start; end < syllables.length; end += 1) {
      spelled += syllables[end];
      if (spelled === typed) return typed.length / runLength;
      if (!typed.startsWith(spelled)) break;
    }
  }
  return 0;
}

/**
 * Finds products whose Chinese name or alias the agent typed in pinyin: the typed letters must
 * spell whole syllables in a row (`jiangyou` → 酱油, `huashengyou` → 花生油), so ordinary English
 * words rarely land. The syllables of the whole catalogue (every language: an English-named
 * product may have a Chinese alias) are worked out once per index version.
 */
export class TypedPinyinSearch {
  private cache: { version: string; runs: Map<string, { language: Language; runs: string[][] }> } | undefined;

  find(typed: string, allProducts: () => readonly IndexedProduct[], version: string, { limit, language }: { limit: number; language?: Language }): Array<{ productId: string; score: number }> {
    if (this.cache?.version !== version) {
      const runs = new Map<string, { language: Language; runs: string[][] }>();
      for (const product of allProducts()) {
        const syllables = hanSyllableRuns(product);
        if (syllables.length > 0) runs.set(product.id, { language: product.language, runs: syllables });
      }
      this.cache = { version, runs };
    }
    const found: Array<{ productId: string; score: number }> = [];
    for (const [productId, { language: productLanguage, runs }] of this.cache.runs) {
      if (language && productLanguage !== language) continue;
      const score = Math.max(...runs.map((syllables) => spelledShare(typed, syllables)));
      if (score > 0) found.push({ productId, score });
    }
    return found.sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId)).slice(0, limit);
  }
}
