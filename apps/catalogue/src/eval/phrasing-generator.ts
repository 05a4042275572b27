import { pinyin } from 'pinyin-pro';
import { EnglishGold } from './english-gold';
import { PHRASING_POOLS, type PhrasingPool, type PhrasingPoolName } from './phrasing-pools';

/**
 * callcart's own query generator: phone-style requests for products of a catalogue, from a seed,
 * so a set is the same on every machine and never needs committing. English (clean, and noisy
 * with recognition-like errors), item numbers read aloud, and Chinese with fuzzy-pinyin and tone
 * confusions. Written apart from the generator behind ../shared/eval (other phrases, other noise
 * rules) so that figures on its held-out pool show whether the matcher generalises.
 */
export interface GeneratedQuery {
  readonly qid: string;
  readonly gold: readonly string[];
  readonly clean: string;
  readonly noisy: string;
  /** The quantity the caller said (1 when none). */
  readonly quantity: number;
}

/** What the generator reads of a catalogue row. */
export interface GeneratorProduct {
  readonly id: string;
  readonly sku: string | null;
  readonly name: string;
  readonly brand: string | null;
  readonly brands?: readonly string[];
  readonly types?: readonly string[];
}

export type GeneratedSetKind = 'english' | 'item-numbers' | 'chinese';

/** Seeds of the committed sets: change one and the figures in docs/decisions/0012 no longer apply. */
export const GENERATOR_SEEDS: Readonly<Record<PhrasingPoolName, number>> = { dev: 15_001, tune2: 47_213, tune3: 63_841, tune4: 72_409, heldOut: 90_517 };

/** A small fast seeded generator (mulberry32): the same seed gives the same set everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const join = (...parts: string[]) => parts.filter((part) => part.trim() !== '').join(' ').replace(/\s+/g, ' ').trim();

/**
 * Generates `count` queries of one kind from a catalogue with a named pool and its seed.
 * `sameProduct` (English): the other listings of each real product, counted correct with it.
 */
export function generateQueries(
  kind: GeneratedSetKind,
  products: readonly GeneratorProduct[],
  poolName: PhrasingPoolName,
  count: number,
  sameProduct: ReadonlyMap<string, readonly string[]> = new Map(),
): GeneratedQuery[] {
  const random = seededRandom(GENERATOR_SEEDS[poolName] + (kind === 'english' ? 0 : kind === 'item-numbers' ? 1 : 2));
  const pool = PHRASING_POOLS[poolName];
  const make = kind === 'english' ? englishQuery : kind === 'item-numbers' ? itemNumberQuery : chineseQuery;
  const context = kind === 'chinese' ? chineseContext(products) : englishContext(products, sameProduct);
  const queries: GeneratedQuery[] = [];
  for (let attempt = 0; queries.length < count && attempt < count * 50; attempt += 1) {
    const query = make(random, pool, context, `${poolName}-${kind}-${queries.length + 1}`);
    if (query) queries.push(query);
  }
  return queries;
}

interface Context {
  readonly products: readonly GeneratorProduct[];
  readonly tokens: readonly Set<string>[];
  readonly bySku: Map<string, string[]>;
  readonly charsBySyllable: Map<string, string[]>;
  readonly gold: EnglishGold;
}

