import { rankCandidates } from './candidate-ranking';
import type { Candidate, KeepRule } from './candidate-scorer';

const rule = { limit: 5, matchShare: 0.6 };

/** Candidate lists per text, returned whole or filtered by the keep rule as a scorer must. */
function scoring(lists: Readonly<Record<string, readonly Candidate[]>>, honourKeepRule: boolean) {
  const asked: string[] = [];
  const scoreText = (text: string, keep: KeepRule): Candidate[] => {
    asked.push(text);
    const list = lists[text] ?? [];
    if (!honourKeepRule) return [...list];
    const best = Math.max(0, ...list.map((candidate) => candidate.score));
    return list.filter((candidate) => candidate.score >= Math.max(best * keep.share, keep.atLeast));
  };
  return { scoreText, asked };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('rankCandidates', () => {
  it('ranks the same whether the scorer returns every candidate or only those its keep rule asks for', () => {
    const random = seeded(11);
    for (let trial = 0; trial < 500; trial += 1) {
      const texts = ['best', 'second', 'third', 'fourth'];
      const lists: Record<string, Candidate[]> = {};
      for (const text of texts) {
        const peak = random();
        lists[text] = Array.from({ length: Math.floor(random() * 40) }, () => ({ doc: Math.floor(random() * 60), score: peak * random() }))
          // one candidate per document and text, as a scorer returns them
          .filter((candidate, index, all) => all.findIndex((other) => other.doc === candidate.doc) === index);
      }
      const alternatives = texts.slice(1, 1 + Math.floor(random() * 4));
      const trialRule = { limit: [0, 1, 5, 50][Math.floor(random() * 4)], matchShare: [0.3, 0.4, 0.6, 0.85][Math.floor(random() * 4)] };
      const everything = rankCandidates('best', alternatives, scoring(lists, false).scoreText, trialRule);
      const kept = rankCandidates('best', alternatives, scoring(lists, true).scoreText, trialRule);
      expect(kept).toEqual(everything);
    }
  });

  it('scores a repeated alternative once, and an alternative equal to the text not at all', () => {
    const lists = { 'see gate drive': [{ doc: 1, score: 0.9 }, { doc: 2, score: 0.7 }], 'seagate drive': [{ doc: 1, score: 0.95 }, { doc: 3, score: 0.8 }] };
    const { scoreText, asked } = scoring(lists, true);
    const repeated = rankCandidates('see gate drive', ['see gate drive', 'seagate drive', 'seagate drive'], scoreText, rule);
    expect(asked).toEqual(['see gate drive', 'seagate drive']);
    expect(repeated).toEqual(rankCandidates('see gate drive', ['seagate drive'], scoring(lists, true).scoreText, rule));
    expect(rankCandidates('see gate drive', ['see gate drive'], scoring(lists, true).scoreText, rule)).toEqual(rankCandidates('see gate drive', [], scoring(lists, true).scoreText, rule));
  });

  it('merges by the best score, an alternative discounted, and counts the matches within matchShare of the best', () => {
    const lists = {
      text: [{ doc: 1, score: 0.5 }, { doc: 2, score: 0.45 }, { doc: 5, score: 0.1 }],
      alternative: [{ doc: 3, score: 1 }, { doc: 1, score: 0.7 }, { doc: 4, score: 0.3 }],
    };
    const { top, total } = rankCandidates('text', ['alternative'], scoring(lists, false).scoreText, { limit: 2, matchShare: 0.6 });
    expect(top.map((candidate) => candidate.doc)).toEqual([3, 1]);
    expect(top[0].score).toBeCloseTo(0.95, 12);
    expect(top[1].score).toBeCloseTo(0.665, 12);
    // 0.95 best: matches score ≥ 0.57 → documents 3 and 1 (0.665); 2 (0.45) and 4 (0.285) are not.
    expect(total).toBe(2);
  });

  it('looks at no more than five alternatives', () => {
    const { scoreText, asked } = scoring({}, true);
    rankCandidates('a', ['b', 'c', 'd', 'e', 'f', 'g'], scoreText, rule);
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
