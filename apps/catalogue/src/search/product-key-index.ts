import type { Language } from '@callcart/contracts';
import type { IndexedProduct, SearchHit, SearchResult } from './search-engine';
import { FuzzyVocabulary } from './fuzzy-vocabulary';
import { MATCH_WEIGHTS, documentKeys, normaliseItemNumber, queryFeatures, type QueryFeature } from './product-keys';

interface IndexedDocument {
  readonly productId: string;
  readonly active: boolean;
  readonly language: Language;
  readonly keyCount: number;
  alive: boolean;
}

/** A scored candidate before normalisation. */
interface Candidate {
  readonly doc: number;
  readonly score: number;
}

/**
 * How a product's matched positions add up; chosen by measurement (docs/decisions/0010):
 * `lengthPenalty` per indexed key (long listings match everything a little), `coverageExponent`
 * on the share of query positions matched at all, `idfExponent` flattening rare-key weights,
 * `commonShare`: sound-alike keys in more than this share of products are not looked up (their
 * long posting lists cost time and say little), `fuzzyShare` the same for keys reached one edit
 * away; `matchShare`: candidates scoring at least this
 * share of the best are the matches, counted in `total` (which decides between reading a short
 * list out and asking for the item number) and the only ones returned, so `total` ≥ hits.
 */
export const SCORING = { lengthPenalty: 0.004, coverageExponent: 1, idfExponent: 0.6, commonShare: 0.1, fuzzyShare: 0.03, matchShare: 0.6 };

/** A small catalogue never prunes: below this many products a key is never "common". */
const COMMON_DF_FLOOR = 500;

/** Candidates of one text below this share of its best are not merged with the alternatives'. */
const CANDIDATE_FLOOR = 0.4;
/** Scores from the recogniser's alternatives are slightly discounted against its best guess. */
const ALTERNATIVE_FACTOR = 0.95;

/**
 * The embedded engine's inverted index over product keys (see product-keys.ts). A query's score
 * for a product is, per query position, the best-weighted key of that position the product has
 * (weight × idf), summed: each word or character the caller said counts once, by its most
 * convincing match. Editing is done in place (tombstones); a fresh build compacts.
 */
export class ProductKeyIndex {
  private readonly docs: IndexedDocument[] = [];
  private readonly docByProduct = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly skuOwner = new Map<string, string>();
  private readonly skuOf = new Map<string, string>();
  private readonly fuzzyWords = new FuzzyVocabulary(6);
  private readonly fuzzyCodes = new FuzzyVocabulary(4);
  private positionBest = new Float64Array(1024);
  private totals = new Float64Array(1024);
  private matchedPositions = new Uint8Array(1024);
  private liveCount = 0;

  get productCount(): number {
    return this.liveCount;
  }

  /** Adds a product, replacing an earlier one with the same id. */
  upsert(product: IndexedProduct): void {
    this.remove(product.id);
    const keys = documentKeys([product.name, product.brand, ...product.aliases], product.sku);
    const doc = this.docs.length;
    this.docs.push({ productId: product.id, active: product.active, language: product.language, keyCount: keys.length, alive: true });
    this.docByProduct.set(product.id, doc);
    for (const { key, fuzzy } of keys) {
      const list = this.postings.get(key);
      if (list) list.push(doc);
      else this.postings.set(key, [doc]);
      if (fuzzy) (key.startsWith('m:') ? this.fuzzyCodes : this.fuzzyWords).add(key);
    }
    const sku = normaliseItemNumber(product.sku);
    if (sku) {
      this.skuOwner.set(sku, product.id);
      this.skuOf.set(product.id, sku);
    }
    this.liveCount += 1;
  }

  remove(productId: string): void {
    const doc = this.docByProduct.get(productId);
    if (doc === undefined) return;
    this.docs[doc].alive = false;
    this.docByProduct.delete(productId);
    const sku = this.skuOf.get(productId);
    if (sku !== undefined && this.skuOwner.get(sku) === productId) this.skuOwner.delete(sku);
    this.skuOf.delete(productId);
    this.liveCount -= 1;
  }

  /** The active product whose normalised item number is exactly this one. */
  findBySku(sku: string): string | undefined {
    const normalised = normaliseItemNumber(sku);
    const productId = normalised ? this.skuOwner.get(normalised) : undefined;
    if (productId === undefined) return undefined;
    const doc = this.docByProduct.get(productId);
    return doc !== undefined && this.docs[doc].active ? productId : undefined;
  }

  /** Ranks active products for the text and the recogniser's alternatives; never throws on odd text. */
  search(text: string, alternatives: readonly string[], language: Language | undefined, limit: number): SearchResult {
    let candidates = this.score(text.slice(0, 2000), language);
    if (alternatives.length > 0) {
      const merged = new Map<number, number>();
      const keep = (list: Candidate[], factor: number) => {
        const floor = bestScore(list) * CANDIDATE_FLOOR;
        for (const { doc, score } of list) {
          const weighted = score * factor;
          if (score >= floor && (merged.get(doc) ?? 0) < weighted) merged.set(doc, weighted);
        }
      };
      keep(candidates, 1);
      for (const alternative of alternatives.slice(0, 5)) keep(this.score(String(alternative ?? '').slice(0, 2000), language), ALTERNATIVE_FACTOR);
      candidates = [...merged].map(([doc, score]) => ({ doc, score }));
    }
    const best = bestScore(candidates);
    let total = 0;
    const top: Candidate[] = [];
    for (const candidate of candidates) {
      if (candidate.score < best * SCORING.matchShare) continue;
      total += 1;
      if (limit > 0 && (top.length < limit || isBetter(candidate, top[top.length - 1]))) insertRanked(top, candidate, limit);
    }
    const hits: SearchHit[] = top.map((candidate) => ({ productId: this.docs[candidate.doc].productId, score: Math.min(1, Math.max(0, candidate.score)) }));
    return { hits, total };
  }

