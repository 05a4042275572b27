import { isGrammarWord } from './grammar-words';
import { tokenize } from './phonetic-keys';
import { findEnglishQuantity, readChineseQuantity, startsWithMeasure } from './quantity.reader';
import { CHINESE_NUMERAL_CHARS } from './spoken-numbers';

/**
 * Finds the product mentions in what a caller said: drops greetings, fillers and carrier phrases
 * ("do you have", "I'd like", "我要", "有没有", "麻烦帮我找一下"), reads the quantity, and splits
 * an utterance naming several products ("two pepsi and a bag of chips", "两瓶可乐还有三盒牛奶").
 * The lists are generic phone-ordering language, not tuned to any query set.
 */
export interface ExtractedMention {
  /** The words taken to name the product. */
  readonly text: string;
  readonly quantity: number;
  /**
   * The mention with the last carrier word put back ("the to sheba" → "to sheba", not "sheba"):
   * recognisers split product names into words that look like carrier words, so the matcher
   * also tries this reading as an alternative.
   */
  readonly widerText?: string;
}

const HAN = /\p{Script=Han}/u;

/** Words that carry no product meaning wherever they stand. */
const ENGLISH_FILLERS = /\b(?:um+|uh+|uhm+|er+|erm+|ah+|hmm+|m{3,}|please|kindly)\b/g;
/** Greetings and discourse openers, only at the very start. */
const ENGLISH_OPENERS = new Set(['hi', 'hello', 'hey', 'yes', 'yeah', 'yep', 'ok', 'okay', 'so', 'well', 'oh', 'right', 'good', 'morning', 'afternoon', 'evening', 'there', 'and', 'also', 'then', 'now']);
/**
 * Words of carrier phrases ("can you check if you have", "I'm looking for", "I wanted to order
 * one of those"), stripped as a run at the start of a mention. Robust to a dropped word, as
 * recognisers drop them ("do guys carry", "i to get").
 */
const ENGLISH_CARRIER_WORDS = new Set([
  'i', 'im', "i'm", 'id', "i'd", 'ill', "i'll", 'we', 'were', "we're", 'we’d', 'you', 'ya', 'guys', 'do', 'does', 'did', 'have', 'has', 'got', 'carry', 'sell',
  'stock', 'need', 'needed', 'want', 'wanted', 'wanna', 'gonna', 'would', 'like', 'love', 'looking', 'look', 'for', 'to', 'get', 'buy', 'order', 'ordering',
  'purchase', 'can', 'could', 'may', 'might', 'check', 'if', 'whether', 'calling', 'call', 'about', 'me', 'us', 'give', 'let', 'any', 'is', 'there',
  'some', 'the', 'a', 'an', 'of', 'those', 'these', 'that', 'this', 'your', 'find', 'search', 'show', 'just', 'also', 'still', 'take', 'trying',
  'am', 'be', 'item', 'number', 'product', 'sku', 'code', 'please', 'um', 'uh', 'again', 'one', 'kind', 'sort', 'some', 'more', 'another', 'pick', 'up',
]);
/** Carrier words that are never part of a product name, so never put back (see `widerText`). */
const DETERMINERS = new Set(['the', 'a', 'an', 'some', 'those', 'these', 'this', 'that', 'of', 'one', 'any', 'i', 'you', 'me', 'is', 'do', 'have', 'please']);
/** Only short carrier words ("to", "so", "for") are put back: long ones ("looking") are rarely a split syllable. */
const WIDEN_MAX_LENGTH = 3;
/** Words that are carrier words but also start a quantity: kept for the quantity reader when a count follows. */
const COUNT_STARTERS = new Set(['a', 'an', 'one', 'some', 'another']);
const ENGLISH_TRAILERS =
  /(?:(?:^|\s+)(?:in stock|(?:if|when) (?:you )?(?:guys )?(?:have|has|got|carry|sell)(?: (?:it|any|one|them|some|that|those))?|do you have (?:it|any|them|one)|(?:have|got) (?:it|any)|(?:is|are) (?:it|they|that) (?:available|in stock)|available|right now|today|thanks|thank you|thank|cheers|please|ok|okay|then|for me|as well|too)\b)+\s*$/;
