import { LETTER_NAMES } from './phonetic-keys';
import { chineseDigitString, isEnglishNumberWord, readEnglishNumberRun } from './spoken-numbers';

/**
 * Reads an item number as a caller gives it: keypad digits ("1100#"), letters and digits read
 * aloud ("d c s one one hundred" → dcs1100, "m seven oh five" → m705, "double five" → 55), or
 * Chinese digits ("二三四五" → 2345, "幺" for one). The result is compared exactly with the
 * catalogue's item numbers normalised the same way (lower-case, separators removed): no typo
 * tolerance, since a near miss is another product.
 */

/** Every way the input can be read as a normalised item number, most likely first; empty when it is not one. */
export function readItemNumber(input: string): string[] {
  const text = String(input ?? '').slice(0, 200).normalize('NFKC').toLowerCase().trim();
  if (text === '') return [];
  if (/^[\d#*\s-]+$/.test(text)) {
    const digits = text.replace(/[^\d]/g, '');
    return digits ? [digits] : [];
  }
  const tokens = text
    .replace(/\b(?:item|number|sku|product|code|model|is|it's|its|the|um+|uh+|please)\b/g, ' ')
    .replace(/(?:编号|货号|型号|是|号码)/g, ' ')
    .match(/\p{Script=Han}+|[a-z0-9]+/gu);
  if (!tokens) return [];
  /** Written letter groups ("DCS 1100") count only beside digits, so ordinary words never read as an item number. */
  const hasDigit = tokens.some((token) => /\d/.test(token) || chineseDigitString(token) !== undefined);
  let readings = [''];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const chinese = chineseDigitString(token);
    if (chinese !== undefined) {
      readings = extend(readings, [chinese]);
      i += 1;
      continue;
    }
    if ((token === 'double' || token === 'triple') && tokens[i + 1] !== undefined) {
      const unit = singleForms(tokens[i + 1]);
      if (!unit) return [];
      readings = extend(readings, unit.map((form) => form.repeat(token === 'double' ? 2 : 3)));
      i += 2;
      continue;
    }
    if (isEnglishNumberWord(token) && !/^\d+$/.test(token)) {
      let end = i;
      while (end < tokens.length && isEnglishNumberWord(tokens[end]) && !/^\d+$/.test(tokens[end])) end += 1;
      const run = readEnglishNumberRun(tokens.slice(i, end));
      if (run.length === 0) return [];
      const withLetterO = (tokens[i] === 'oh' || tokens[i] === 'o') && end === i + 1 ? [...run, 'o'] : run;
      readings = extend(readings, withLetterO);
      i = end;
      continue;
    }
    if (/^[a-z0-9]+$/.test(token) && (token.length === 1 || /\d/.test(token) || (token.length <= 4 && hasDigit && !LETTER_NAMES[token]))) {
      readings = extend(readings, [token]);
      i += 1;
      continue;
    }
    const letter = LETTER_NAMES[token];
    if (letter) {
      readings = extend(readings, [letter]);
      i += 1;
      continue;
    }
    return [];
  }
  return readings.filter((reading) => reading.length > 0);
}

function singleForms(token: string): string[] | undefined {
  // "double oh": zeros or the letters; only an exact item number decides.
  if (token === 'oh' || token === 'o') return ['0', 'o'];
  if (/^[a-z0-9]$/.test(token)) return [token];
  if (LETTER_NAMES[token]) return [LETTER_NAMES[token]];
  if (isEnglishNumberWord(token)) return readEnglishNumberRun([token]);
  return undefined;
}

function extend(readings: readonly string[], parts: readonly string[]): string[] {
  return readings.flatMap((reading) => parts.map((part) => reading + part)).slice(0, 16);
}

/** Number words a recogniser writes as their homophones; read as digits only inside an item-number run. */
/**
 * Words a recogniser writes for digits: "want"/"wan" for one (pocketsphinx biased to a catalogue
 * with a "Want Want" brand and "I want" carriers), "free" for three; "air oh" for zero is joined
 * to "oh" before the words are read (decision 0048).
 */
const DIGIT_HOMOPHONES: Readonly<Record<string, string>> = {
  won: 'one', want: 'one', wan: 'one', to: 'two', too: 'two', for: 'four', fore: 'four', ate: 'eight', tree: 'three', free: 'three', sex: 'six', nein: 'nine',
};
/** Tokens an item number read aloud is made of ("double", letters, letter names, digits, number words). */
function isItemNumberToken(token: string): boolean {
  return token === 'double' || token === 'triple' || token === 'you' || isEnglishNumberWord(token) || LETTER_NAMES[token] !== undefined || /^[a-z]?\d[a-z\d]*$|^[a-z]$/.test(token) || token in DIGIT_HOMOPHONES;
}
/** How many tokens of a span are digits said or written: at least this many before homophones count. */
const MIN_DIGIT_TOKENS = 2;
/** Words that announce an item number; a span within CUE_REACH words after one may be an item number. */
const ITEM_NUMBER_CUES = new Set(['item', 'number', 'sku', 'code', 'model', 'reference', 'part', 'catalogue', 'catalog', 'product', 'ref']);
const CUE_REACH = 4;
/** Without a cue, the span must be nearly the whole utterance: at most this many other words. */
const UNCUED_OTHER_WORDS = 1;

/**
 * The item numbers a whole utterance may contain, longest span first: every stretch of words
 * that can be read aloud item-number characters ("the sku is one eight to three for" →
 * "one eight to three for" → 18234), homophones ("won", "ate", "to", "for") read as digits and
 * "double you" as w. Only exact catalogue item numbers are ever accepted (the caller checks), and
 * a span needs two digits said besides homophones, and a cue before it ("item", "code", "model")
 * or to be nearly all that was said: digits inside a product's spoken model name ("teac ad eight
 * oh zero") are not an item number.
 */
export function itemNumberSpans(input: string): string[] {
  const words = String(input ?? '').slice(0, 400).toLowerCase().replace(/double you\b/g, 'w').replace(/\bair oh\b/g, 'oh').match(/[a-z0-9]+/g) ?? [];
  const readings: string[] = [];
  for (let start = 0; start < words.length; start += 1) {
    if (!isItemNumberToken(words[start])) continue;
    let end = start;
    while (end < words.length && isItemNumberToken(words[end])) end += 1;
    const cued = words.slice(Math.max(0, start - CUE_REACH), start).some((word) => ITEM_NUMBER_CUES.has(word));
    for (let to = end; to > start; to -= 1) {
      const wholeUtterance = words.length - (to - start) <= UNCUED_OTHER_WORDS;
      const span = words.slice(start, to);
      const digits = span.filter((word) => /\d/.test(word) || (isEnglishNumberWord(word) && word !== 'o' && word !== 'oh')).length;
      // Said as nearly all of the utterance, "oh" and homophones count as digits too ("one oh oh ate p").
      const saidDigits = wholeUtterance ? span.filter((word) => /\d/.test(word) || isEnglishNumberWord(word) || word in DIGIT_HOMOPHONES).length : digits;
      if (saidDigits < MIN_DIGIT_TOKENS && !span.some((word) => /^[a-z]*\d[a-z\d]*$/.test(word) && word.length >= 4)) continue;
      const spoken = span.map((word) => DIGIT_HOMOPHONES[word] ?? word).join(' ');
      for (const reading of readItemNumber(spoken)) {
        if (!/\d/.test(reading) || reading.length < 3 || readings.includes(reading)) continue;
        if (cued || wholeUtterance || (span.length >= UNCUED_MIN_WORDS && isLongEnoughUncued(reading))) readings.push(reading);
      }
    }
  }
  return readings.slice(0, 64);
}

/**
 * Without a cue word, a reading is taken only when long enough that an exact hit on some other
 * product by chance is unlikely: a caller's lead-in ("it says", "the number on the box is")
 * needs no list then, and a model number inside a product's name ("canon pg 210") stays text.
 * It must also be read aloud (several words): a model number written as one token ("c5011d")
 * is part of the product's name, and may be another product's item number.
 */
function isLongEnoughUncued(reading: string): boolean {
  return reading.length >= UNCUED_MIN_LENGTH && (reading.match(/\d/g)?.length ?? 0) >= UNCUED_MIN_DIGITS;
}
const UNCUED_MIN_LENGTH = 6;
const UNCUED_MIN_DIGITS = 4;
const UNCUED_MIN_WORDS = 4;

/** True when a mention reads entirely as an item number and has at least one digit in it. */
export function looksLikeItemNumber(text: string): boolean {
  return readItemNumber(text).some((reading) => /\d/.test(reading));
}
