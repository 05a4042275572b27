import { createRequire } from 'node:module';
import type { doubleMetaphone as DoubleMetaphone } from 'double-metaphone' with { 'resolution-mode': 'import' };

/** double-metaphone is ESM-only; Node ≥ 20.19 loads it with require (jest transforms it). */
const { doubleMetaphone } = createRequire(__filename)('double-metaphone') as { doubleMetaphone: typeof DoubleMetaphone };

/**
 * Search keys for Latin-script words that survive recognition errors: the word itself (lightly
 * stemmed), its Double Metaphone codes, and the same for adjacent words joined ("see gate" ↔
 * "seagate", "lap top" ↔ "laptop"). The index and the query both build their keys here, so a
 * product and a caller's words meet on the same keys.
 */

/** Unit words callers say in full and catalogues abbreviate (and the reverse): one spelling for both. */
const UNIT_SYNONYMS: Record<string, string> = {
  gig: 'gb', gigs: 'gb', gigabyte: 'gb', gigabytes: 'gb', meg: 'mb', megs: 'mb', megabyte: 'mb', megabytes: 'mb',
  terabyte: 'tb', terabytes: 'tb', tera: 'tb', kilobyte: 'kb', kilobytes: 'kb',
  milliliter: 'ml', milliliters: 'ml', millilitre: 'ml', millilitres: 'ml', mls: 'ml', liter: 'l', liters: 'l', litre: 'l', litres: 'l',
  gram: 'g', grams: 'g', kilogram: 'kg', kilograms: 'kg', kilo: 'kg', kilos: 'kg', kgs: 'kg', milligram: 'mg', milligrams: 'mg',
  ounce: 'oz', ounces: 'oz', pound: 'lb', pounds: 'lb', lbs: 'lb', inch: 'in', inches: 'in', foot: 'ft', feet: 'ft',
  millimeter: 'mm', millimeters: 'mm', millimetre: 'mm', centimeter: 'cm', centimeters: 'cm', meter: 'm', meters: 'm', metre: 'm',
  watt: 'w', watts: 'w', volt: 'v', volts: 'v', megapixel: 'mp', megapixels: 'mp', hertz: 'hz', megahertz: 'mhz', gigahertz: 'ghz',
  milliamp: 'mah', milliamps: 'mah', pack: 'pk', packs: 'pk', count: 'ct',
};

/** Letter names as recognisers write a spelled-out letter ("see" for C, "you" for U). */
export const LETTER_NAMES: Record<string, string> = {
  a: 'a', ay: 'a', b: 'b', bee: 'b', be: 'b', c: 'c', see: 'c', sea: 'c', cee: 'c', d: 'd', dee: 'd', e: 'e', ee: 'e',
  f: 'f', ef: 'f', eff: 'f', g: 'g', gee: 'g', h: 'h', aitch: 'h', i: 'i', eye: 'i', j: 'j', jay: 'j', k: 'k', kay: 'k',
  l: 'l', el: 'l', ell: 'l', m: 'm', em: 'm', n: 'n', en: 'n', o: 'o', oh: 'o', p: 'p', pee: 'p', pea: 'p', q: 'q', queue: 'q', cue: 'q',
  r: 'r', are: 'r', ar: 'r', s: 's', es: 's', ess: 's', t: 't', tee: 't', tea: 't', u: 'u', you: 'u', v: 'v', vee: 'v',
  w: 'w', x: 'x', ex: 'x', y: 'y', why: 'y', wye: 'y', z: 'z', zee: 'z', zed: 'z',
};

const HAN = /\p{Script=Han}/u;

/** Lower-cases and splits text into Latin/digit words and Han runs; everything else separates. */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/\p{Script=Han}+|[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  ).map((token) => token.replace(/'/g, ''));
}

/** True when a token is Han script (handled by the pinyin keys instead). */
export function isHanToken(token: string): boolean {
  return HAN.test(token);
}

/** The normalised spelling of a word: unit synonyms folded, a plural "s" dropped. */
export function wordForm(word: string): string {
  const unit = UNIT_SYNONYMS[word];
  if (unit) return unit;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !/\d/.test(word)) return word.slice(0, -1);
  return word;
}

/** The two Double Metaphone codes of a word (one when they agree); none for digits-only or very short words. */
export function metaphoneCodes(word: string): string[] {
  if (word.length < 2 || /\d/.test(word)) return [];
  const cached = codeCache.get(word);
  if (cached) return cached;
  const codes = computeMetaphoneCodes(word);
  if (codeCache.size >= CODE_CACHE_MAX) codeCache.clear();
  codeCache.set(word, codes);
  return codes;
}

/** Words repeat across a catalogue (brands, product types): their codes are computed once. */
const codeCache = new Map<string, string[]>();
const CODE_CACHE_MAX = 200_000;

function computeMetaphoneCodes(word: string): string[] {
  const [primary, secondary] = doubleMetaphone(word);
  const codes = new Set<string>();
  if (primary.length >= 2) codes.add(primary);
  if (secondary.length >= 2) codes.add(secondary);
  return [...codes];
}

/**
 * A looser code: the primary Double Metaphone code without R. Unstressed "-er"/"-or" endings are
 * the sound recognisers most often split off as a word of their own ("print awe", "route are",
 * "scan a"), and non-rhotic speakers drop the R anyway; without R both spellings meet.
 */
export function looseCode(word: string): string | undefined {
  const [primary] = metaphoneCodes(word);
  const loose = primary?.replace(/R/g, '');
  return loose && loose.length >= 2 ? loose : undefined;
}

/** An alphanumeric model word split into its letter and digit runs ("vs221dp" → vs, 221, dp). */
export function alnumParts(word: string): string[] {
  if (!/\d/.test(word) || !/[a-z]/.test(word)) return [];
  return word.match(/[a-z]+|\d+/g) ?? [];
}
