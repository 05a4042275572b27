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
 * Scores documents for one query text: per query position the best-weighted lookup the document
 * is in, summed over the positions (its evidence), over the ideal (every position matched at its
 * best weight), times the document's length factor and its span's precision: its evidence over
 * the ideal of the positions from the first to the last it matched (`** precisionExponent`).
 * A position's ideal is what the catalogue says about its word (weight × idf), so a word the
 * catalogue lacks weighs nothing, a common one little; and words outside the span a product
 * matched (a caller's lead-in, a question after the name) do not count against it, while words
 * inside it that it lacks do. The mention is in effect the span with the best catalogue evidence.
 *
 * Each position's lookups are walked best weight first, so a document's first touch at a
 * position is its best there: one stamp check per posting entry, no per-position pass, no
 * data-dependent branch besides the stamp. Only the candidates the caller keeps are returned
 * (allocating one for each of the thousands of weak matches cost more than scoring them), and a
 * document whose evidence alone keeps it below the bar is not scored further. The result is the
 * plain rule's, bit for bit (candidate-scorer.spec.ts checks it against one).
 *
 * One scorer per index: its scratch arrays are sized to the index and reused, so a query
 * allocates little. Not re-entrant (scoring is synchronous).
 */
export class CandidateScorer {
  /** Per document: the stamp of the last position that touched it. */
  private stamps = new Int32Array(0);
  private stamp = 0;
  private totals = new Float64Array(0);
  /** Per document: the first and last query position it matched, so its span's ideal can be read. */
  private firstPositions = new Uint16Array(0);
  private lastPositions = new Uint16Array(0);
  /** spanEnds[p]: the ideal weight of query positions before p (prefix sums), for spans' ideals. */
  private spanEnds = new Float64Array(0);
  /** The documents touched by this query, in first-touch order, and their scores. */
  private scored = new Int32Array(0);
  private scores = new Float64Array(0);
  /** scoreAmong's map from document number to its place among the documents asked for. */
  private slots = new Int32Array(0);

  /** @param precisionExponent how strongly the gaps inside a document's matched span count (SCORING). */
  constructor(private readonly precisionExponent: number) {}

  /** @param languageCode 0 for any language, else only documents whose `searchable` code is this one. */
  score(byPosition: readonly (readonly PositionLookup[])[], documents: ScoringDocuments, languageCode: number, keep: KeepRule): Candidate[] {
    const positionCount = byPosition.length;
    if (positionCount === 0) return [];
    this.ensureScratch(documents.count, positionCount);
    const { stamps, totals, scored } = this;
    let touched = 0;
    const { spanEnds, firstPositions, lastPositions } = this;
    spanEnds[0] = 0;
    for (let position = 0; position < positionCount; position += 1) {
      const lookups = byPosition[position];
      spanEnds[position + 1] = spanEnds[position];
      if (lookups.length === 0) continue;
      const stamp = (this.stamp += 1);
      const bestFirst = [...lookups].sort((a, b) => b.weight - a.weight);
      spanEnds[position + 1] += bestFirst[0].weight;
      for (const { docs, weight } of bestFirst) {
        for (let i = 0; i < docs.length; i += 1) {
          const doc = docs[i];
          if (stamps[doc] === stamp) continue;
          stamps[doc] = stamp;
          const total = totals[doc];
          // Written always, kept only on a first touch: cheaper than a branch that mispredicts.
          scored[touched] = doc;
          touched += total === 0 ? 1 : 0;
          if (total === 0) firstPositions[doc] = position;
          lastPositions[doc] = position;
          // Positions are added in order, so the sum is the same, bit for bit, however walked.
          totals[doc] = total + weight;
        }
      }
    }
    const ideal = spanEnds[positionCount];
    const { searchable, lengthFactor } = documents;
    const { scores } = this;
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
      if (score > best) best = score;
    }
    const floor = Math.max(best * keep.share, keep.atLeast);
    const candidates: Candidate[] = [];
    for (let i = 0; i < touched; i += 1) {
      if (scores[i] > 0 && scores[i] >= floor) candidates.push({ doc: scored[i], score: scores[i] });
    }
    return candidates;
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
    const firsts = new Int32Array(among.length).fill(-1);
    const lasts = new Int32Array(among.length);
    const stamps = new Int32Array(among.length).fill(-1);
    const spanEnds = new Float64Array(positionCount + 1);
    const searchCost = among.length * Math.log2(documents.count + 2);
    for (let position = 0; position < positionCount; position += 1) {
      const bestFirst = [...byPosition[position]].sort((a, b) => b.weight - a.weight);
      spanEnds[position + 1] = spanEnds[position] + (bestFirst[0]?.weight ?? 0);
      const touch = (slot: number, weight: number) => {
        if (stamps[slot] === position) return;
        stamps[slot] = position;
        totals[slot] += weight;
        if (firsts[slot] < 0) firsts[slot] = position;
        lasts[slot] = position;
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
    const scored: Candidate[] = [];
    let best = 0;
    among.forEach((doc, slot) => {
      const code = documents.searchable[doc];
      if (totals[slot] === 0 || code === 0 || (languageCode !== 0 && code !== languageCode)) return;
      const span = spanEnds[lasts[slot] + 1] - spanEnds[firsts[slot]];
      const score = (totals[slot] / ideal) * this.precisionFactor(totals[slot] / span) * documents.lengthFactor[doc];
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

  private precisionFactor(precision: number): number {
    const bounded = Math.min(1, precision);
    if (this.precisionExponent === 1) return bounded;
    return this.precisionExponent === 0 ? 1 : bounded ** this.precisionExponent;
  }

  private ensureScratch(documentCount: number, positionCount: number): void {
    if (this.spanEnds.length < positionCount + 1) this.spanEnds = new Float64Array(positionCount + 1);
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
    this.scored = new Int32Array(size);
    this.scores = new Float64Array(size);
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

/** Stamps count positions scored; before they overflow an Int32 they start again from zero. */
const STAMP_LIMIT = 2 ** 31 - 1;
