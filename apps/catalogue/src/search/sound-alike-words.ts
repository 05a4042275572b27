import { isEverydayTalk } from './everyday-words';
import { isGrammarWord } from '../matching/grammar-words';
import { looseCode, metaphoneCodes, tokenize, wordForm } from '../matching/phonetic-keys';
import { isEnglishNumberWord } from '../matching/spoken-numbers';

/** What a reading asks of the catalogue: whether it has a word, and how many of its products do. */
export interface CatalogueWords {
  has(word: string): boolean;
  frequency(word: string): number;
}

/** A text read with some of its pairs of words as catalogue words, and those words. */
export interface SoundAlikeReading {
  readonly text: string;
  readonly words: readonly string[];
}

/** Catalogue words shorter than this are not read into a caller's words (too many sound like them). */
const MIN_WORD_LENGTH = 4;
/** At most this many letters differ between the two words said and the catalogue word they are read as. */
const MAX_EDITS = 3;
/** Codes without R (looseCode) are kept apart from full codes in one map by this mark. */
const LOOSE_MARK = '~';

/**
 * The catalogue's words by how they sound (their Double Metaphone codes, with and without R), so
 * that two words a recogniser split one name into can be read as that name: "will son" as wilson,
 * "apps on" as epson, "scan awe" as scanner, "drape are" as draper (decision 0017). The query's
 * joined-pair keys meet such a word too, but only at a sound-alike's weight and, where one piece
 * is a grammar or everyday word, at that word's small share (decisions 0015, 0016): the product
 * named loses to one that merely has the other piece. A reading is another text the index ranks
 * beside the one heard (as it ranks a recogniser's alternatives), over the products holding the
 * word it put in, so it adds candidates and never removes the plain reading's.
 */
export class SoundAlikeWords {
  private readonly formsByCode = new Map<string, Set<string>>();

  /** Records a catalogue word (a word form the index holds). */
  add(form: string): void {
    if (form.length < MIN_WORD_LENGTH || !/^[a-z]+$/.test(form)) return;
    for (const code of soundCodes(form)) {
      const forms = this.formsByCode.get(code);
      if (forms) forms.add(form);
      else this.formsByCode.set(code, new Set([form]));
    }
  }

  /**
   * The text with each pair of words that sounds like one catalogue word read as that word, or
   * undefined when no pair does. A pair is read as a word when the word sounds like the two joined,
   * is spelled within MAX_EDITS letters of them, and is commoner in the catalogue than either piece
   * (the catalogue then prefers that reading); when of those words there are several, the commonest.
   * Pairs are not read when they spell a catalogue word as they are (their joined keys meet it),
   * when a piece is a number ("two one" is not toner) or has no vowel (letters spelled out: "cs ah"
   * is not case), or when both pieces are talk (grammar words or everyday words, see TALK_RATE).
   * Pairs are read left to right and do not overlap.
   */
  reading(text: string, catalogue: CatalogueWords): SoundAlikeReading | undefined {
    const tokens = tokenize(text);
    const out: string[] = [];
    const words: string[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      const word = i + 1 < tokens.length ? this.wordSoundingLike(tokens[i], tokens[i + 1], catalogue) : undefined;
      out.push(word ?? tokens[i]);
      if (word === undefined) continue;
      words.push(word);
      i += 1;
    }
    return words.length > 0 ? { text: out.join(' '), words } : undefined;
  }

  private wordSoundingLike(first: string, second: string, catalogue: CatalogueWords): string | undefined {
    if (!isPlainWord(first) || !isPlainWord(second) || (isTalk(first) && isTalk(second))) return undefined;
    const joined = first + second;
    if (catalogue.has(joined)) return undefined;
    const pieceFrequency = Math.max(pieceCount(first, catalogue), pieceCount(second, catalogue));
    let best: { form: string; frequency: number } | undefined;
    for (const code of soundCodes(joined)) {
      for (const form of this.formsByCode.get(code) ?? []) {
        const frequency = catalogue.frequency(form);
        if (frequency <= pieceFrequency || (best !== undefined && frequency <= best.frequency) || editDistance(form, joined) > MAX_EDITS) continue;
        best = { form, frequency };
      }
    }
    return best?.form;
  }
}

/** A word's Double Metaphone codes and its code without R (marked). */
function soundCodes(word: string): string[] {
  const loose = looseCode(word);
  return loose === undefined ? metaphoneCodes(word) : [...metaphoneCodes(word), LOOSE_MARK + loose];
}

/** Letters only, at least two with a vowel among them (a syllable, not letters spelled out: "bt", "wl"), and not a number word. */
function isPlainWord(token: string): boolean {
  return /^[a-z]{2,}$/.test(token) && /[aeiouy]/.test(token) && !isEnglishNumberWord(token);
}

/**
 * A grammar word, or one everyday English uses at least TALK_RATE ("get", "tell", "think"): with
 * another such word ("can get" → connect, "tell me"), the pair is talk, not a name misheard in two
 * pieces. "how soon" → horizon is not caught ("soon" is as common in talk as "son" in "will son");
 * a reading ranks only the products holding its word, so such a misreading can promote only those.
 */
function isTalk(word: string): boolean {
  return isGrammarWord(word) || isEverydayTalk(word);
}

/** How many products hold a piece said; a grammar word's count is not the catalogue's preference. */
function pieceCount(word: string, catalogue: CatalogueWords): number {
  return isGrammarWord(word) ? 0 : catalogue.frequency(wordForm(word));
}

/** Levenshtein distance (two short words). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length];
}