  /** Scores of the candidates of one text, normalised by what a perfect match of every position scores. */
  private score(text: string, language: Language | undefined): Candidate[] {
    const { positionCount, features } = queryFeatures(text);
    if (positionCount === 0) return [];
    this.ensureScratch();
    const byPosition: { key: string; weight: number }[][] = Array.from({ length: positionCount }, () => []);
    const seen = new Map<string, number>();
    const commonDf = Math.max(COMMON_DF_FLOOR, this.docs.length * SCORING.commonShare);
    for (const feature of this.expand(features)) {
      const df = this.postings.get(feature.key)?.length ?? 0;
      if (df === 0 || (df > commonDf && !feature.key.startsWith('w:'))) continue;
      const weight = feature.weight * this.idf(feature.key);
      for (const position of feature.positions) {
        const id = `${position} ${feature.key}`;
        if ((seen.get(id) ?? 0) >= weight) continue;
        seen.set(id, weight);
        byPosition[position].push({ key: feature.key, weight });
      }
    }
    const scored: number[] = [];
    const touched: number[] = [];
    const { positionBest, totals, matchedPositions, postings } = this;
    let ideal = 0;
    for (const lookups of byPosition) {
      let positionIdeal = 0;
      for (const { key, weight } of lookups) {
        if (weight > positionIdeal) positionIdeal = weight;
        const list = postings.get(key);
        if (list === undefined) continue;
        for (let i = 0; i < list.length; i += 1) {
          const doc = list[i];
          const current = positionBest[doc];
          if (current === 0) touched.push(doc);
          if (current < weight) positionBest[doc] = weight;
        }
      }
      ideal += positionIdeal;
      for (let i = 0; i < touched.length; i += 1) {
        const doc = touched[i];
        if (totals[doc] === 0) scored.push(doc);
        totals[doc] += positionBest[doc];
        matchedPositions[doc] += 1;
        positionBest[doc] = 0;
      }
      touched.length = 0;
    }
    const candidates: Candidate[] = [];
    for (const doc of scored) {
      const entry = this.docs[doc];
      const total = totals[doc];
      const coverage = matchedPositions[doc] / positionCount;
      totals[doc] = 0;
      matchedPositions[doc] = 0;
      if (!entry.alive || !entry.active || (language !== undefined && entry.language !== language)) continue;
      const lengthFactor = 1 / (1 + SCORING.lengthPenalty * entry.keyCount);
      const coverageFactor = SCORING.coverageExponent === 0 ? 1 : coverage ** SCORING.coverageExponent;
      candidates.push({ doc, score: (total / ideal) * lengthFactor * coverageFactor });
    }
    return candidates;
  }

  /** Adds, for each fuzzy feature, the indexed keys one edit away, at a discount. */
  private expand(features: readonly QueryFeature[]): QueryFeature[] {
    const out: QueryFeature[] = [...features];
    for (const feature of features) {
      if (!feature.fuzzy) continue;
      const vocabulary = feature.key.startsWith('m:') ? this.fuzzyCodes : this.fuzzyWords;
      for (const neighbour of vocabulary.neighbours(feature.key)) {
        if ((this.postings.get(neighbour)?.length ?? 0) > this.docs.length * SCORING.fuzzyShare) continue;
        out.push({ key: neighbour, weight: feature.weight * MATCH_WEIGHTS.fuzzyFactor, positions: feature.positions, fuzzy: false });
      }
    }
    return out;
  }

  private idf(key: string): number {
    const df = this.postings.get(key)?.length ?? 0;
    if (df === 0) return 0;
    const idf = Math.log(1 + this.docs.length / df);
    return SCORING.idfExponent === 1 ? idf : idf ** SCORING.idfExponent;
  }

  private ensureScratch(): void {
    if (this.totals.length >= this.docs.length) return;
    const size = Math.max(this.docs.length, this.totals.length * 2);
    this.totals = new Float64Array(size);
    this.positionBest = new Float64Array(size);
    this.matchedPositions = new Uint8Array(size);
  }
}

function bestScore(candidates: readonly Candidate[]): number {
  let best = 0;
  for (const candidate of candidates) if (candidate.score > best) best = candidate.score;
  return best;
}

/** Higher score first; equal scores by insertion order (older products first), so results are stable. */
function isBetter(a: Candidate, b: Candidate): boolean {
  return a.score > b.score || (a.score === b.score && a.doc < b.doc);
}

/** Keeps `top` sorted best first and at most `limit` long. */
function insertRanked(top: Candidate[], candidate: Candidate, limit: number): void {
  let at = top.length;
  while (at > 0 && isBetter(candidate, top[at - 1])) at -= 1;
  top.splice(at, 0, candidate);
  if (top.length > limit) top.pop();
}
