import { hanKeys } from '../matching/pinyin-keys';
import { LETTER_NAMES, alnumParts, isHanToken, looseCode, metaphoneCodes, tokenize, wordForm } from '../matching/phonetic-keys';
import { isEnglishNumberWord, readEnglishNumberRun } from '../matching/spoken-numbers';

/**
 * The keys a product is indexed under and the weighted features a query looks up, built from the
 * same functions so both sides meet. Key families: `w:` word forms (and adjacent words joined),
 * `m:` Double Metaphone codes (of words and of adjacent words joined), `r:` the same codes without R
 * (looseCode), `h:`/`c:` Han character
 * bigrams/unigrams, `y:`/`p:` folded toneless pinyin bigrams/unigrams; `jw:`/`jm:`/`jr:` are a
 * product's adjacent words joined.
 */

/** One indexed key of a product; `fuzzy` keys are also reachable one edit away. */
export interface DocumentKey {
  readonly key: string;
  readonly fuzzy: boolean;
}

/** One thing a query looks up: a key, how much a match is worth, and which query positions it covers. */
export interface QueryFeature {
  readonly key: string;
  readonly weight: number;
  readonly positions: readonly number[];
  /** Also look up indexed keys one edit away from this one, at `weight × FUZZY_FACTOR`. */
  readonly fuzzy: boolean;
}

export interface QueryFeatures {
  /** How many positions (words, Han characters) the query has. */
  readonly positionCount: number;
  readonly features: readonly QueryFeature[];
  /** Per position, the word said there ('' for a Han character): what its share is weighed by (ProductKeyIndex). */
  readonly positionWords: readonly string[];
}

/** The relative worth of each kind of match; chosen by measurement on the eval set (docs/decisions/0010). */
export const MATCH_WEIGHTS = {
  exactWord: 1,
  digitWord: 0.9,
  modelPart: 0.45,
  metaphone: 0.7,
  joinedWord: 1,
  joinedMetaphone: 0.7,
  looseCode: 0.5,
  spelledRun: 1,
  hanBigram: 1,
  /** Two syllables heard as a product's are nearly as good as its characters: a recogniser's characters are its guess among homophones (decision 0019). */
  pinyinBigram: 0.92,
  hanChar: 0.35,
  pinyinChar: 0.3,
  fuzzyFactor: 0.6,
  /** A grammar word (grammar-words.ts) says little about a product: its position counts this share (decision 0015). */
  grammarWord: 0.2,
} as const;

/** A query's words past this many are not looked up. */
export const MAX_QUERY_TOKENS = 40;
/** A query pair meeting a product's pair by sound is two words matching in order: worth a little less. */
const PAIR_TO_PAIR = 0.6;
/** Two words said that are one product word count a little less than two words matched each (decision 0014). */
const JOINED_SHARE = 0.85;
const MAX_RUN = 6;

/** Every key a product's text (name, brand, aliases, item number) is indexed under. */
export function documentKeys(fields: readonly (string | null | undefined)[], sku: string | null): DocumentKey[] {
  const keys = new Map<string, boolean>();
  const put = (key: string, fuzzy: boolean) => keys.set(key, (keys.get(key) ?? false) || fuzzy);
  for (const field of fields) {
    if (!field) continue;
    const tokens = tokenize(field);
    tokens.forEach((token, index) => {
      if (isHanToken(token)) {
        const { chars, syllables } = hanKeys(token);
        chars.forEach((char, i) => {
          put(`c:${char}`, false);
          put(`p:${syllables[i]}`, false);
          if (i + 1 < chars.length) {
            put(`h:${char}${chars[i + 1]}`, false);
            put(`y:${syllables[i]}-${syllables[i + 1]}`, false);
          }
        });
        return;
      }
      const form = wordForm(token);
      put(`w:${form}`, true);
      for (const part of alnumParts(token)) put(`w:${part}`, false);
      for (const code of metaphoneCodes(token)) put(`m:${code}`, true);
      const loose = looseCode(token);
      if (loose) put(`r:${loose}`, false);
      const next = tokens[index + 1];
      if (next !== undefined && !isHanToken(next)) {
        const joined = token + next;
        put(`jw:${wordForm(joined)}`, false);
        for (const code of metaphoneCodes(joined)) put(`jm:${code}`, false);
        const looseJoined = looseCode(joined);
        if (looseJoined) put(`jr:${looseJoined}`, false);
      }
    });
  }
  if (sku) put(`w:${normaliseItemNumber(sku)}`, true);
  return [...keys].map(([key, fuzzy]) => ({ key, fuzzy }));
}

