import { isGrammarWord } from './grammar-words';
import { LETTER_NAMES } from './phonetic-keys';
import { CHINESE_NUMERAL_CHARS, chineseNumeralValue, readEnglishNumberRun } from './spoken-numbers';

/**
 * Reads the quantity a caller puts in front of (or, in Chinese, after) a product: "two bottles of",
 * "a couple of", "a dozen", "两瓶", "三盒", "可乐两瓶". What is left is the product mention.
 */
export interface QuantityReading {
  readonly quantity: number;
  /** The mention with the quantity words removed. */
  readonly rest: string;
}

/** Measure words and containers after an English count ("two bottles of water"). */
const ENGLISH_MEASURES =
  /^(?:more|lots of|bottles?|boxes|box|bags?|packs?|packets?|packages?|cases?|cans?|cartons?|jars?|tubes?|rolls?|pieces?|pcs|units?|sets?|pairs?|tins?|sachets?|dozens?|of those|of these|of them|of)\b\s*(?:of\b\s*)?/;
/** Whether the text starts with a measure ("bag of …", "packs of …"). */
export function startsWithMeasure(text: string): boolean {
  return /^[a-z]/.test(text) && ENGLISH_MEASURES.test(text);
}
const ENGLISH_COUNT_WORDS =
  /^(?:(a couple of|a couple|couple of|a pair of|a dozen|dozen|half a dozen|a half dozen|half dozen|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?: one| two| three| four| five| six| seven| eight| nine)?|thirty|forty|fifty|\d{1,3}))\b\s*/;
const FIXED: Record<string, number> = {
  'a couple of': 2, 'a couple': 2, 'couple of': 2, 'a pair of': 2, 'a dozen': 12, dozen: 12, 'half a dozen': 6, 'a half dozen': 6, 'half dozen': 6, 'a few': 3, a: 1, an: 1,
};
/**
 * The largest bare count ("2 lexmark printers", "it's the three …") taken as a plausible order
 * size when said in digits, or anywhere inside a mention: digits are more often part of a name
 * ("14 flash", "100 e p 2"), and through the recogniser garbled speech is full of number words
 * ("can i get when shouyi the like the forty aa you" read as 40 cut the name from the mention).
 * Said as a word at the start of a mention, any count the reader knows is one ("thirty disney …").
 */
const BARE_COUNT_MAX = 20;
const UNIT_AFTER_NUMBER = /^(?:ml|l|g|kg|mg|oz|lb|lbs|gb|mb|tb|gig|gigs|mah|mm|cm|in|inch|inches|ft|feet|v|w|watt|watts|volt|volts|mp|hz|x|pack|pk|ct|percent|%)\b/;

/**
 * Reads an English count in a mention: at its start, or after words the caller put before it
 * ("put me down for two packs of ...") when it is said unmistakably (a count and a measure, "a
 * couple of", "half a dozen"); the words before it are then not part of the product.
 */
export function findEnglishQuantity(mention: string): QuantityReading {
  const heardAsTo = TO_WITH_MEASURE.exec(mention);
  if (heardAsTo) return { quantity: 2, rest: mention.slice(heardAsTo[0].length) };
  const atStart = readEnglishQuantity(mention);
  if (atStart.rest !== mention) return atStart;
  const words = mention.split(' ');
  for (let at = 1; at < words.length - 1; at += 1) {
    const tail = words.slice(at).join(' ');
    const reading = readEnglishQuantity(tail);
    const said = tail.slice(0, tail.length - reading.rest.length).trim();
    if (reading.rest !== tail && (isUnmistakableCount(said) || isCountAfterGrammarWord(words.slice(0, at), said, reading))) return reading;
  }
  return atStart;
}

/**
 * "i'd like twenty brother printers", "it's the three 32 inch panels": a number said as a word
 * right after a grammar word is a count, not part of a name ("iphone four", "windows seven" have
 * a name word before theirs). Only a bare number ("ten pack" after "been" is a name's end, not a
 * count of nothing), never one (after a grammar word mostly the pronoun: "the one we always get"),
 * never after a subject pronoun ("i eight" is a mishearing, not a count) or in a spelled code.
 */
function isCountAfterGrammarWord(before: readonly string[], said: string, { quantity, rest }: QuantityReading): boolean {
  const earlier = before.at(-2);
  // "it's thirty …": the mention keeps the apostrophe, the grammar words are written without it.
  const grammarWord = (before.at(-1) ?? '').replace(/'/g, '');
  // "gee f are two": a letter name in a spelled code, not the verb.
  const spelled = earlier !== undefined && Object.hasOwn(LETTER_NAMES, earlier) && Object.hasOwn(LETTER_NAMES, grammarWord);
  return quantity >= 2 && quantity <= BARE_COUNT_MAX && isBareNumber(said, rest) && !TIME_AFTER_NUMBER.test(rest) && isGrammarWord(grammarWord) && !SUBJECT_PRONOUNS.has(grammarWord) && !spelled;
}
/** "the last one lasted about two years", "in three weeks": a number before a span of time counts time, not products. */
const TIME_AFTER_NUMBER = /^(?:years?|months?|weeks?|days?|hours?|minutes?|mins?|seconds?|nights?|mornings?|evenings?|times|o'?clock|am|pm|ago|later|earlier|weekends?|decades?)\b/;
const SUBJECT_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'we', 'they', 'it']);
/** A count said as number words alone, with no measure after it ("twenty", not "ten pack"). */
function isBareNumber(said: string, rest: string): boolean {
  return /^[a-z]+(?: [a-z]+)?$/.test(said) && said.split(' ').every((word) => readEnglishNumberRun([word]).length > 0) && !ENGLISH_MEASURES.test(rest);
}
const UNMISTAKABLE = /^(?:a couple|couple of|a pair of|a dozen|half a dozen|a half dozen|half dozen|a few)\b/;
/** "to packs of", "too bottles of": "two" as a recogniser hears it, before a measure and "of". */
const TO_WITH_MEASURE = /^(?:to|too) (?:bottles|boxes|bags|packs|packets|packages|cases|cans|cartons|jars|tubes|rolls|pieces|units|sets|pairs|tins|sachets) of /;

