import type { ProductHit, TranscriptEvent } from '../shared/api-types';
import { phraseRuns } from '../shared/transcript-highlight.logic';

/** Whose words a transcript line is: lines without a speaker are the caller's (before the agent's voice was recognised). */
export function speakerOf(line: Pick<TranscriptEvent, 'speaker'>): 'caller' | 'agent' {
  return line.speaker ?? 'caller';
}

/** The names an agent may say for a product: runs of its catalogue name, and its Chinese name. */
function spokenNames(hit: ProductHit): string[] {
  return [...phraseRuns(hit.name), ...(hit.chineseName ? [hit.chineseName] : [])].map((name) => name.toLowerCase()).filter((name) => name.length >= 3);
}

/**
 * The candidate the agent is naming to the caller now ("being confirmed"): the one whose name
 * the agent's latest line says at the greatest length. Only the agent's words count, and only
 * candidates on screen (which come from the caller's words) can be marked.
 */
export function beingConfirmed(lines: readonly TranscriptEvent[], candidates: readonly ProductHit[]): string | null {
  const agentLines = lines.filter((line) => speakerOf(line) === 'agent');
  const latest = agentLines.reduce<TranscriptEvent | null>((last, line) => (!last || line.startMs >= last.startMs ? line : last), null);
  if (!latest) return null;
  const said = latest.text.toLowerCase();
  let best: { productId: string; length: number } | null = null;
  for (const hit of candidates) {
    const length = Math.max(0, ...spokenNames(hit).filter((name) => said.includes(name)).map((name) => name.length));
    if (length > 0 && (!best || length > best.length)) best = { productId: hit.productId, length };
  }
  return best?.productId ?? null;
}
