import { spokenWords } from './spoken-text';

/**
 * A trigram language model in ARPA format, built from the catalogue's vocabulary: the product
 * names and brands, each also said inside the carrier phrases callers use ("I'd like …", "do you
 * have …"), plus the small talk of an order call so that speech naming no product is not forced
 * into a product name (the false alarms a bare grammar has; decision 0040). Absolute discounting
 * with back-off; the decoder reads the file with `-lm`.
 */
export const CARRIER_PHRASES: readonly string[] = [
  "i'd like",
  "i'd like a",
  "i'd like the",
  "i'd like two",
  'do you have',
  'do you have the',
  'i want',
  'i want to order',
  'can i get',
  'i need',
  'i am looking for',
  'give me',
  'one',
  'two',
  'three',
  'please',
];

/** What else callers say on an order call: it keeps product-free speech out of product names. */
export const CALL_SMALL_TALK: readonly string[] = [
  'hello', 'hi', 'yes', 'no', 'yes please', 'no thank you', 'thank you', 'thanks', 'okay', 'good morning',
  'good afternoon', 'how much is it', 'how much does it cost', 'what is the price', 'is it in stock',
  'my name is', 'my phone number is', 'my address is', 'the item number is', 'that is all', 'that is it',
  'can you repeat that', 'sorry', 'i did not hear you', 'one moment please', 'how long does delivery take',
  'i would like to pay cash on delivery', 'can you send it to my home', 'the big one', 'the small one',
  'the red one', 'the blue one', 'the black one', 'the white one', 'how many', 'just one', 'one two three four five six seven eight nine zero',
  'goodbye', 'bye', 'i want to place an order', 'i want to cancel', 'what do you have', 'do you deliver',
];

/**
 * Everyday English a caller says between product names (decision 0047): the most common words of
 * speech, none of them a product. Trained as a loop (every word after every other through the
 * back-off), they give speech that names no product somewhere to go other than the catalogue's
 * words, which it was forced onto before ("he was not an ill disposed young man" came out as
 * "you is not adult lotus yunnan").
 */
export const EVERYDAY_WORDS: readonly string[] = (
  'the of and to a in is it you that he was for on are as with his they i at be this have from or one had by but not what all were we when ' +
  'your can said there use an each which she do how their if will up other about out many then them these so some her would make like him ' +
  'into time has look more write go see number no way could people my than first been call who its now find long down day did get come made may ' +
  'part over new after also back little only round man year came show every good me give our under name very through just form great think say ' +
  'help low line before turn cause same mean differ move right boy old too does tell set three want air well play small end put home read hand ' +
  'large even here must big high such follow act why ask men change went off need house try us again point mother world near build self earth ' +
  'father head stand own page should country found answer school grow study still learn plant cover food sun four thought let keep eye never last ' +
  'door between city tree cross since hard start might story saw far sea draw left late run while press close night real life few stop open seem ' +
  'together next white children begin got walk example ease paper often always music those both mark book letter until mile river car feet care ' +
  'second group carry took rain eat room friend began idea fish mountain north once base hear horse cut sure watch color face wood main enough ' +
  'plain girl usual young ready above ever red list though feel talk bird soon body dog family direct pose leave song measure state product ' +
  'black short numeral class wind question happen complete ship area half rock order fire south problem piece told knew pass farm top whole king ' +
  'size heard best hour better true during hundred am remember step early hold west ground interest reach fast five sing listen six table travel ' +
  'less morning ten simple several vowel toward war lay against pattern slow center love person money serve appear road map science rule govern ' +
  'pull cold notice voice fall power town fine certain fly unit lead cry dark machine note wait plan figure star box noun field rest correct able ' +
  'pound done beauty drive stood contain front teach week final gave green oh quick develop sleep warm free minute strong special mind behind ' +
  'clear tail produce fact street inch lot nothing course stay wheel full force blue object decide surface deep moon island foot yet busy test ' +
  'record boat common gold possible plane age dry wonder laugh thousand ago ran check game shape yes hot miss brought heat snow bed bring sit ' +
  'perhaps fill east weight language among mister missus miss dear sir madam woman women husband wife brother sister son daughter rather ' +
  'himself herself myself whether much might shall upon'
).split(' ');

/**
 * How callers say how many (issue 15: "two packs of …", "three bottles of …" were heard without
 * their count): a count, a container, "of"; and the order openers beside the carriers. Trained
 * as phrases on their own; a product follows them through the back-off.
 */
