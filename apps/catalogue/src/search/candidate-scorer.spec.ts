import { type Candidate, CandidateScorer, type KeepRule, type PositionLookup, type ScoringDocuments } from './candidate-scorer';

/**
 * The scoring rule written the plain way, document by document: per position the best weight of
 * the lookups holding the document (its evidence there); for every span from one matched position
 * to another, the evidence inside it over the ideal × (that evidence over the ideal of the span's
 * positions) ** exponent; the best span's, × length factor; then the keep rule. The scorer must
 * return exactly this.
 */
function referenceScores(byPosition: readonly (readonly PositionLookup[])[], documents: ScoringDocuments, languageCode: number, keep: KeepRule, exponent = 1, among?: readonly number[]): Candidate[] {
  const ideals = byPosition.map((lookups) => Math.max(0, ...lookups.map((lookup) => lookup.weight)));
  const ideal = ideals.reduce((sum, weight) => sum + weight, 0);
  const scored: Candidate[] = [];
  for (let doc = 0; doc < documents.count; doc += 1) {
    const code = documents.searchable[doc];
    if (code === 0 || (languageCode !== 0 && code !== languageCode) || (among !== undefined && !among.includes(doc))) continue;
    const evidence = byPosition.map((lookups) => Math.max(0, ...lookups.filter((lookup) => lookup.docs.includes(doc)).map((lookup) => lookup.weight)));
    const matched = evidence.flatMap((weight, position) => (weight > 0 ? [position] : []));
    if (matched.length === 0) continue;
    let best = 0;
    for (const first of matched) {
      for (const last of matched.filter((position) => position >= first)) {
        const sum = (values: number[]) => values.slice(first, last + 1).reduce((total, weight) => total + weight, 0);
        best = Math.max(best, (sum(evidence) / ideal) * Math.min(1, sum(evidence) / sum(ideals)) ** exponent);
      }
    }
    scored.push({ doc, score: best * documents.lengthFactor[doc] });
  }
  const best = Math.max(0, ...scored.map((candidate) => candidate.score));
  return scored.filter((candidate) => candidate.score >= Math.max(best * keep.share, keep.atLeast));
}

const byDoc = (candidates: readonly Candidate[]) => [...candidates].sort((a, b) => a.doc - b.doc);

function documentsOf(count: number, code: (doc: number) => number = () => 1, keyCount: (doc: number) => number = () => 10): ScoringDocuments {
  const searchable = new Uint8Array(count);
  const lengthFactor = new Float64Array(count);
  for (let doc = 0; doc < count; doc += 1) {
    searchable[doc] = code(doc);
    lengthFactor[doc] = 1 / (1 + 0.004 * keyCount(doc));
  }
  return { searchable, lengthFactor, count };
}

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** A random query over a random index: languages, unsearchable documents, repeated lists, keep rules. */
function randomQuery(random: () => number) {
  const count = 1 + Math.floor(random() * 400);
  const documents = documentsOf(count, () => [0, 1, 1, 2][Math.floor(random() * 4)], () => 1 + Math.floor(random() * 60));
  const lists: number[][] = Array.from({ length: 12 }, () => {
    const share = random() < 0.3 ? 0.6 : 0.03;
    return Array.from({ length: count }, (_, doc) => doc).filter(() => random() < share);
  });
  // Mostly a few positions; sometimes past the ones with a bit of their own (matched-span.ts).
  const positionCount = random() < 0.15 ? 28 + Math.floor(random() * 20) : 1 + Math.floor(random() * 6);
  const byPosition: PositionLookup[][] = Array.from({ length: positionCount }, () =>
    Array.from({ length: Math.floor(random() * 5) }, () => ({ docs: lists[Math.floor(random() * lists.length)], weight: [0.5, 1, 1.7, random() * 3 + 0.01][Math.floor(random() * 4)] })),
  );
  const languageCode = [0, 1, 2][Math.floor(random() * 3)];
  const keep = { share: [0, 0.4, 0.6][Math.floor(random() * 3)], atLeast: random() < 0.3 ? random() * 0.5 : 0 };
  return { count, documents, byPosition, languageCode, keep };
}

/** The same documents as the reference, with the same scores to 12 digits; how many. */
function expectSameScores(actual: readonly Candidate[], expected: readonly Candidate[]): number {
  const [mine, theirs] = [byDoc(actual), byDoc(expected)];
  expect(mine.map(({ doc }) => doc)).toEqual(theirs.map(({ doc }) => doc));
  mine.forEach((candidate, i) => expect(candidate.score).toBeCloseTo(theirs[i].score, 12));
  return theirs.length;
}

