import { BIT_POSITIONS, SpanEntries, type WalkRecord, bestSpanScores, shorterSpanMayExceed } from './matched-span';

/** One posting list a query position looks up, and what a match there is worth (weight × idf). */
export interface PositionLookup {
  /** Document numbers holding the key. */
  readonly docs: readonly number[];
  readonly weight: number;
}

/**
 * What scoring reads per document, in typed arrays indexed by document number: reading one
 * JavaScript object per touched document cost a cache miss each and was most of a query's time.
 */
export interface ScoringDocuments {
  /** 0: not searchable (removed or inactive); otherwise the document's language code (never 0). */
  readonly searchable: Uint8Array;
  /** The length penalty's factor, `1 / (1 + lengthPenalty × keyCount)`: at most 1 (scoring relies on it). */
  readonly lengthFactor: Float64Array;
  /** How many document numbers are in use. */
  readonly count: number;
}

/** A scored candidate: the document number and its normalised score. */
export interface Candidate {
  readonly doc: number;
  readonly score: number;
}

/** Which candidates the caller keeps: those scoring at least `share` × the best, and at least `atLeast`. */
export interface KeepRule {
  readonly share: number;
  readonly atLeast: number;
}

/**
 * Scores documents for one query text. Per query position, a document's evidence there is the
 * best-weighted lookup it is in. Its score is that of its best span of positions, from one it
 * matched to another: the evidence inside the span over the ideal (every position of the text
 * matched at its best weight), × the span's precision (the evidence inside over the ideal of the
 * span's positions, `** precisionExponent`), × the document's length factor (matched-span.ts).
 * A position's ideal is what the catalogue says about its word (weight × idf), so a word the
 * catalogue lacks weighs nothing, a common one little. Words outside the span (a caller's
 * lead-in, a question after the name) do not count against the product, while words inside it
 * that it lacks do; a weak match out in the lead-in ("in", "paper" in "i saw an advert in the
 * paper for …") is left out of the span when counting it would cost more precision than it adds.
 * The mention is the span with the best catalogue evidence.
 *
 * Each position's lookups are walked best weight first, so a document's first touch at a
 * position is its best there: one check per posting entry (a bit per position in one word per
 * document), no per-position pass. That walk gives each document its evidence over the span
 * from its first match to its last; the few documents a shorter span could raise to the bar are
 * then rescored by their best span (chooseSpans). Only the candidates the caller keeps are
 * returned (allocating one for each of the thousands of weak matches cost more than scoring
 * them), and a document whose evidence alone keeps it below the bar is not scored further. The
 * result is the plain rule's, bit for bit (candidate-scorer.spec.ts checks it against one).
 *
 * One scorer per index: its scratch arrays are sized to the index and reused, so a query
 * allocates little. Not re-entrant (scoring is synchronous).
 */
export class CandidateScorer {
  /** Per document: the stamp of the last position from BIT_POSITIONS on that touched it. */
  private stamps = new Int32Array(0);
  private stamp = 0;
  private totals = new Float64Array(0);
  /** Per document: the first and last query position it matched, so its span's ideal can be read. */
  private firstPositions = new Uint16Array(0);
  private lastPositions = new Uint16Array(0);
  /** Per document: which positions it matched, a bit each (the last bit for every position from BIT_POSITIONS on). */
  private matchedBits = new Int32Array(0);
  /** Per document: its evidence at its first matched position. */
  private firstWeights = new Float64Array(0);
  /** Per position: the least a match there is worth. */
  private leastWeights = new Float64Array(0);
  /** spanEnds[p]: the ideal weight of query positions before p (prefix sums), for spans' ideals. */
  private spanEnds = new Float64Array(0);
  /** The documents touched by this query, in first-touch order, and their scores. */
  private scored = new Int32Array(0);
  private scores = new Float64Array(0);
  /** Per touched document (in `scored` order): its evidence, and the most a shorter span could score (a cheap bound). */
  private evidence = new Float64Array(0);
  private bounds = new Float64Array(0);
  /** scoreAmong's map from document number to its place among the documents asked for. */
  private slots = new Int32Array(0);
  /** Per position, its lookups best weight first, as the last query walked them. */
  private walked: PositionLookup[][] = [];
  private readonly spanEntries = new SpanEntries();

  /** @param precisionExponent how strongly the gaps inside a document's matched span count (SCORING). */
  constructor(private readonly precisionExponent: number) {}