/**
 * A count inside a mention is a quantity only when said as one: "a couple of", a count word with
 * a measure ("two packs"), or any count, a measure and "of" ("3 packs of"). Digits with a measure
 * and no "of" ("sharpie 4 set", "50 pack", "0404 001 can") are part of product names.
 */
function isUnmistakableCount(said: string): boolean {
  if (UNMISTAKABLE.test(said)) return true;
  const [count, ...measure] = said.split(' ');
  if (!ENGLISH_MEASURES.test(measure.join(' '))) return false;
  if (/\bof$/.test(said)) return true;
  // "one can you check": "can" without "of" is the verb.
  return !/^\d/.test(count) && measure[0] !== 'can';
}

/** Reads an English count at the start of a mention; quantity 1 when none is said. */
export function readEnglishQuantity(mention: string): QuantityReading {
  const match = ENGLISH_COUNT_WORDS.exec(mention);
  if (!match) return { quantity: 1, rest: mention };
  const words = match[1];
  const after = mention.slice(match[0].length);
  const value = FIXED[words] ?? Number(readEnglishNumberRun(words.split(' '))[0] ?? NaN);
  // "007", "0404": a leading zero is part of a code, never a count.
  if (!Number.isInteger(value) || value < 1 || /^0\d/.test(words)) return { quantity: 1, rest: mention };
  const measure = ENGLISH_MEASURES.exec(after);
  // "two dozen": the count is of dozens.
  const perMeasure = measure && /^dozens?\b/.test(measure[0]) ? 12 : 1;
  if (measure && measure[0].length > 0) return { quantity: value * perMeasure, rest: after.slice(measure[0].length) || after };
  if (words in FIXED) return { quantity: value, rest: after };
  const next = after.split(' ')[0] ?? '';
  // "number three on my list is …": a number before a grammar word labels or counts something else.
  const bareCount =
    (value <= BARE_COUNT_MAX || !/^\d/.test(words)) && /^[a-z][a-z'-]+$/.test(next) && !UNIT_AFTER_NUMBER.test(next) && readEnglishNumberRun([next]).length === 0 && !isGrammarWord(next.replace(/'/g, ''));
  return bareCount ? { quantity: value, rest: after } : { quantity: 1, rest: mention };
}

const CHINESE_MEASURES = '瓶盒袋包箱个支罐桶斤件双条只台块本套张份听杯把对副片根卷提打粒颗枚筒桶';
const CHINESE_LEADING = new RegExp(`^([${CHINESE_NUMERAL_CHARS}]+|\\d{1,3})([${CHINESE_MEASURES}])`);
const CHINESE_TRAILING = new RegExp(`([${CHINESE_NUMERAL_CHARS}]+|\\d{1,3})([${CHINESE_MEASURES}])$`);
const CHINESE_INSIDE = new RegExp(`([${CHINESE_NUMERAL_CHARS}]+|\\d{1,3})([${CHINESE_MEASURES}])`, 'g');

/**
 * Reads a Chinese numeral with a measure word, before ("两瓶可乐") or after ("可乐两瓶") the product,
 * or after words the caller put first ("麻烦给我来两瓶可乐", "我要订五包薯片"): a numeral and a
 * measure word is a count wherever it stands, and what came before it is then not the product.
 * A pause (a space, from a comma) ends the product: "可乐两瓶 送到家里" is two bottles of cola.
 */
export function readChineseQuantity(mention: string): QuantityReading {
  for (const pattern of [CHINESE_LEADING, CHINESE_TRAILING]) {
    const match = pattern.exec(mention);
    if (!match) continue;
    const value = /^\d+$/.test(match[1]) ? Number(match[1]) : chineseNumeralValue(match[1]);
    const rest = (pattern === CHINESE_LEADING ? mention.slice(match[0].length) : mention.slice(0, match.index)).replace(/^的/, '').trim();
    if (value !== undefined && value >= 1 && rest.length > 0) return { quantity: value, rest };
  }
  for (const match of mention.matchAll(CHINESE_INSIDE)) {
    const value = /^\d+$/.test(match[1]) ? Number(match[1]) : chineseNumeralValue(match[1]);
    if (value === undefined || value < 1) continue;
    const before = mention.slice(0, match.index).trim();
    const after = mention.slice((match.index ?? 0) + match[0].length);
    // Before a pause: the count follows the product ("可乐两瓶，送到家里").
    if (/^\s/.test(after) && before !== '') return { quantity: value, rest: `${before}${after}`.replace(/\s+/g, ' ').trim() };
    const rest = after.replace(/^的/, '').trim();
    if (rest !== '' && !/^\s/.test(after)) return { quantity: value, rest };
  }
  return { quantity: 1, rest: mention };
}