describe('CandidateScorer', () => {
  it('scores exactly as the plain per-document rule on random indexes (languages, unsearchable documents, repeated lists, keep rules)', () => {
    const random = seeded(7);
    const scorer = new CandidateScorer(1);
    let compared = 0;
    for (let trial = 0; trial < 300; trial += 1) {
      const { documents, byPosition, languageCode, keep } = randomQuery(random);
      compared += expectSameScores(scorer.score(byPosition, documents, languageCode, keep), referenceScores(byPosition, documents, languageCode, keep));
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('scores the documents asked for exactly as the plain rule restricted to them, whether it walks a list or searches it for them', () => {
    const random = seeded(11);
    const scorer = new CandidateScorer(1);
    let compared = 0;
    for (let trial = 0; trial < 300; trial += 1) {
      const { count, documents, byPosition, languageCode, keep } = randomQuery(random);
      // A few documents (lists are searched for them) or many (lists are walked); each trial's
      // documents differ from the last one's, so any left marked would show.
      const among = Array.from({ length: count }, (_, doc) => doc).filter(() => random() < (random() < 0.5 ? 0.02 : 0.5));
      compared += expectSameScores(scorer.scoreAmong(byPosition, documents, languageCode, keep, among), referenceScores(byPosition, documents, languageCode, keep, 1, among));
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('keeps the product that matches the rare words although a common word matches every product', () => {
    const count = 5000;
    const documents = documentsOf(count);
    const everyProduct = Array.from({ length: count }, (_, doc) => doc);
    const byPosition: PositionLookup[][] = [
      [{ docs: everyProduct, weight: 1.2 }],
      [{ docs: [42, 4000], weight: 3.1 }],
      [{ docs: [42], weight: 3.4 }, { docs: everyProduct.filter((doc) => doc % 3 === 0), weight: 0.4 }],
    ];
    const scorer = new CandidateScorer(1);
    const matches = scorer.score(byPosition, documents, 0, { share: 0.6, atLeast: 0 });
    expect(matches.map((candidate) => candidate.doc)).toEqual([42]);
    expect(matches[0].score).toBeCloseTo(1 / 1.04, 12);
    // Asked for everything, every product is a candidate: the common word was not skipped.
    expect(scorer.score(byPosition, documents, 0, { share: 0, atLeast: 0 })).toHaveLength(count);
  });

  it('leaves out candidates below an absolute bar, the best included', () => {
    const documents = documentsOf(3);
    const byPosition: PositionLookup[][] = [[{ docs: [0, 1], weight: 2 }], [{ docs: [0], weight: 1 }, { docs: [2], weight: 0.5 }]];
    const scorer = new CandidateScorer(1);
    const all = scorer.score(byPosition, documents, 0, { share: 0, atLeast: 0 });
    expect(byDoc(all).map((candidate) => candidate.doc)).toEqual([0, 1, 2]);
    const best = Math.max(...all.map((candidate) => candidate.score));
    expect(scorer.score(byPosition, documents, 0, { share: 0, atLeast: best * 1.01 })).toEqual([]);
  });

  it('scores the same after many queries, when the position stamps start again from zero', () => {
    const documents = documentsOf(50, (doc) => (doc % 5 === 0 ? 0 : 1));
    const byPosition: PositionLookup[][] = [[{ docs: [1, 2, 3, 10], weight: 1 }], [{ docs: [2, 3], weight: 2 }, { docs: [3, 4], weight: 1 }], []];
    const keep = { share: 0, atLeast: 0 };
    const scorer = new CandidateScorer(1);
    const first = byDoc(scorer.score(byPosition, documents, 0, keep));
    (scorer as unknown as { stamp: number }).stamp = 2 ** 31 - 3;
    for (let round = 0; round < 3; round += 1) expect(byDoc(scorer.score(byPosition, documents, 0, keep))).toEqual(first);
    expect(first).toEqual(byDoc(referenceScores(byPosition, documents, 0, keep)));
  });

  it('does not hold words outside the span a product matched against it, but holds the gaps inside it', () => {
    const documents = documentsOf(3);
    // Positions: a lead-in word (matches doc 2 only), two product words, a question word.
    const byPosition: PositionLookup[][] = [[{ docs: [2], weight: 2 }], [{ docs: [0, 2], weight: 3 }], [{ docs: [0], weight: 3 }], [{ docs: [1], weight: 1 }]];
    const scorer = new CandidateScorer(1);
    const ranked = [...scorer.score(byPosition, documents, 0, { share: 0, atLeast: 0 })].sort((a, b) => b.score - a.score);
    expect(ranked.map((candidate) => candidate.doc)).toEqual([0, 2, 1]);
    expect(ranked[0].score).toBeCloseTo((6 / 9) / 1.04, 12);
  });

  it('leaves a weak match in a lead-in out of the span when it costs more precision than it adds', () => {
    const documents = documentsOf(2);
    // Positions: a lead-in word doc 0 matches weakly, three unmatched lead-in words, two product words.
    const byPosition: PositionLookup[][] = [[{ docs: [0], weight: 0.3 }, { docs: [1], weight: 0.1 }], [{ docs: [], weight: 2 }], [{ docs: [], weight: 2 }], [{ docs: [], weight: 2 }], [{ docs: [0, 1], weight: 3 }], [{ docs: [0], weight: 4 }]];
    const scorer = new CandidateScorer(1);
    const ranked = [...scorer.score(byPosition, documents, 0, { share: 0, atLeast: 0 })].sort((a, b) => b.score - a.score);
    expect(ranked.map((candidate) => candidate.doc)).toEqual([0, 1]);
    // Doc 0's best span is its two product words: 7 of the ideal 13.3, at full precision.
    expect(ranked[0].score).toBeCloseTo((7 / 13.3) / 1.04, 12);
    // Counted from its lead-in match, its span would score (7.3 / 13.3) × (7.3 / 13.3) only.
    expect(ranked[0].score).toBeGreaterThan(((7.3 / 13.3) * (7.3 / 13.3)) / 1.04);
  });

  it('grows with the index between queries', () => {
    const scorer = new CandidateScorer(1);
    const keep = { share: 0, atLeast: 0 };
    expect(scorer.score([[{ docs: [1], weight: 1 }]], documentsOf(2), 0, keep).map((candidate) => candidate.doc)).toEqual([1]);
    const large = documentsOf(5000);
    expect(scorer.score([[{ docs: [1, 4999], weight: 1 }]], large, 0, keep).map((candidate) => candidate.doc)).toEqual([1, 4999]);
  });
});