/**
 * An "and" that starts a new product, not one inside a name ("lamp and appliance timer"): only a
 * count after it does. "…my name is john and i'd like X" is one mention whose product the span
 * evidence finds; splitting before "i"/"can" made the small talk a mention of its own.
 */
const ENGLISH_SPLIT = /(\s+(?:and|also|plus|then|and also|and then|as well as)\s+)(?=(?:a couple|a dozen|a|an|another|some|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|\d+)\b)/;

const CHINESE_OPENERS = ['你好', '您好', '喂', '嗯', '呃', '啊', '哦', '那个', '这个', '就是', '请问', '麻烦你', '麻烦', '帮我', '帮忙', '给我', '我想要', '我想买', '我想订', '我想找', '我想', '我要买', '我要', '我找', '我买', '想要', '要买', '找一下', '找找', '查一下', '查查', '看一下', '看看', '有没有', '请问有', '还有没有', '来', '要', '买', '一下', '你们', '这里', '店里'];
const CHINESE_TRAILERS = ['有货吗', '有没有货', '还有吗', '有吗', '吗', '呢', '吧', '啊', '呀', '谢谢你', '谢谢', '好吗', '可以吗', '没有', '一下'];
const CHINESE_SPLIT = new RegExp(`还有|另外|再来|以及|(?:和|跟)(?=[${CHINESE_NUMERAL_CHARS}\\d]+[瓶盒袋包箱个支罐桶斤件双条只台块本套张份听杯])`);

/**
 * Whether the carrier/filler lists above are used. `false` empties them (match-eval's
 * `--no-lists`): the matcher must then find the product by catalogue evidence alone, which shows
 * how much its accuracy depends on knowing the caller's phrases.
 */
export interface MentionExtractionOptions {
  readonly carrierLists: boolean;
}

const NO_LISTS = {
  englishFillers: /(?!)/g,
  englishOpeners: new Set<string>(),
  englishCarrierWords: new Set<string>(),
  englishTrailers: /(?!)/,
  chineseOpeners: [] as string[],
  chineseTrailers: [] as string[],
};
const WITH_LISTS: typeof NO_LISTS = {
  englishFillers: ENGLISH_FILLERS,
  englishOpeners: ENGLISH_OPENERS,
  englishCarrierWords: ENGLISH_CARRIER_WORDS,
  englishTrailers: ENGLISH_TRAILERS,
  chineseOpeners: CHINESE_OPENERS,
  chineseTrailers: CHINESE_TRAILERS,
};
type Lists = typeof NO_LISTS;

/** The product mentions of an utterance, in the order said; empty when it names none. */
export function extractMentions(text: string, language?: 'en' | 'zh', options: MentionExtractionOptions = { carrierLists: true }): ExtractedMention[] {
  const clean = sanitise(text);
  if (clean === '') return [];
  const lists = options.carrierLists ? WITH_LISTS : NO_LISTS;
  const chinese = language === 'zh' || (language === undefined && HAN.test(clean));
  const pieces = chinese ? splitChinese(clean) : splitEnglish(clean);
  return pieces
    .map((piece) => (HAN.test(piece) ? chineseMention(piece, lists) : englishMention(piece, lists)))
    .filter((mention): mention is ExtractedMention => mention !== undefined && namesSomething(mention.text));
}

/**
 * Grammar words alone name no product ("and" before "also a bag of …" split off, "two of those"):
 * such a piece is not a mention, with the carrier lists or without them (grammar-words.ts).
 */
function namesSomething(text: string): boolean {
  return tokenize(text).some((token) => !isGrammarWord(token));
}