  /** @param languageCode 0 for any language, else only documents whose `searchable` code is this one. */
  score(byPosition: readonly (readonly PositionLookup[])[], documents: ScoringDocuments, languageCode: number, keep: KeepRule): Candidate[] {
    const positionCount = byPosition.length;
    if (positionCount === 0) return [];
    this.ensureScratch(documents.count, positionCount);
    const { spanEnds, leastWeights } = this;
    let touched = 0;
    const walked: PositionLookup[][] = (this.walked = []);
    spanEnds[0] = 0;
    for (let position = 0; position < positionCount; position += 1) {
      const bestFirst = [...byPosition[position]].sort((a, b) => b.weight - a.weight);
      walked.push(bestFirst);
      spanEnds[position + 1] = spanEnds[position];
      if (bestFirst.length === 0) continue;
      spanEnds[position + 1] += bestFirst[0].weight;
      leastWeights[position] = bestFirst[bestFirst.length - 1].weight;
      touched = this.walk(position, bestFirst, touched);
    }
    const { totals, scored, firstPositions, lastPositions, firstWeights } = this;
    const ideal = spanEnds[positionCount];
    const { searchable, lengthFactor } = documents;
    const { scores, evidence, bounds } = this;
    let best = 0;
    for (let i = 0; i < touched; i += 1) {
      const doc = scored[i];
      const total = totals[doc];
      totals[doc] = 0;
      const code = searchable[doc];
      // A score is at most its share of the ideal (the span's precision and the length factor
      // are at most 1): a document below the bar so far need not be scored further.
      const recall = total / ideal;
      if (code === 0 || (languageCode !== 0 && code !== languageCode) || recall < Math.max(best * keep.share, keep.atLeast)) {
        scores[i] = -1;
        continue;
      }
      const span = spanEnds[lastPositions[doc] + 1] - spanEnds[firstPositions[doc]];
      const score = recall * this.precisionFactor(total / span) * lengthFactor[doc];
      scores[i] = score;
      evidence[i] = total;
      // What a shorter span could score at most: it leaves out the first match or the last one
      // (which is worth at least the least match at its position).
      bounds[i] = firstPositions[doc] === lastPositions[doc] ? 0 : ((total - Math.min(firstWeights[doc], leastWeights[lastPositions[doc]])) / ideal) * lengthFactor[doc];
      if (score > best) best = score;
    }
    best = this.chooseSpans(touched, keep, ideal, lengthFactor, best);
    const floor = Math.max(best * keep.share, keep.atLeast);
    const candidates: Candidate[] = [];
    for (let i = 0; i < touched; i += 1) {
      if (scores[i] > 0 && scores[i] >= floor) candidates.push({ doc: scored[i], score: scores[i] });
    }
    return candidates;
  }