function englishContext(products: readonly GeneratorProduct[], sameProduct: ReadonlyMap<string, readonly string[]>): Context {
  const tokens = products.map((product) => new Set(words(`${product.name} ${product.brand ?? ''}`)));
  const bySku = new Map<string, string[]>();
  for (const product of products) {
    const sku = normalisedSku(product.sku);
    if (sku) bySku.set(sku, [...(bySku.get(sku) ?? []), product.id]);
  }
  return { products, tokens, bySku, charsBySyllable: new Map(), gold: new EnglishGold(products, sameProduct) };
}

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
const normalisedSku = (sku: string | null) => (sku ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** How many listings hold all the words said exactly as spelled: a request names 1 to 30 of them. */
function listingsSpelling(context: Context, said: readonly string[]): number {
  let count = 0;
  for (const set of context.tokens) if (said.every((word) => set.has(word))) count += 1;
  return count;
}

function englishQuery(random: Random, pool: PhrasingPool, context: Context, qid: string): GeneratedQuery | undefined {
  const product = pick(random, context.products);
  const name = words(product.name);
  if (name.length < 3) return undefined;
  const brand = product.brand && /^[a-z0-9 ]+$/.test(product.brand) ? product.brand : undefined;
  const roll = random();
  let content: string[];
  if (roll < 0.4 && brand) content = [...words(brand), ...name.slice(-2)];
  else if (roll < 0.6 && brand && name.some((word) => /\d/.test(word) && /[a-z]/.test(word))) content = [...words(brand), name.find((word) => /\d/.test(word) && /[a-z]/.test(word)) as string, name[name.length - 1]];
  else {
    const length = 3 + Math.floor(random() * 2);
    const start = Math.floor(random() * Math.max(1, name.length - length + 1));
    content = name.slice(start, start + length);
    // A caller names a product by words, not by a fragment that starts or ends on "for" or a lone letter.
    const edges = [content[0], content[content.length - 1]];
    if (edges.some((word) => word.length < 2 || LINKING_WORDS.has(word))) return undefined;
  }
  content = [...new Set(content)];
  // Which requests are made is chosen by the words as spelled (the sets of decisions 0012-0019 stay the
  // same); which listings answer one is ../shared/eval's gold rule (english-gold.ts).
  const spelling = listingsSpelling(context, content);
  if (spelling === 0 || spelling > 30) return undefined;
  const gold = context.gold.for(content);
  const [quantityWords, quantity] = random() < 0.35 ? pick(random, pool.englishQuantities) : ['', 1];
  const spoken = [...content];
  if (random() < 0.3 && spoken.length > 2) spoken.splice(1 + Math.floor(random() * (spoken.length - 1)), 0, pick(random, pool.englishFillers));
  const lead = pick(random, pool.englishLeadIns);
  const tail = pick(random, pool.englishTails);
  const clean = join(lead, quantityWords, spoken.join(' '), tail);
  const noisy = join(lead, quantityWords, mishear(random, spoken).join(' '), tail);
  return { qid, gold, clean, noisy, quantity };
}

const LINKING_WORDS = new Set(['for', 'with', 'and', 'of', 'in', 'to', 'the', 'a', 'by', 'on', 'or', 'per']);

/** Spellings a recogniser writes for what it heard: sound-alike letter groups. */
const SOUND_ALIKE: readonly (readonly [RegExp, string])[] = [
  [/ph/, 'f'], [/ck/, 'k'], [/c(?=[aou])/, 'k'], [/x/, 'cks'], [/y$/, 'ie'], [/tion/, 'shun'], [/([bdfglmnprst])\1/, '$1'],
  [/ou/, 'ow'], [/er$/, 'a'], [/s$/, 'z'], [/ei/, 'ay'], [/qu/, 'kw'], [/igh/, 'y'], [/ee/, 'ea'],
];
const WORD_HOMOPHONES: Readonly<Record<string, string>> = { for: 'four', to: 'two', right: 'write', new: 'knew', pair: 'pear', one: 'won', wear: 'where', blue: 'blew', red: 'read', eight: 'ate', sea: 'see', hole: 'whole' };
const DIGIT_WORDS = ['oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** One or two recognition-like errors in the words that name the product. */
function mishear(random: Random, spoken: readonly string[]): string[] {
  const out = [...spoken];
  const edits = 1 + (random() < 0.5 ? 1 : 0);
  for (let n = 0; n < edits; n += 1) {
    const at = Math.floor(random() * out.length);
    const word = out[at];
    const roll = random();
    if (WORD_HOMOPHONES[word]) out[at] = WORD_HOMOPHONES[word];
    else if (/^\d+$/.test(word)) out[at] = [...word].map((digit) => DIGIT_WORDS[Number(digit)]).join(' ');
    else if (roll < 0.35 && word.length >= 6) {
      const cut = 2 + Math.floor(random() * (word.length - 3));
      out[at] = `${word.slice(0, cut)} ${word.slice(cut)}`;
    } else if (roll < 0.5 && at + 1 < out.length && /^[a-z]+$/.test(out[at + 1])) {
      out.splice(at, 2, word + out[at + 1]);
    } else {
      const rules = SOUND_ALIKE.filter(([pattern]) => pattern.test(word));
      if (rules.length > 0) {
        const [pattern, replacement] = pick(random, rules);
        out[at] = word.replace(pattern, replacement);
      }
    }
  }
  return out;
}

const LETTER_SAID: Readonly<Record<string, readonly string[]>> = {
  a: ['a', 'ay'], b: ['b', 'bee'], c: ['c', 'see'], d: ['d', 'dee'], e: ['e', 'ee'], f: ['f', 'eff'], g: ['g', 'gee'], h: ['h', 'aitch'],
  i: ['i', 'eye'], j: ['j', 'jay'], k: ['k', 'kay'], l: ['l', 'el'], m: ['m', 'em'], n: ['n', 'en'], o: ['o', 'oh'], p: ['p', 'pee'],
  q: ['q', 'cue'], r: ['r', 'are'], s: ['s', 'ess'], t: ['t', 'tee'], u: ['u', 'you'], v: ['v', 'vee'], w: ['w', 'double you'],
  x: ['x', 'ex'], y: ['y', 'why'], z: ['z', 'zee', 'zed'],
};
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/** Number words a recogniser writes as their homophones. */
const HEARD_AS: Readonly<Record<string, string>> = { four: 'for', two: 'to', eight: 'ate', one: 'won', oh: 'o' };
/** Letters a listener confuses. */
const LETTER_CONFUSIONS: Readonly<Record<string, string>> = { b: 'd', d: 'b', m: 'n', n: 'm', p: 'b', t: 'd', f: 's', s: 'f', v: 'b' };

function saidPair(pair: string, random: Random): string {
  if (pair[0] === '0') return `${random() < 0.7 ? 'oh' : 'zero'} ${DIGIT_WORDS[Number(pair[1])]}`;
  if (pair[0] === '1') return TEENS[Number(pair[1])];
  return pair[1] === '0' ? TENS[Number(pair[0])] : `${TENS[Number(pair[0])]} ${DIGIT_WORDS[Number(pair[1])]}`;
}

/** A run of digits as people say it: one by one, "double five", in pairs, or "eleven hundred". */
function saidDigits(run: string, random: Random): string {
  const style = random();
  if (run.length === 4 && run.endsWith('00') && run[0] !== '0' && style < 0.5) return `${saidPair(run.slice(0, 2), random)} hundred`;
  if (run.length % 2 === 0 && run.length <= 4 && style < 0.45 && run[0] !== '0') return run.match(/../g)!.map((pair) => saidPair(pair, random)).join(' ');
  const out: string[] = [];
  for (let i = 0; i < run.length; i += 1) {
    const digit = Number(run[i]);
    if (run[i + 1] === run[i] && random() < 0.6) {
      out.push(`double ${DIGIT_WORDS[digit]}`);
      i += 1;
    } else out.push(digit === 0 && random() < 0.4 ? 'zero' : DIGIT_WORDS[digit]);
  }
  return out.join(' ');
}

function itemNumberQuery(random: Random, pool: PhrasingPool, context: Context, qid: string): GeneratedQuery | undefined {
  const product = pick(random, context.products);
  const sku = normalisedSku(product.sku);
  if (sku.length < 4 || sku.length > 10 || !/\d/.test(sku)) return undefined;
  const groups = sku.match(/[a-z]+|\d+/g) ?? [];
  const said = groups.map((group) => (/\d/.test(group) ? saidDigits(group, random) : [...group].map((letter) => pick(random, LETTER_SAID[letter])).join(' ')));
  const clean = join(pick(random, pool.itemNumberLeadIns), said.join(' '));
  const heard = said.join(' ').split(' ');
  const edits = 1 + Math.floor(random() * 2);
  for (let n = 0; n < edits; n += 1) {
    const at = Math.floor(random() * heard.length);
    const word = heard[at];
    if (HEARD_AS[word]) heard[at] = HEARD_AS[word];
    else if (word.length === 1 && LETTER_CONFUSIONS[word] && random() < 0.3) heard[at] = LETTER_CONFUSIONS[word];
  }
  const noisy = join(clean.slice(0, clean.length - said.join(' ').length), heard.join(' '));
  return { qid, gold: context.bySku.get(sku) ?? [product.id], clean, noisy, quantity: 1 };
}

const HAN_RUN = /^\p{Script=Han}+$/u;

function chineseContext(products: readonly GeneratorProduct[]): Context {
  const charsBySyllable = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const product of products) {
    for (const char of product.name) {
      if (seen.has(char) || !HAN_RUN.test(char)) continue;
      seen.add(char);
      const syllable = pinyin(char, { toneType: 'none', v: true });
      charsBySyllable.set(syllable, [...(charsBySyllable.get(syllable) ?? []), char]);
    }
  }
  return { products, tokens: [], bySku: new Map(), charsBySyllable, gold: new EnglishGold([]) };
}

/** The fuzzy-pinyin pairs of Chinese input methods, both ways. */
const INITIAL_SWAPS: readonly (readonly [string, string])[] = [['zh', 'z'], ['ch', 'c'], ['sh', 's'], ['n', 'l'], ['f', 'h'], ['r', 'l']];
const FINAL_SWAPS: readonly (readonly [string, string])[] = [['ang', 'an'], ['eng', 'en'], ['ing', 'in']];

function fuzzyVariants(syllable: string): string[] {
  const variants = new Set<string>([syllable]);
  for (const [a, b] of INITIAL_SWAPS) {
    if (syllable.startsWith(a) && !(a.length === 1 && syllable.startsWith(`${a}h`))) variants.add(b + syllable.slice(a.length));
    if (syllable.startsWith(b) && !(b.length === 1 && syllable[1] === 'h')) variants.add(a + syllable.slice(b.length));
  }
  for (const [a, b] of FINAL_SWAPS) {
    if (syllable.endsWith(a)) variants.add(syllable.slice(0, -a.length) + b);
    else if (syllable.endsWith(b)) variants.add(syllable.slice(0, -b.length) + a);
  }
  return [...variants];
}

/** One or two characters replaced by others that sound the same but for a fuzzy-pinyin pair or the tone. */
function confuseChinese(random: Random, text: string, context: Context): string {
  const chars = [...text];
  const edits = 1 + (random() < 0.4 ? 1 : 0);
  for (let n = 0; n < edits; n += 1) {
    const at = Math.floor(random() * chars.length);
    const syllable = pinyin(chars[at], { toneType: 'none', v: true });
    const options = fuzzyVariants(syllable).flatMap((variant) => context.charsBySyllable.get(variant) ?? []).filter((char) => char !== chars[at]);
    if (options.length > 0) chars[at] = pick(random, options);
  }
  return chars.join('');
}

function chineseQuery(random: Random, pool: PhrasingPool, context: Context, qid: string): GeneratedQuery | undefined {
  const product = pick(random, context.products);
  const type = pick(random, product.types ?? ['']);
  if (!type || !HAN_RUN.test(type) || !product.name.includes(type)) return undefined;
  const brand = (product.brands ?? []).find((name) => HAN_RUN.test(name) && product.name.includes(name));
  const at = product.name.indexOf(type);
  const before = [...product.name.slice(0, at)].filter((char) => HAN_RUN.test(char));
  const modifier = before.slice(-2).join('');
  const head = brand && random() < 0.6 ? brand : modifier;
  if (!head) return undefined;
  const parts = [head, type];
  const gold = context.products.filter((other) => parts.every((part) => other.name.includes(part))).map((other) => other.id);
  if (gold.length === 0 || gold.length > 30) return undefined;
  const [quantityText, quantity, where] = random() < 0.35 ? pick(random, pool.chineseQuantities) : ['', 1, 'before'];
  const named = `${head}${head === brand && random() < 0.5 ? '的' : ''}${type}`;
  const lead = pick(random, pool.chineseLeadIns);
  const tail = pick(random, pool.chineseTails);
  const say = (name: string) => `${lead}${where === 'before' ? quantityText : ''}${name}${where === 'after' ? quantityText : ''}${tail ? `，${tail}` : ''}`;
  return { qid, gold, clean: say(named), noisy: say(confuseChinese(random, named, context)), quantity };
}