/** An item number as it is compared: lower-case letters and digits only ("DCS-1100" → "dcs1100"). */
export function normaliseItemNumber(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The features of a query text: its words and characters, joined neighbours, spelled runs. */
export function queryFeatures(text: string): QueryFeatures {
  const tokens = tokenize(text).slice(0, MAX_QUERY_TOKENS);
  const features: QueryFeature[] = [];
  const add = (key: string, weight: number, positions: number[], fuzzy = false) => features.push({ key, weight, positions, fuzzy });
  let position = 0;
  const latin: { token: string; position: number }[] = [];
  const positionWords: string[] = [];
  for (const token of tokens) {
    if (isHanToken(token)) {
      const { chars, syllables } = hanKeys(token.slice(0, 200));
      chars.forEach((char, i) => {
        const at = position + i;
        add(`c:${char}`, MATCH_WEIGHTS.hanChar, [at]);
        add(`p:${syllables[i]}`, MATCH_WEIGHTS.pinyinChar, [at]);
        if (i + 1 < chars.length) {
          add(`h:${char}${chars[i + 1]}`, MATCH_WEIGHTS.hanBigram, [at, at + 1]);
          add(`y:${syllables[i]}-${syllables[i + 1]}`, MATCH_WEIGHTS.pinyinBigram, [at, at + 1]);
        }
      });
      position += chars.length;
      for (let i = 0; i < chars.length; i += 1) positionWords.push('');
      latin.push({ token: '', position: -1 });
      continue;
    }
    latin.push({ token, position });
    addWordFeatures(token, position, add);
    positionWords.push(token);
    position += 1;
  }
  const letterRuns = singleLetterRuns(latin);
  addJoinedFeatures(latin, letterRuns, add);
  addSpelledRunFeatures(latin, letterRuns, add);
  return { positionCount: position, features, positionWords };
}

type AddFeature = (key: string, weight: number, positions: number[], fuzzy?: boolean) => void;

/**
 * One query word: its own keys, which also meet a product's adjacent words joined (`j` keys: the
 * caller says "smarthome", the listing "smart home"). A query's joined pair never meets a
 * product's joined pair: that would only re-count two words that already match one by one.
 */
function addWordFeatures(token: string, at: number, add: AddFeature): void {
  const form = wordForm(token);
  add(`w:${form}`, MATCH_WEIGHTS.exactWord, [at], token.length >= 4);
  if (form.length >= 4) add(`jw:${form}`, MATCH_WEIGHTS.exactWord, [at]);
  const digits = isEnglishNumberWord(token) ? readEnglishNumberRun([token]) : [];
  for (const reading of digits) if (reading !== token) add(`w:${reading}`, MATCH_WEIGHTS.digitWord, [at]);
  for (const part of alnumParts(token)) add(`w:${part}`, MATCH_WEIGHTS.modelPart, [at]);
  for (const code of metaphoneCodes(token)) {
    add(`m:${code}`, MATCH_WEIGHTS.metaphone, [at], code.length >= 3);
    if (code.length >= 3) add(`jm:${code}`, MATCH_WEIGHTS.metaphone, [at]);
  }
  const loose = looseCode(token);
  if (loose) {
    add(`r:${loose}`, MATCH_WEIGHTS.looseCode, [at]);
    if (loose.length >= 3) add(`jr:${loose}`, MATCH_WEIGHTS.looseCode, [at]);
  }
}

/** Adjacent words joined ("lex mark" → lexmark, "pidock one" → pidock1), as words and as codes. */
function addJoinedFeatures(latin: readonly { token: string; position: number }[], letterRuns: readonly (LetterRun | undefined)[], add: AddFeature): void {
  for (let i = 0; i + 1 < latin.length; i += 1) {
    const first = latin[i];
    const second = latin[i + 1];
    if (first.position < 0 || second.position < 0 || isInsideLetterRun(i, i + 1, letterRuns)) continue;
    const positions = [first.position, second.position];
    const secondForms = new Set([second.token, ...(isEnglishNumberWord(second.token) ? readEnglishNumberRun([second.token]) : [])]);
    // A one-letter word joined to the next ("i need" → ineed) is one edit or one sound from that
    // word alone: only an exact joined word ("i pod" → ipod) is evidence for both positions.
    const bothWords = first.token.length >= 2 && second.token.length >= 2;
    for (const form of secondForms) {
      const joined = first.token + form;
      add(`w:${wordForm(joined)}`, MATCH_WEIGHTS.joinedWord * JOINED_SHARE, positions, bothWords && joined.length >= 5);
      add(`jw:${wordForm(joined)}`, MATCH_WEIGHTS.joinedWord, positions);
    }
    if (!bothWords) continue;
    for (const code of metaphoneCodes(first.token + second.token)) {
      add(`m:${code}`, MATCH_WEIGHTS.joinedMetaphone * JOINED_SHARE, positions, code.length >= 3);
      add(`jm:${code}`, MATCH_WEIGHTS.joinedMetaphone * PAIR_TO_PAIR, positions);
    }
    const loose = looseCode(first.token + second.token);
    if (loose) add(`r:${loose}`, MATCH_WEIGHTS.looseCode, positions);
  }
}

/** How a token may read inside a spelled-out model number: letters, letter names, digits, number words. */
function spelledForms(token: string): string[] | undefined {
  if (/^\d+$/.test(token)) return [token];
  if (/^[a-z]+\d[a-z\d]*$|^\d+[a-z]+[a-z\d]*$/.test(token)) return [token];
  const forms = new Set<string>();
  if (LETTER_NAMES[token]) forms.add(LETTER_NAMES[token]);
  if (isEnglishNumberWord(token)) for (const reading of readEnglishNumberRun([token])) forms.add(reading);
  return forms.size ? [...forms] : undefined;
}

/**
 * Runs of spelled letters, digits and number words read as one model word: "v s 221 d t" →
 * vs221dt (then one edit from vs221dp), "u s b" → usb, "twenty oh seven" → 2007.
 */
function addSpelledRunFeatures(latin: readonly { token: string; position: number }[], letterRuns: readonly (LetterRun | undefined)[], add: AddFeature): void {
  const forms = latin.map((entry) => (entry.position < 0 ? undefined : spelledForms(entry.token)));
  for (let start = 0; start < latin.length; start += 1) {
    if (!forms[start]) continue;
    for (let end = start + 1; end < Math.min(latin.length, start + MAX_RUN); end += 1) {
      if (!forms[end]) break;
      if (isInsideLetterRun(start, end, letterRuns)) continue;
      const words = latin.slice(start, end + 1).map((entry) => entry.token);
      const readings = new Set<string>(words.every(isEnglishNumberWord) ? readEnglishNumberRun(words) : []);
      for (const reading of combine(forms.slice(start, end + 1) as string[][], 8)) readings.add(reading);
      const positions = latin.slice(start, end + 1).map((entry) => entry.position);
      for (const reading of readings) {
        if (reading.length < 2) continue;
        add(`w:${reading}`, MATCH_WEIGHTS.spelledRun, positions, reading.length >= 4);
      }
    }
  }
}

/** A run of one-letter words said one after another ("u s b"), by index into the query's words. */
interface LetterRun {
  readonly start: number;
  readonly end: number;
}

/** Per index, the run of one-letter words it is in (undefined for any other word). */
function singleLetterRuns(latin: readonly { token: string; position: number }[]): (LetterRun | undefined)[] {
  const runs: (LetterRun | undefined)[] = latin.map(() => undefined);
  const isLetter = (i: number) => latin[i].position >= 0 && /^[a-z]$/.test(latin[i].token);
  for (let start = 0; start < latin.length; start += 1) {
    if (!isLetter(start)) continue;
    let end = start;
    while (end + 1 < latin.length && isLetter(end + 1)) end += 1;
    const run = { start, end };
    for (let i = start; i <= end; i += 1) runs[i] = run;
    start = end;
  }
  return runs;
}

/**
 * Letters said one by one ("u s b", "h d m i") are one word: a part of them ("s b") read alone
 * would meet a fragment of some model number, rare and so heavy, and outweigh the word said.
 */
function isInsideLetterRun(start: number, end: number, letterRuns: readonly (LetterRun | undefined)[]): boolean {
  const run = letterRuns[start];
  return run !== undefined && end <= run.end && (start > run.start || end < run.end);
}

function combine(options: readonly string[][], limit: number): string[] {
  let out = [''];
  for (const choices of options) {
    out = out.flatMap((prefix) => choices.map((choice) => prefix + choice)).slice(0, limit);
  }
  return out;
}
