import type { Language } from '@callcart/contracts';
import type { IndexedProduct, SearchHit, SearchResult } from './search-engine';
import { rankCandidates } from './candidate-ranking';
import { type Candidate, CandidateScorer, type KeepRule, type PositionLookup, type ScoringDocuments } from './candidate-scorer';
import { isEverydayTalk, productWordShare } from './everyday-words';
import { type CatalogueWords, SoundAlikeWords } from './sound-alike-words';
import { FuzzyVocabulary } from './fuzzy-vocabulary';
import { isGrammarWord } from '../matching/grammar-words';
import { wordForm } from '../matching/phonetic-keys';
import { MATCH_WEIGHTS, MAX_QUERY_TOKENS, documentKeys, normaliseItemNumber, queryFeatures, type QueryFeature } from './product-keys';

interface IndexedDocument {
  readonly productId: string;
  readonly active: boolean;
  alive: boolean;
}

/** Scoring compares languages as small numbers (see ScoringDocuments.searchable); 0 means any. */
const LANGUAGE_CODES: Readonly<Record<Language, number>> = { en: 1, zh: 2 };
/** A product in a language not listed above is found only by queries in no particular language. */
const OTHER_LANGUAGE = 3;

function languageCode(language: string): number | undefined {
  return Object.hasOwn(LANGUAGE_CODES, language) ? LANGUAGE_CODES[language as Language] : undefined;
}

/**
 * How a product's matched positions add up; chosen by measurement (docs/decisions/0010):
 * `lengthPenalty` per indexed key (long listings match everything a little), `precisionExponent`
 * on a product's matched span's precision (candidate-scorer.ts), `idfExponent` flattening rare-key weights,
 * `commonShare`: sound-alike keys in more than this share of products are not looked up (their
 * long posting lists cost time and say little), `fuzzyShare` the same for keys reached one edit
 * away; `knownWordFuzzyShare`: what a one-edit neighbour of a word the catalogue itself has keeps
 * (decision 0015); `everydayHalfShareOdds`: a word whose rate in the catalogue is this share of
 * its rate in everyday English keeps half its weight (everyday-words.ts, decision 0016);
 * `matchShare`: candidates scoring at least this
 * share of the best are the matches, counted in `total` (which decides between reading a short
 * list out and asking for the item number) and the only ones returned, so `total` ≥ hits.
 */
export const SCORING = { lengthPenalty: 0.004, precisionExponent: 0.5, idfExponent: 0.6, commonShare: 0.1, fuzzyShare: 0.03, knownWordFuzzyShare: 0.75, everydayHalfShareOdds: 0.5, matchShare: 0.6, joinedAsWord: true, phraseCap: 1.5 };

/** A key as a lookup: its posting list, what a match is worth before shares, and whether it is a product's joined pair. */
interface ResolvedKey {
  readonly docs: readonly number[];
  readonly keyWeight: number;
  readonly pair: boolean;
  /** A fuzzy feature's one-edit neighbour, not its own key. */
  readonly neighbour: boolean;
}
/** Forgotten all at once when this many keys are remembered resolved (tens of MB at most). */
const RESOLVED_MAX = 50_000;

/** The shortest part a merged word is split into (shorter parts are mostly chance matches). */
const MIN_SPLIT_PART = 3;

