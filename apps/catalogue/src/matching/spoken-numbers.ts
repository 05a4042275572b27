/**
 * Numbers as callers say them and recognisers write them: English number words ("thirty six",
 * "twenty oh seven", "a dozen") and Chinese numerals ("两", "十二", "二三四五"). Shared by
 * quantity reading, item-number reading and the search keys, so all three agree.
 */

const UNITS: Record<string, number> = {
  zero: 0, oh: 0, o: 0, nought: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** True for a word that is part of a spoken English number. */
export function isEnglishNumberWord(word: string): boolean {
  return word in UNITS || word in TENS || word === 'hundred' || word === 'thousand' || /^\d+$/.test(word);
}

/**
 * Reads a run of English number words as the digits a caller means. Two readings exist and both
 * are returned when they differ: the arithmetic value ("thirty six" → "36", "one hundred" → "100")
 * and the digit-by-digit string callers use for model numbers and years ("twenty oh seven" →
 * "2007", "one one hundred" → "1100", "seven oh five" → "705").
 */
export function readEnglishNumberRun(words: readonly string[]): string[] {
  if (words.length === 0 || !words.every(isEnglishNumberWord)) return [];
  const readings = new Set<string>();
  const digitGroups = spokenDigitGroups(words);
  if (digitGroups !== undefined) readings.add(digitGroups);
  const value = arithmeticValue(words);
  if (value !== undefined) readings.add(String(value));
  return [...readings];
}

/** "twenty oh seven" → "2007": each group (a unit, a tens+unit pair, "N hundred") is written out and concatenated. */
function spokenDigitGroups(words: readonly string[]): string | undefined {
  let out = '';
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i];
    if (/^\d+$/.test(word)) out += word;
    else if (word in TENS) {
      const next = words[i + 1];
      if (next !== undefined && next in UNITS && UNITS[next] > 0 && UNITS[next] < 10) {
        out += String(TENS[word] + UNITS[next]);
        i += 1;
      } else out += String(TENS[word]);
    } else if (word in UNITS) {
      if (words[i + 1] === 'hundred') {
        out += String(UNITS[word] * 100);
        i += 1;
      } else out += String(UNITS[word]);
    } else if (word === 'hundred') out += out === '' ? '100' : '00';
    else if (word === 'thousand') out += out === '' ? '1000' : '000';
    else return undefined;
  }
  return out || undefined;
}

/** "thirty six" → 36, "two hundred and five" without the "and" → 205; undefined when not a plain number. */
function arithmeticValue(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let lastKind: 'unit' | 'tens' | 'scale' | undefined;
  for (const word of words) {
    if (/^\d+$/.test(word)) {
      if (words.length > 1) return undefined;
      return Number(word);
    }
    if (word in UNITS) {
      if (lastKind === 'unit' || (lastKind === 'tens' && UNITS[word] >= 10)) return undefined;
      if (word === 'oh' || word === 'o') return undefined;
      current += UNITS[word];
      lastKind = 'unit';
    } else if (word in TENS) {
      if (lastKind === 'unit' || lastKind === 'tens') return undefined;
      current += TENS[word];
      lastKind = 'tens';
    } else if (word === 'hundred') {
      current = (current || 1) * 100;
      lastKind = 'scale';
    } else if (word === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
      lastKind = 'scale';
    } else return undefined;
  }
  return total + current;
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_SCALES: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Characters that make up a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = `${Object.keys(CHINESE_DIGITS).join('')}${Object.keys(CHINESE_SCALES).join('')}`;

/** The value of a Chinese numeral ("两" → 2, "十二" → 12, "三百零五" → 305); undefined when not one. */
export function chineseNumeralValue(text: string): number | undefined {
  if (text === '' || [...text].some((char) => !(char in CHINESE_DIGITS) && !(char in CHINESE_SCALES))) return undefined;
  if (![...text].some((char) => char in CHINESE_SCALES)) return text.length === 1 ? CHINESE_DIGITS[text] : Number(chineseDigitString(text));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const char of text) {
    if (char in CHINESE_DIGITS) digit = CHINESE_DIGITS[char];
    else if (char === '万') {
      total = (total + section + digit) * 10000;
      section = 0;
      digit = 0;
    } else {
      section += (digit || 1) * CHINESE_SCALES[char];
      digit = 0;
    }
  }
  return total + section + digit;
}

/** Digit-by-digit reading of Chinese digits, as item numbers are read ("二三四五" → "2345"); undefined otherwise. */
export function chineseDigitString(text: string): string | undefined {
  if (text === '' || [...text].some((char) => !(char in CHINESE_DIGITS))) return undefined;
  return [...text].map((char) => String(CHINESE_DIGITS[char])).join('');
}
