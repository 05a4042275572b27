/**
 * Digit homophones the recogniser writes in an item number read out: pocketsphinx, biased to the
 * catalogue, hears "one" as "want" (a brand and a carrier word), "zero" as "air oh", "four" as
 * "for" (bench:speech --phrasings item-numbers, decision 0048). After "item number" (or "number
 * is") they are read as the digits they sound like, before the matcher's item-number reader sees
 * the text; elsewhere the words stay as they are ("I want", "for me").
 */
const HOMOPHONES: Readonly<Record<string, string>> = {
  want: 'one', won: 'one', wan: 'one', to: 'two', too: 'two', for: 'four', fore: 'four', ate: 'eight', tree: 'three', free: 'three', sex: 'six', nein: 'nine',
};
const LEAD = /\b(?:item number|number is|item)\b(?:\s+is)?/;

export function withItemNumberDigits(text: string): string {
  const lower = text.toLowerCase();
  const lead = LEAD.exec(lower);
  if (!lead) return text;
  const tail = lower
    .slice(lead.index + lead[0].length)
    .replace(/\bair oh\b/g, 'zero')
    .split(/(\s+)/)
    .map((word) => HOMOPHONES[word] ?? word)
    .join('');
  return lower.slice(0, lead.index + lead[0].length) + tail;
}