/** A small catalogue never prunes: below this many products a key is never "common". */
const COMMON_DF_FLOOR = 500;

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
  private readonly soundAlikeWords = new SoundAlikeWords();
  private readonly scorer = new CandidateScorer(SCORING.precisionExponent);
  private searchable = new Uint8Array(1024);
  private lengthFactor = new Float64Array(1024);
  /** idf by document frequency for the current document count (a power per lookup was measurable). */
  private idfByDf = new Float64Array(0);
  private liveCount = 0;
  /**
   * What each feature looked up resolved to, by key and then by weight (negative when fuzzy): a
   * caller's words recur across calls and a sound-alike reading repeats most of a text's. It
   * depends on the postings and the document count, so any edit forgets it.
   */
  private readonly resolved = new Map<string, Map<number, readonly ResolvedKey[]>>();
  /** How many word keys (`w:`) all documents ever indexed hold: the catalogue's words, counted as df counts them. */
  private wordKeyCount = 0;

  get productCount(): number {
    return this.liveCount;
  }

  /** The catalogue's word forms and how many products hold each (as `w:` keys). */
  private readonly catalogueWords: CatalogueWords = {
    has: (word) => this.postings.has(`w:${wordForm(word)}`),
    frequency: (word) => this.postings.get(`w:${word}`)?.length ?? 0,
  };

  /** Adds a product, replacing an earlier one with the same id. */
  upsert(product: IndexedProduct): void {
    this.remove(product.id);
    if (this.resolved.size > 0) this.resolved.clear();
    const keys = documentKeys([product.name, product.brand, ...product.aliases], product.sku);
    const doc = this.docs.length;
    this.docs.push({ productId: product.id, active: product.active, alive: true });
    this.ensureDocumentArrays(doc + 1);
    this.searchable[doc] = product.active ? (languageCode(product.language) ?? OTHER_LANGUAGE) : 0;
    this.lengthFactor[doc] = 1 / (1 + SCORING.lengthPenalty * keys.length);
    this.docByProduct.set(product.id, doc);
    for (const { key, fuzzy } of keys) {
      if (key.startsWith('w:')) this.wordKeyCount += 1;
      const list = this.postings.get(key);
      if (list) list.push(doc);
      else {
        this.postings.set(key, [doc]);
        if (key.startsWith('w:')) this.soundAlikeWords.add(key.slice(2));
      }
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
    if (this.resolved.size > 0) this.resolved.clear();
    this.docs[doc].alive = false;
    this.searchable[doc] = 0;
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
    // An unknown language matches no product (-1 is no product's code).
    const wanted = language === undefined ? 0 : (languageCode(language) ?? -1);
    const bestText = text.slice(0, 2000);
    const soundAlike = this.soundAlikeWords.reading(bestText, this.catalogueWords);
    // The reading ranks only the products holding a word it put in (sound-alike-words.ts): the
    // others are ranked on the text heard, and a recogniser's alternative is always ranked in full.
    const among = soundAlike && !alternatives.includes(soundAlike.text) ? this.productsHolding(soundAlike.words) : undefined;
    const { top, total } = rankCandidates(
      bestText,
      [...(soundAlike === undefined ? [] : [soundAlike.text]), ...alternatives.map((alternative) => String(alternative ?? '').slice(0, 2000))],
      (queryText, keep) => this.score(queryText, wanted, keep, queryText === soundAlike?.text ? among : undefined),
      { limit, matchShare: SCORING.matchShare },
    );
    const hits: SearchHit[] = top.map((candidate) => ({ productId: this.docs[candidate.doc].productId, score: Math.min(1, Math.max(0, candidate.score)) }));
    return { hits, total };
  }

  /**
   * The candidates of one text the caller keeps (`keep`), scores normalised by what a perfect
   * match of every position scores.
   */
  private score(text: string, languageCode: number, keep: KeepRule, among?: readonly number[]): Candidate[] {
    const { positionCount, features, positionWords } = queryFeatures(this.splitMergedWords(text));
    if (positionCount === 0) return [];
    const documents: ScoringDocuments = { searchable: this.searchable, lengthFactor: this.lengthFactor, count: this.docs.length };
    const shares = positionWords.map((word) => this.positionShare(word));
    const heardAsSaid = positionWords.map((word, i) => this.takenAsHeard(word, shares[i]));
    const lookups = this.lookups(features, positionCount, shares, heardAsSaid);
    return among === undefined ? this.scorer.score(lookups, documents, languageCode, keep) : this.scorer.scoreAmong(lookups, documents, languageCode, keep, among);
  }

  /** The documents holding any of these word forms, ascending. */
  private productsHolding(words: readonly string[]): number[] {
    const docs = new Set<number>();
    for (const word of words) for (const doc of this.postings.get(`w:${word}`) ?? []) docs.add(doc);
    return [...docs].sort((a, b) => a - b);
  }

  /**
   * The share of a match's worth a word said keeps, by how likely it names a product: a grammar
   * word `MATCH_WEIGHTS.grammarWord` (decision 0015); any other less the commoner it is in talk
   * than in this catalogue (decision 0016), never below a grammar word; a Han character ('') all of it.
   */
  private positionShare(word: string): number {
    if (word === '') return 1;
    if (isGrammarWord(word)) return MATCH_WEIGHTS.grammarWord;
    const count = this.postings.get(`w:${wordForm(word)}`)?.length ?? 0;
    return Math.max(MATCH_WEIGHTS.grammarWord, productWordShare(word, count, this.wordKeyCount, SCORING.everydayHalfShareOdds));
  }

  /**
   * Whether a word said is talk, taken as heard: its one-edit neighbours are not looked up (decision
   * 0022). A word weighing a grammar word's share (a grammar word, or one talk uses far more than
   * the catalogue), or one the catalogue lacks that everyday English says at least TALK_RATE
   * ("want", "think", "bought"). Walking their neighbours took a quarter of all query time and
   * added only chance evidence: "think" one edit from "thick".
   */
  private takenAsHeard(word: string, share: number): boolean {
    if (word === '') return false;
    return share <= MATCH_WEIGHTS.grammarWord || (isEverydayTalk(word) && !this.postings.has(`w:${wordForm(word)}`));
  }

  /**
   * A word the catalogue does not have that is catalogue words run together ("toshibalaptop",
   * "canontonercartridge", "hd218players": a recogniser's merge) is read as those words, so each
   * can count at its own position: the reading with the fewest parts, then the longest shortest
   * part, every part a catalogue word of at least MIN_SPLIT_PART characters. Only as many words
   * as a query looks up are split (MAX_QUERY_TOKENS), so a long run of merged words costs no more.
   */
  private splitMergedWords(text: string): string {
    if (!/[a-z0-9]{7}/i.test(text)) return text;
    let wordsLeft = MAX_QUERY_TOKENS;
    return text.replace(/[a-z0-9]{7,40}/gi, (token) => {
      const word = token.toLowerCase();
      if (wordsLeft <= 0 || !/[a-z]/.test(word) || this.postings.has(`w:${wordForm(word)}`)) return token;
      const parts = this.catalogueWordsIn(word);
      wordsLeft -= parts?.length ?? 1;
      return parts?.join(' ') ?? token;
    });
  }

  /** The best reading of `word` as catalogue words run together (see splitMergedWords), if any. */
  private catalogueWordsIn(word: string): string[] | undefined {
    // best[end]: the best reading of word.slice(0, end), as [parts, shortest part].
    const best: ({ parts: string[]; shortest: number } | undefined)[] = [{ parts: [], shortest: Infinity }];
    for (let end = MIN_SPLIT_PART; end <= word.length; end += 1) {
      for (let start = 0; start <= end - MIN_SPLIT_PART; start += 1) {
        const before = best[start];
        const part = word.slice(start, end);
        if (before === undefined || (start === 0 && end === word.length) || !this.postings.has(`w:${wordForm(part)}`)) continue;
        const reading = { parts: [...before.parts, part], shortest: Math.min(before.shortest, part.length) };
        const known = best[end];
        if (known === undefined || reading.parts.length < known.parts.length || (reading.parts.length === known.parts.length && reading.shortest > known.shortest)) best[end] = reading;
      }
    }
    return best[word.length]?.parts;
  }

  /**
   * Per query position, the posting lists to walk and their weights (weight × idf): each
   * feature's own key, and for fuzzy features the indexed keys one edit away, at a discount.
   * A key met twice at one position counts once, at its higher weight. Every lookup at a
   * position is scaled by its share (a grammar word's is small), in the ideal as in the evidence.
   * A feature whose every position is taken as heard (`heardAsSaid`) looks up only its own key.
   */
  private lookups(features: readonly QueryFeature[], positionCount: number, positionShares: readonly number[], heardAsSaid: readonly boolean[]): PositionLookup[][] {
    const byPosition: PositionLookup[][] = Array.from({ length: positionCount }, () => []);
    const wordWeights = this.wordWeights(features, positionCount);
    const add = ({ docs, keyWeight, pair }: ResolvedKey, positions: readonly number[]) => {
      const pairToPair = pair && positions.length === 2;
      for (const position of positions) {
        const cap = pairToPair ? wordWeights[position] * SCORING.phraseCap : Infinity;
        const weighted = Math.min(keyWeight, cap) * positionShares[position];
        // A position holds a few lookups: a scan finds the same list met before, at its weight.
        const lookups = byPosition[position];
        if (lookups.some((lookup) => lookup.docs === docs && lookup.weight >= weighted)) continue;
        lookups.push({ docs, weight: weighted });
      }
    };
    for (const feature of features) {
      const ownKeyOnly = feature.positions.every((position) => heardAsSaid[position]);
      for (const key of this.resolve(feature)) if (!(key.neighbour && ownKeyOnly)) add(key, feature.positions);
    }
    return byPosition;
  }

  /**
   * What a feature looks up (remembered until the index changes): its own key (unless absent or
   * too common to say anything) and, for a fuzzy feature, its one-edit neighbours at a discount
   * (those in more than fuzzyShare of products skipped, whatever their family).
   */
  private resolve(feature: QueryFeature): readonly ResolvedKey[] {
    const byWeight = this.resolved.get(feature.key);
    const weightKey = feature.fuzzy ? -feature.weight : feature.weight;
    const known = byWeight?.get(weightKey);
    if (known) return known;
    const keys = this.resolveFeature(feature);
    if (byWeight) byWeight.set(weightKey, keys);
    else {
      if (this.resolved.size >= RESOLVED_MAX) this.resolved.clear();
      this.resolved.set(feature.key, new Map([[weightKey, keys]]));
    }
    return keys;
  }

  private resolveFeature(feature: QueryFeature): ResolvedKey[] {
    const own = this.resolveKey(feature.key, feature.weight);
    const keys: ResolvedKey[] = own ? [own] : [];
    if (feature.fuzzy) {
      const fuzzyDf = this.docs.length * SCORING.fuzzyShare;
      // A word the catalogue has, heard as it is, is less likely a mishearing of its neighbour.
      const share = feature.key.startsWith('w:') && this.postings.has(feature.key) ? SCORING.knownWordFuzzyShare : 1;
      const vocabulary = feature.key.startsWith('m:') ? this.fuzzyCodes : this.fuzzyWords;
      for (const neighbour of vocabulary.neighbours(feature.key)) {
        if ((this.postings.get(neighbour)?.length ?? 0) > fuzzyDf) continue;
        const key = this.resolveKey(neighbour, feature.weight * MATCH_WEIGHTS.fuzzyFactor * share);
        if (key) keys.push({ ...key, neighbour: true });
      }
    }
    return keys;
  }

  /** A key's posting list and what a match on it is worth (weight × idf), unless it is absent or, besides words, commoner than commonShare. */
  private resolveKey(key: string, weight: number): ResolvedKey | undefined {
    const docs = this.postings.get(key);
    const commonDf = Math.max(COMMON_DF_FLOOR, this.docs.length * SCORING.commonShare);
    if (docs === undefined || (docs.length > commonDf && !key.startsWith('w:'))) return undefined;
    return { docs, keyWeight: weight * this.idf(this.evidenceDf(key, docs.length)), pair: key[0] === 'j', neighbour: false };
  }

  /**
   * Per query position, what its word weighs as a word (`w:` × idf; Infinity when the catalogue
   * lacks the word). Two words said together that a product has together ("of sony") are
   * evidence of order, not of rarity: each position then counts at most `phraseCap` × its word.
   */
  private wordWeights(features: readonly QueryFeature[], positionCount: number): Float64Array {
    const weights = new Float64Array(positionCount).fill(Infinity);
    for (const feature of features) {
      if (feature.positions.length !== 1 || feature.weight !== MATCH_WEIGHTS.exactWord || !feature.key.startsWith('w:')) continue;
      const docs = this.postings.get(feature.key);
      if (docs !== undefined) weights[feature.positions[0]] = MATCH_WEIGHTS.exactWord * this.idf(docs.length);
    }
    return weights;
  }

  /**
   * How common what a key says is. A product's adjacent words joined (`jw:sony` from "so ny") say
   * the same as the word (`w:sony`): as rare as the joined key is, the word is as common as the
   * word, so such a match weighs what the word weighs, not more. Without this a common word
   * that happens to be split somewhere in the catalogue set every position's ideal too high.
   * The other way round too: a word (`w:harddrive`, from "harddrives") is as common as the same
   * two words are together (`jw:harddrive`), or one listing that writes "harddrives" outranks
   * every "hard drive" when a caller says it.
   */
  private evidenceDf(key: string, df: number): number {
    if (!SCORING.joinedAsWord || (key[0] !== 'j' && key[0] !== 'w')) return df;
    const other = this.postings.get(key[0] === 'j' ? key.slice(1) : `j${key}`);
    return other === undefined ? df : Math.max(df, other.length);
  }

  /** Inverse document frequency of a key held by `df` (> 0) documents, flattened by `idfExponent`. */
  private idf(df: number): number {
    const count = this.docs.length;
    if (this.idfByDf.length !== count + 1) this.idfByDf = new Float64Array(count + 1);
    const known = this.idfByDf[df];
    if (known > 0) return known;
    const idf = Math.log(1 + count / df);
    const flattened = SCORING.idfExponent === 1 ? idf : idf ** SCORING.idfExponent;
    this.idfByDf[df] = flattened;
    return flattened;
  }

  private ensureDocumentArrays(count: number): void {
    if (this.searchable.length >= count) return;
    const size = Math.max(count, this.searchable.length * 2);
    const searchable = new Uint8Array(size);
    searchable.set(this.searchable);
    const lengthFactor = new Float64Array(size);
    lengthFactor.set(this.lengthFactor);
    this.searchable = searchable;
    this.lengthFactor = lengthFactor;
  }
}
