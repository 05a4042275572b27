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
  if (/^[a-z0-9]$/.test(token)) return [token];
  if (LETTER_NAMES[token]) return [LETTER_NAMES[token]];
  if (isEnglishNumberWord(token)) return readEnglishNumberRun([token]);
  return undefined;
}

function extend(readings: readonly string[], parts: readonly string[]): string[] {
  return readings.flatMap((reading) => parts.map((part) => reading + part)).slice(0, 16);
}

/** True when a mention reads entirely as an item number and has at least one digit in it. */
export function looksLikeItemNumber(text: string): boolean {
  return readItemNumber(text).some((reading) => /\d/.test(reading));
}
