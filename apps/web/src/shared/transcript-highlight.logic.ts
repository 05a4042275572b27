/** A run of transcript text, marked when it is a recognised product name (or mention). */
export interface HighlightSegment {
  text: string;
  highlighted: boolean;
}

/**
 * Splits a transcript line into plain and highlighted runs: every case-insensitive occurrence of
 * any of `terms` (recognised mentions and product names) is highlighted, longest term first so
 * "nivea hand cream" wins over "nivea". The output is text only: the view renders each run as a
 * text node, so a product named `<img src=x onerror=alert(1)>` shows literally.
 */
export function highlightSegments(text: string, terms: readonly string[]): HighlightSegment[] {
  const usable = [...new Set(terms.map((term) => term.trim()).filter((term) => term.length >= 2))].sort((a, b) => b.length - a.length);
  if (!text) return [];
  if (usable.length === 0) return [{ text, highlighted: false }];
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const term of usable) {
    const needle = term.toLowerCase();
    let from = 0;
    for (let at = lower.indexOf(needle, from); at >= 0; at = lower.indexOf(needle, from)) {
      const free = marks.slice(at, at + needle.length).every((marked) => !marked);
      if (free) marks.fill(true, at, at + needle.length);
      from = at + needle.length;
    }
  }
  const segments: HighlightSegment[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const last = segments[segments.length - 1];
    if (last && last.highlighted === marks[i]) last.text += text[i];
    else segments.push({ text: text[i] ?? '', highlighted: marks[i] ?? false });
  }
  return segments;
}

/**
 * A recognised phrase and its runs of two or more consecutive words, longest first: a mention
 * read from an interim guess ("nivea creme the") still marks the words the final transcript
 * kept ("the nivea creme please"). Single words are never added, so "the" is not marked alone;
 * phrases without spaces (Chinese) stay as they are.
 */
export function phraseRuns(term: string): string[] {
  const words = term.trim().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length < 3) return [term];
  const runs: string[] = [];
  for (let length = words.length; length >= 2; length -= 1) {
    for (let start = 0; start + length <= words.length; start += 1) runs.push(words.slice(start, start + length).join(' '));
  }
  return runs;
}