const COUNTS = ['a', 'one', 'two', 'three', 'four', 'five', 'six', 'ten', 'a couple of', 'a few'];
const CONTAINERS = ['pack', 'packs', 'packet', 'packets', 'bottle', 'bottles', 'box', 'boxes', 'bag', 'bags', 'can', 'cans', 'carton', 'cartons', 'jar', 'jars', 'tube', 'tubes', 'roll', 'rolls', 'tin', 'tins'];
export const QUANTITY_PHRASES: readonly string[] = COUNTS.flatMap((count, i) => CONTAINERS.filter((_, j) => (i + j) % 2 === 0).map((container) => `${count} ${container} of`));
export const ORDER_OPENERS: readonly string[] = [
  'could i have', 'can i have', 'have you got', 'have you got any', 'do you have any', "i'll take", 'i will take', "i'll have", 'send me',
  'put me down for', 'i would like', "i'm looking for", 'a couple of', 'just one', 'for me', 'as well', 'and also',
];

/** Digits as callers read item numbers ("two one oh one oh two"): every digit after every digit. */
const DIGIT_WORDS = ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'double'];
/** Digit words that open no utterance but an item number's digits. */
const ITEM_NUMBER_ONLY_WORDS = new Set(['oh', 'zero', 'double']);

const DISCOUNT = 0.5;
const BOS = '<s>';
const EOS = '</s>';

type Counts = Map<string, number>;

