/**
 * Google's limits on phrase hints (speech adaptation) for one request: a request over any of
 * them is refused with INVALID_ARGUMENT, which would end every call at its first write.
 */
export const PHRASE_HINT_LIMITS = { maxPhrases: 5000, maxPhraseChars: 100, maxTotalChars: 100_000 } as const;

/** The speech contexts sent in a stream's config, and what had to be left out to fit the limits. */
export interface PhraseHints {
  readonly speechContexts: { phrases: string[] }[];
  /** Phrases cut to the per-phrase limit (at a word boundary). */
  readonly trimmed: number;
  /** Phrases left out because the phrase or character budget was spent (the catalogue's order decides). */
  readonly dropped: number;
}

/**
 * Turns the catalogue vocabulary into phrase hints within Google's limits: whitespace collapsed,
 * over-long phrases cut at the last word boundary that fits (a single over-long word is dropped), duplicates (ignoring case) removed,
 * then phrases taken in the catalogue's order until either budget is spent.
 */
export function toPhraseHints(phrases: readonly string[], limits = PHRASE_HINT_LIMITS): PhraseHints {
  const seen = new Set<string>();
  const kept: string[] = [];
  let trimmed = 0;
  let dropped = 0;
  let totalChars = 0;
  for (const raw of phrases) {
    let phrase = raw.replace(/\s+/g, ' ').trim();
    if (phrase.length > limits.maxPhraseChars) {
      phrase = cutAtWord(phrase, limits.maxPhraseChars);
      if (phrase) trimmed += 1;
      else dropped += 1;
    }
    if (!phrase) continue;
    const key = phrase.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (kept.length >= limits.maxPhrases || totalChars + phrase.length > limits.maxTotalChars) {
      dropped += 1;
      continue;
    }
    kept.push(phrase);
    totalChars += phrase.length;
  }
  return { speechContexts: kept.length > 0 ? [{ phrases: kept }] : [], trimmed, dropped };
}

function cutAtWord(phrase: string, maxChars: number): string {
  const head = phrase.slice(0, maxChars + 1);
  const space = head.lastIndexOf(' ');
  // A single word longer than the limit has no boundary to cut at: half a word is no hint.
  return space > 0 ? head.slice(0, space).trim() : '';
}
