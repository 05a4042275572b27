/**
 * A document's evidence per query position, gathered for the few documents whose score can
 * change by choosing their span: the positions each matched, in ascending order, with the weight
 * of its match there. `slots[i]` says whose entry `i` is (0 … slotCount − 1).
 */
export class SpanEntries {
  slots = new Int32Array(256);
  positions = new Int32Array(256);
  weights = new Float64Array(256);
  count = 0;

  /** Forgets the entries, keeping the arrays. */
  clear(): void {
    this.count = 0;
  }

  /** Adds an entry; entries of one slot must come in ascending position order. */
  add(slot: number, position: number, weight: number): void {
    if (this.count === this.slots.length) this.grow();
    this.slots[this.count] = slot;
    this.positions[this.count] = position;
    this.weights[this.count] = weight;
    this.count += 1;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const [slots, positions, weights] = [new Int32Array(size), new Int32Array(size), new Float64Array(size)];
    slots.set(this.slots);
    positions.set(this.positions);
    weights.set(this.weights);
    Object.assign(this, { slots, positions, weights });
  }
}

/**
 * Per slot, the best score of any span of its matched positions: the evidence inside the span
 * over the whole query's ideal (recall), × `precision(evidence inside over the ideal of the span's
 * positions)`. A caller's words around a product's name may match it weakly here and there (a
 * grammar word of a lead-in, "paper" in "an advert in the paper"); a span that leaves such a
 * match out loses its little evidence but no longer counts the unmatched words between it and
 * the name. The span from the first to the last matched position is one of the spans, and its
 * evidence is summed in the same order as the scorer's, so a document no span improves keeps
 * its score bit for bit.
 *
 * @param spanEnds prefix sums of the positions' ideals: the ideal of positions a … b is spanEnds[b + 1] − spanEnds[a]
 */
export function bestSpanScores(entries: SpanEntries, slotCount: number, spanEnds: Float64Array, ideal: number, precision: (share: number) => number): Float64Array {
  // Entries grouped by slot, each group still in position order (a stable counting sort).
  const starts = new Int32Array(slotCount + 1);
  for (let i = 0; i < entries.count; i += 1) starts[entries.slots[i] + 1] += 1;
  for (let slot = 0; slot < slotCount; slot += 1) starts[slot + 1] += starts[slot];
  const next = starts.slice(0, slotCount);
  const order = new Int32Array(entries.count);
  for (let i = 0; i < entries.count; i += 1) order[next[entries.slots[i]]++] = i;
  const { positions, weights } = entries;
  const best = new Float64Array(slotCount);
  for (let slot = 0; slot < slotCount; slot += 1) {
    const end = starts[slot + 1];
    for (let first = starts[slot]; first < end; first += 1) {
      const from = spanEnds[positions[order[first]]];
      let evidence = 0;
      for (let last = first; last < end; last += 1) {
        evidence += weights[order[last]];
        const score = (evidence / ideal) * precision(evidence / (spanEnds[positions[order[last]] + 1] - from));
        if (score > best[slot]) best[slot] = score;
      }
    }
  }
  return best;
}

/** Positions below this have a bit of their own in a document's matched positions; the rest share the last bit. */
export const BIT_POSITIONS = 31;

/** What the scorer's walk kept, per document and per position (candidate-scorer.ts). */
export interface WalkRecord {
  /** spanEnds[p]: the ideal of the positions before p. */
  readonly spanEnds: Float64Array;
  /** Per position: the least a match there is worth. */
  readonly leastWeights: Float64Array;
  readonly firstPositions: Uint16Array;
  readonly lastPositions: Uint16Array;
  /** Per document: its evidence at its first matched position. */
  readonly firstWeights: Float64Array;
  /** Per document: a bit per position it matched (BIT_POSITIONS). */
  readonly matchedBits: Int32Array;
}

/** shorterSpanMayExceed's scratch: a document's matched positions, and the least its matches before each are worth. */
const matchedAt = new Int32Array(BIT_POSITIONS);
const leastBefore = new Float64Array(BIT_POSITIONS + 1);

/**
 * Whether some span shorter than the document's full one might score more than `threshold`
 * (before the length factor), judged from what the walk kept: the positions it matched, its
 * evidence at the first, its total; a match elsewhere is worth at least the least lookup at its
 * position and at most its ideal. Matches from BIT_POSITIONS on are not told apart: then only
 * leaving out the first match or the last is weighed.
 */
export function shorterSpanMayExceed(walk: WalkRecord, doc: number, total: number, ideal: number, threshold: number, precision: (share: number) => number): boolean {
  const { spanEnds, leastWeights, firstPositions, lastPositions, firstWeights } = walk;
  const first = firstPositions[doc];
  const last = lastPositions[doc];
  if (last >= BIT_POSITIONS) return (total - Math.min(firstWeights[doc], leastWeights[last])) / ideal > threshold;
  let count = 0;
  leastBefore[0] = 0;
  for (let bits = walk.matchedBits[doc], position = 0; bits !== 0; bits >>>= 1, position += 1) {
    if ((bits & 1) === 0) continue;
    matchedAt[count] = position;
    leastBefore[count + 1] = leastBefore[count] + (position === first ? firstWeights[doc] : leastWeights[position]);
    count += 1;
  }
  for (let a = 0; a < count; a += 1) {
    let idealInside = 0;
    for (let b = a; b < count; b += 1) {
      idealInside += spanEnds[matchedAt[b] + 1] - spanEnds[matchedAt[b]];
      if (a === 0 && b === count - 1) continue;
      // Outside the span each match is worth at least its least; inside, at most its ideal.
      const evidence = Math.min(total - leastBefore[a] - (leastBefore[count] - leastBefore[b + 1]), idealInside);
      if (evidence / ideal <= threshold) continue;
      if ((evidence / ideal) * precision(evidence / (spanEnds[matchedAt[b] + 1] - spanEnds[matchedAt[a]])) > threshold) return true;
    }
  }
  return false;
}