/** Control characters and oversized input never reach the index. */
function sanitise(text: string): string {
  return String(text ?? '')
    .slice(0, 2000)
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Sentences are not products: a recogniser's punctuation ("is this the shop? i want ...") would
 * cut a product from its words, so only a new count ("and two ...") starts a new mention.
 */
function splitEnglish(text: string): string[] {
  // The split keeps the words it split at (the odd indexes): a piece may be put back with them.
  const parts = text
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/(?<!\b\p{L})[.?!;]+(?:\s+|$)/gu, ' ')
    .split(ENGLISH_SPLIT);
  const pieces = [parts[0]];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const [separator, piece] = [parts[i], parts[i + 1]];
    // A piece that names nothing but a count and a measure ("smead now then 4 box") is the end
    // of the one before, not a product of its own.
    if (namesNothingButACount(piece)) pieces[pieces.length - 1] += separator + piece;
    else pieces.push(piece);
  }
  return pieces.map((piece) => piece.trim()).filter(Boolean);
}

function namesNothingButACount(piece: string): boolean {
  const { rest } = findEnglishQuantity(piece.trim());
  return tokenize(rest).every((token) => isGrammarWord(token) || startsWithMeasure(token));
}

function englishMention(piece: string, lists: Lists): ExtractedMention | undefined {
  let text = piece.replace(lists.englishFillers, ' ').replace(/[",]/g, ' ').replace(/\s+/g, ' ').trim();
  text = text.replace(lists.englishTrailers, '').trim();
  const words = text.split(' ').filter(Boolean);
  let start = 0;
  while (start < words.length && lists.englishOpeners.has(words[start])) start += 1;
  while (start < words.length && lists.englishCarrierWords.has(words[start])) {
    if (COUNT_STARTERS.has(words[start]) && isCountAhead(words, start)) break;
    start += 1;
  }
  const { quantity, rest } = findEnglishQuantity(words.slice(start).join(' '));
  const mention = stripLeadingArticles(rest);
  if (mention === '') return undefined;
  const dropped = words[start - 1];
  const widen = quantity === 1 && rest === words.slice(start).join(' ') && dropped !== undefined && dropped.length <= WIDEN_MAX_LENGTH && !DETERMINERS.has(dropped);
  return widen ? { text: mention, quantity, widerText: `${dropped} ${mention}` } : { text: mention, quantity };
}

/** "a dozen", "a couple of", "a bag of" at this word: leave it for the quantity reader. */
function isCountAhead(words: readonly string[], at: number): boolean {
  const next = words[at + 1];
  return next === 'dozen' || next === 'couple' || next === 'pair' || next === 'few' || (next !== 'of' && startsWithMeasure(words.slice(at + 1).join(' ')));
}

function stripLeadingArticles(text: string): string {
  return text.replace(/^(?:(?:the|a|an|of|those|these|some|pack|packs)\s+)+/, '').trim();
}

/**
 * As in English, punctuation starts a new mention only before a count ("两瓶可乐，三盒牛奶");
 * elsewhere it stays a pause (a space), so a count before it is read as following the product.
 */
function splitChinese(text: string): string[] {
  return text
    .replace(CHINESE_PAUSE, (pause, offset: number, whole: string) => (CHINESE_COUNT_AHEAD.test(whole.slice(offset + pause.length)) ? '、' : ' '))
    .split('、')
    .flatMap((piece) => piece.split(CHINESE_SPLIT))
    .map((piece) => piece.trim())
    .filter(Boolean);
}

const CHINESE_PAUSE = /[，,、。；;！!？?\s]+/g;
const CHINESE_COUNT_AHEAD = new RegExp(`^(?:[${CHINESE_NUMERAL_CHARS}\\d]+[瓶盒袋包箱个支罐桶斤件双条只台块本套张份听杯]|还有|另外|再来)`);

function chineseMention(piece: string, lists: Lists): ExtractedMention | undefined {
  let text = piece;
  for (let changed = true; changed; ) {
    changed = false;
    for (const opener of lists.chineseOpeners) {
      if (text.startsWith(opener) && text.length > opener.length) {
        text = text.slice(opener.length).trim();
        changed = true;
      } else if (text === opener) return undefined;
    }
    for (const trailer of lists.chineseTrailers) {
      if (text.endsWith(trailer) && text.length > trailer.length) {
        text = text.slice(0, -trailer.length).trim();
        changed = true;
      } else if (text === trailer) return undefined;
    }
  }
  const { quantity, rest } = readChineseQuantity(text);
  const mention = rest.replace(/^的/, '').trim();
  return mention === '' ? undefined : { text: mention, quantity };
}
