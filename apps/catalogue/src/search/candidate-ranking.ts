import type { Candidate, KeepRule } from './candidate-scorer';

/** How the candidates of the best text and of the recogniser's alternatives are ranked. */
export interface RankingRule {
  /** How many candidates to return, best first. */
  readonly limit: number;
  /** Candidates scoring at least this share of the best are the matches, counted in `total`. */
  readonly matchShare: number;
}

/** Candidates of one text below this share of its best are not merged with the other texts'. */
const CANDIDATE_FLOOR = 0.4;
/** Scores from the recogniser's alternatives are slightly discounted against its best guess. */
const ALTERNATIVE_FACTOR = 0.95;
/** At most this many alternatives are scored. */
const MAX_ALTERNATIVES = 5;
/** Relative slack on bars derived by arithmetic, so rounding never drops a candidate that counts. */
const ROUNDING_SLACK = 1e-9;

/**
 * Merges the best text's candidates with its alternatives' (each document by its best score, an
 * alternative's × 0.95, each text's candidates below 0.4 of its own best left out), and returns
 * the matches (at least `matchShare` of the best merged score): the first `limit`, best first,
 * and how many there are.
 *
 * `scoreText` is asked only for candidates that can still count, through its KeepRule: those
 * below `matchShare` × the best of their own text never can (the merged best is at least that
 * best), nor an alternative's that, × 0.95, stay below `matchShare` × the best merged so far. The
 * result is the same as if every candidate had been returned. An alternative that repeats the
 * best text or an earlier alternative (an n-best often does) could only score what its first
 * occurrence scored (× 0.95), so it is not scored again.
 */
export function rankCandidates(
  bestText: string,
  alternatives: readonly string[],
  scoreText: (text: string, keep: KeepRule) => readonly Candidate[],
  rule: RankingRule,
): { top: Candidate[]; total: number } {
  const others = [...new Set(alternatives.slice(0, MAX_ALTERNATIVES))].filter((other) => other !== bestText);
  let candidates = scoreText(bestText, { share: rule.matchShare, atLeast: 0 });
  if (others.length > 0) {
    const merged = new Map<number, number>();
    let mergedBest = 0;
    const keep = (list: readonly Candidate[], factor: number) => {
      const floor = bestScore(list) * CANDIDATE_FLOOR;
      for (const { doc, score } of list) {
        const weighted = score * factor;
        if (score < floor || (merged.get(doc) ?? 0) >= weighted) continue;
        merged.set(doc, weighted);
        if (weighted > mergedBest) mergedBest = weighted;
      }
    };
    keep(candidates, 1);
    for (const other of others) {
      const canCount = ((mergedBest * rule.matchShare) / ALTERNATIVE_FACTOR) * (1 - ROUNDING_SLACK);
      keep(scoreText(other, { share: rule.matchShare, atLeast: canCount }), ALTERNATIVE_FACTOR);
    }
    candidates = [...merged].map(([doc, score]) => ({ doc, score }));
  }
  const best = bestScore(candidates);
  let total = 0;
  const top: Candidate[] = [];
  for (const candidate of candidates) {
    if (candidate.score < best * rule.matchShare) continue;
    total += 1;
    if (rule.limit > 0 && (top.length < rule.limit || isBetter(candidate, top[top.length - 1]))) insertRanked(top, candidate, rule.limit);
  }
  return { top, total };
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