function bump(counts: Counts, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

function log10(p: number): string {
  return Math.log10(Math.max(p, 1e-99)).toFixed(4);
}

/**
 * The sentences the model is trained on: phrases alone, phrases in carriers, small talk, and the
 * loops. A small catalogue's phrases are repeated until they are at least as many sentences as
 * everything else: the loops are a fixed few hundred sentences, and against six products they
 * took most of the model's mass ("coffee beans and green tea" came out as "oh the green and repeat").
 */
export function trainingSentences(phrases: readonly string[]): string[][] {
  const catalogue: string[][] = [];
  phrases.forEach((phrase, index) => {
    const words = spokenWords(phrase);
    if (words.length === 0) return;
    catalogue.push(words);
    catalogue.push([...spokenWords(CARRIER_PHRASES[index % CARRIER_PHRASES.length]), ...words]);
  });
  const others: string[][] = [];
  for (const line of CALL_SMALL_TALK) {
    for (let i = 0; i < 3; i += 1) others.push(spokenWords(line));
  }
  for (const carrier of CARRIER_PHRASES) others.push(spokenWords(carrier));
  for (const phrase of [...QUANTITY_PHRASES, ...ORDER_OPENERS]) others.push(spokenWords(phrase));
  // The digit loop: every digit word after every other, so any item number read out has a path.
  // The digit loop: every pair of digit words once in one sentence (a de Bruijn sequence), so any
  // item number read out has a path; and each pair again as a sentence of its own when it starts
  // with a count ("seven …", "eight …" open utterances), never with "oh", "zero" or "double",
  // which as first words took a small catalogue's products ("coffee beans" → "oh the").
  others.push(everyPairOnce(DIGIT_WORDS));
  for (const first of DIGIT_WORDS.filter((word) => !ITEM_NUMBER_ONLY_WORDS.has(word))) for (const second of DIGIT_WORDS) others.push([first, second]);
  // The everyday-English loop: each word once, in runs of eight, so none gains a context of its own.
  for (let i = 0; i < EVERYDAY_WORDS.length; i += 8) others.push([...EVERYDAY_WORDS.slice(i, i + 8)]);
  const repeats = catalogue.length === 0 ? 0 : Math.max(1, Math.ceil(others.length / catalogue.length));
  return [...Array.from({ length: repeats }, () => catalogue).flat(), ...others];
}

/**
 * A sequence of `words` in which every ordered pair (a word after itself too) appears exactly
 * once: the de Bruijn sequence B(n, 2) made linear by repeating its first word at the end.
 */
export function everyPairOnce(words: readonly string[]): string[] {
  const n = words.length;
  const sequence: number[] = [];
  const a = new Array<number>(3).fill(0);
  const walk = (t: number, p: number): void => {
    if (t > 2) {
      if (2 % p === 0) for (let j = 1; j <= p; j += 1) sequence.push(a[j]);
      return;
    }
    a[t] = a[t - p];
    walk(t + 1, p);
    for (let j = a[t - p] + 1; j < n; j += 1) {
      a[t] = j;
      walk(t + 1, t);
    }
  };
  walk(1, 1);
  return [...sequence, sequence[0]].map((index) => words[index]);
}

/**
 * Builds the ARPA text over `vocabulary` (words that can be pronounced); sentences with other
 * words are cut at them. Returns the model and its word list.
 */
export function buildArpaModel(sentences: readonly string[][], pronounceable: (word: string) => boolean): { arpa: string; words: string[] } {
  const uni: Counts = new Map();
  const bi: Counts = new Map();
  const tri: Counts = new Map();
  for (const sentence of sentences) {
    const words = [BOS, ...sentence.filter(pronounceable), EOS];
    if (words.length === 2) continue;
    words.forEach((word, i) => {
      bump(uni, word);
      if (i >= 1) bump(bi, `${words[i - 1]} ${word}`);
      if (i >= 2) bump(tri, `${words[i - 2]} ${words[i - 1]} ${word}`);
    });
  }
  const total = [...uni.entries()].filter(([word]) => word !== BOS).reduce((sum, [, count]) => sum + count, 0);
  const p1 = new Map<string, number>();
  for (const [word, count] of uni) if (word !== BOS) p1.set(word, count / total);

  // Bigram: discounted ML with back-off to unigrams.
  const historyTotals1 = new Map<string, { count: number; types: number; seenLower: number; seenP: number }>();
  for (const [key, count] of bi) {
    const [h, w] = key.split(' ');
    const entry = historyTotals1.get(h) ?? { count: 0, types: 0, seenLower: 0, seenP: 0 };
    entry.count += count;
    entry.types += 1;
    entry.seenLower += p1.get(w) ?? 0;
    historyTotals1.set(h, entry);
  }
  const p2 = new Map<string, number>();
  for (const [key, count] of bi) {
    const h = key.slice(0, key.indexOf(' '));
    p2.set(key, (count - DISCOUNT) / historyTotals1.get(h)!.count);
  }
  const backoff1 = new Map<string, number>();
  for (const [h, entry] of historyTotals1) {
    const left = (DISCOUNT * entry.types) / entry.count;
    backoff1.set(h, left / Math.max(1e-9, 1 - entry.seenLower));
  }
  const bigramProb = (h: string, w: string): number => p2.get(`${h} ${w}`) ?? (backoff1.get(h) ?? 1) * (p1.get(w) ?? 1e-9);

  const historyTotals2 = new Map<string, { count: number; types: number; seenLower: number }>();
  for (const [key, count] of tri) {
    const parts = key.split(' ');
    const h = `${parts[0]} ${parts[1]}`;
    const entry = historyTotals2.get(h) ?? { count: 0, types: 0, seenLower: 0 };
    entry.count += count;
    entry.types += 1;
    entry.seenLower += bigramProb(parts[1], parts[2]);
    historyTotals2.set(h, entry);
  }
  const backoff2 = new Map<string, number>();
  for (const [h, entry] of historyTotals2) {
    backoff2.set(h, (DISCOUNT * entry.types) / entry.count / Math.max(1e-9, 1 - entry.seenLower));
  }

  const lines: string[] = ['\\data\\', `ngram 1=${uni.size}`, `ngram 2=${bi.size}`, `ngram 3=${tri.size}`, '', '\\1-grams:'];
  for (const word of uni.keys()) {
    const prob = word === BOS ? '-99.0000' : log10(p1.get(word)!);
    const bo = backoff1.has(word) ? ` ${log10(backoff1.get(word)!)}` : word === EOS ? '' : ' 0.0000';
    lines.push(`${prob} ${word}${bo}`);
  }
  lines.push('', '\\2-grams:');
  for (const [key] of bi) {
    const bo = backoff2.has(key) ? ` ${log10(backoff2.get(key)!)}` : '';
    lines.push(`${log10(p2.get(key)!)} ${key}${bo}`);
  }
  lines.push('', '\\3-grams:');
  for (const [key, count] of tri) {
    const parts = key.split(' ');
    lines.push(`${log10((count - DISCOUNT) / historyTotals2.get(`${parts[0]} ${parts[1]}`)!.count)} ${key}`);
  }
  lines.push('', '\\end\\', '');
  return { arpa: lines.join('\n'), words: [...uni.keys()].filter((word) => word !== BOS && word !== EOS) };
}