  /**
   * Adds one position's matches (its lookups best first) to the documents' evidence, each document
   * once, at its best lookup; returns how many documents are touched so far. Below BIT_POSITIONS,
   * a document's bit for the position says it was met (valid while its evidence is not zero): one
   * word per touch, where a position stamp would be a second. From there on, a stamp per position
   * says it, and the last bit stands for all those positions.
   */
  private walk(position: number, bestFirst: readonly PositionLookup[], touched: number): number {
    const { stamps, totals, scored, firstPositions, lastPositions, firstWeights, matchedBits } = this;
    const bit = position < BIT_POSITIONS ? 1 << position : LAST_BIT;
    // 0 (no stamp) below BIT_POSITIONS; stamps count from 1.
    const stamp = position < BIT_POSITIONS ? 0 : (this.stamp += 1);
    for (const { docs, weight } of bestFirst) {
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i];
        const total = totals[doc];
        const bits = total === 0 ? 0 : matchedBits[doc];
        if (stamp === 0 ? (bits & bit) !== 0 : stamps[doc] === stamp) continue;
        if (stamp !== 0) stamps[doc] = stamp;
        matchedBits[doc] = bits | bit;
        // Written always, kept only on a first touch: cheaper than a branch that mispredicts.
        scored[touched] = doc;
        touched += total === 0 ? 1 : 0;
        if (total === 0) {
          firstPositions[doc] = position;
          firstWeights[doc] = weight;
        }
        lastPositions[doc] = position;
        // Positions are added in order, so the sum is the same, bit for bit, however walked.
        totals[doc] = total + weight;
      }
    }
    return touched;
  }

  /**
   * The same scores, bit for bit, for the listed documents only (ascending document numbers): for
   * a text that only a few documents can score more on than on another text (a sound-alike
   * reading, sound-alike-words.ts). A list much longer than those documents is searched for them
   * rather than walked, so the cost follows the smaller of the two.
   */
  scoreAmong(byPosition: readonly (readonly PositionLookup[])[], documents: ScoringDocuments, languageCode: number, keep: KeepRule, among: readonly number[]): Candidate[] {
    const positionCount = byPosition.length;
    const slots = this.amongSlots(documents.count, among);
    const totals = new Float64Array(among.length);
    const stamps = new Int32Array(among.length).fill(-1);
    const spanEnds = new Float64Array(positionCount + 1);
    const entries = this.spanEntries;
    entries.clear();
    const searchCost = among.length * Math.log2(documents.count + 2);
    for (let position = 0; position < positionCount; position += 1) {
      const bestFirst = [...byPosition[position]].sort((a, b) => b.weight - a.weight);
      spanEnds[position + 1] = spanEnds[position] + (bestFirst[0]?.weight ?? 0);
      const touch = (slot: number, weight: number) => {
        if (stamps[slot] === position) return;
        stamps[slot] = position;
        totals[slot] += weight;
        entries.add(slot, position, weight);
      };
      for (const { docs, weight } of bestFirst) {
        if (docs.length <= searchCost) {
          for (const doc of docs) if (slots[doc] > 0) touch(slots[doc] - 1, weight);
        } else {
          among.forEach((doc, slot) => stamps[slot] !== position && sortedHas(docs, doc) && touch(slot, weight));
        }
      }
    }
    for (const doc of among) slots[doc] = 0;
    const ideal = spanEnds[positionCount];
    const spans = bestSpanScores(entries, among.length, spanEnds, ideal, (share) => this.precisionFactor(share));
    const scored: Candidate[] = [];
    let best = 0;
    among.forEach((doc, slot) => {
      const code = documents.searchable[doc];
      if (totals[slot] === 0 || code === 0 || (languageCode !== 0 && code !== languageCode)) return;
      const score = spans[slot] * documents.lengthFactor[doc];
      scored.push({ doc, score });
      if (score > best) best = score;
    });
    const floor = Math.max(best * keep.share, keep.atLeast);
    return scored.filter((candidate) => candidate.score > 0 && candidate.score >= floor);
  }

  /** Per document number, its place in `among` plus one (0: not among them); cleared by the caller. */
  private amongSlots(documentCount: number, among: readonly number[]): Int32Array {
    if (this.slots.length < documentCount + 1) this.slots = new Int32Array(Math.max(1024, documentCount + 1));
    among.forEach((doc, slot) => (this.slots[doc] = slot + 1));
    return this.slots;
  }

  /**
   * Rescores by their best span (matched-span.ts) the candidates a shorter span could raise to
   * the bar (`keep`) or more, the most promising first, a batch at a time: each batch's new scores
   * raise the best and so the bar, which may leave the rest out. A candidate's first bound is
   * cheap and loose; it is rescored only if a tighter one (shorterSpanMayExceed) passes too.
   * Scores only rise, so no candidate left out could have reached the bar. Returns the new best.
   */
  private chooseSpans(touched: number, keep: KeepRule, ideal: number, lengthFactor: Float64Array, best: number): number {
    const { scored, scores, evidence, bounds } = this;
    const firstBar = Math.max(best * keep.share, keep.atLeast);
    const choices: number[] = [];
    for (let i = 0; i < touched; i += 1) if (scores[i] > 0 && bounds[i] > scores[i] && bounds[i] >= firstBar) choices.push(i);
    if (choices.length === 0) return best;
    choices.sort((a, b) => bounds[b] - bounds[a]);
    const { spanEnds, leastWeights, firstPositions, lastPositions, firstWeights, matchedBits } = this;
    const walk: WalkRecord = { spanEnds, leastWeights, firstPositions, lastPositions, firstWeights, matchedBits };
    const precision = (share: number) => this.precisionFactor(share);
    let rescoredBest = best;
    const batch: number[] = [];
    for (let next = 0; next < choices.length; next += 1) {
      const i = choices[next];
      const bar = Math.max(rescoredBest * keep.share, keep.atLeast);
      if (bounds[i] < bar) break;
      // Rescored only if it can end at or above the bar and above its score now.
      if (!shorterSpanMayExceed(walk, scored[i], evidence[i], ideal, Math.max(bar * (1 - ROUNDING_SLACK), scores[i]) / lengthFactor[scored[i]], precision)) continue;
      batch.push(i);
      if (batch.length === SPAN_BATCH) rescoredBest = this.rescoreBySpan(batch.splice(0), ideal, lengthFactor, rescoredBest);
    }
    return batch.length > 0 ? this.rescoreBySpan(batch, ideal, lengthFactor, rescoredBest) : rescoredBest;
  }

  /** Gives these touched documents (by place in `scored`) their best span's score; returns the best score so far. */
  private rescoreBySpan(batch: readonly number[], ideal: number, lengthFactor: Float64Array, best: number): number {
    const { scored, scores } = this;
    const docs = batch.map((index) => scored[index]);
    const spans = bestSpanScores(this.matchedPositions(docs), batch.length, this.spanEnds, ideal, (share) => this.precisionFactor(share));
    let rescoredBest = best;
    for (let slot = 0; slot < batch.length; slot += 1) {
      scores[batch[slot]] = spans[slot] * lengthFactor[docs[slot]];
      if (scores[batch[slot]] > rescoredBest) rescoredBest = scores[batch[slot]];
    }
    return rescoredBest;
  }

  /**
   * The evidence per position of these documents, read again from the lookups walked: at each
   * position a document matched after its first, the best lookup whose list holds it (searched).
   */
  private matchedPositions(docs: readonly number[]): SpanEntries {
    const { walked, firstPositions, lastPositions, firstWeights } = this;
    const entries = this.spanEntries;
    entries.clear();
    for (let slot = 0; slot < docs.length; slot += 1) {
      const doc = docs[slot];
      entries.add(slot, firstPositions[doc], firstWeights[doc]);
      for (let position = firstPositions[doc] + 1; position <= lastPositions[doc]; position += 1) {
        if (!this.matched(doc, position)) continue;
        for (const { docs: list, weight } of walked[position]) {
          if (!sortedHas(list, doc)) continue;
          entries.add(slot, position, weight);
          break;
        }
      }
    }
    return entries;
  }

  /** Whether the document matched at the position (from BIT_POSITIONS on: at some position from there on). */
  private matched(doc: number, position: number): boolean {
    return (this.matchedBits[doc] & (1 << Math.min(position, BIT_POSITIONS))) !== 0;
  }

  private precisionFactor(precision: number): number {
    const bounded = Math.min(1, precision);
    if (this.precisionExponent === 1) return bounded;
    if (this.precisionExponent === 0.5) return Math.sqrt(bounded);
    return this.precisionExponent === 0 ? 1 : bounded ** this.precisionExponent;
  }

  private ensureScratch(documentCount: number, positionCount: number): void {
    if (this.spanEnds.length < positionCount + 1) {
      this.spanEnds = new Float64Array(positionCount + 1);
      this.leastWeights = new Float64Array(positionCount + 1);
    }
    if (this.stamp + positionCount >= STAMP_LIMIT) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    if (this.totals.length >= documentCount + 1) return;
    const size = Math.max(1024, documentCount + 1, this.totals.length * 2);
    const stamps = new Int32Array(size);
    stamps.set(this.stamps);
    this.stamps = stamps;
    this.totals = new Float64Array(size);
    this.firstPositions = new Uint16Array(size);
    this.lastPositions = new Uint16Array(size);
    this.firstWeights = new Float64Array(size);
    this.matchedBits = new Int32Array(size);
    this.scored = new Int32Array(size);
    this.scores = new Float64Array(size);
    this.evidence = new Float64Array(size);
    this.bounds = new Float64Array(size);
  }
}

/** Whether an ascending list holds a number (binary search). */
function sortedHas(list: readonly number[], value: number): boolean {
  let [low, high] = [0, list.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (list[middle] === value) return true;
    if (list[middle] < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Relative slack on a bar compared against a bound computed another way, so rounding never leaves out a candidate that reaches it. */
const ROUNDING_SLACK = 1e-9;

const LAST_BIT = 1 << BIT_POSITIONS;

/** How many candidates are rescored by their best span at a time (chooseSpans). */
const SPAN_BATCH = 16;

/** Stamps count positions scored; before they overflow an Int32 they start again from zero. */
const STAMP_LIMIT = 2 ** 31 - 1;
