import { type CatalogueWords, SoundAlikeWords } from './sound-alike-words';

/** A catalogue of words and how many products hold each. */
function catalogue(counts: Record<string, number>): { words: SoundAlikeWords; catalogue: CatalogueWords } {
  const words = new SoundAlikeWords();
  for (const word of Object.keys(counts)) words.add(word);
  return { words, catalogue: { has: (word) => (counts[word] ?? 0) > 0, frequency: (word) => counts[word] ?? 0 } };
}

/** The text a reading gives, checking it names the words it put in. */
function readingOf(words: SoundAlikeWords, text: string, catalogue: CatalogueWords): string | undefined {
  const reading = words.reading(text, catalogue);
  if (reading !== undefined) for (const word of reading.words) expect(reading.text.split(' ')).toContain(word);
  return reading?.text;
}

describe('SoundAlikeWords', () => {
  const { words, catalogue: shop } = catalogue({ wilson: 84, epson: 249, scanner: 120, printer: 397, arkon: 88, kit: 900, print: 225, toner: 371, laptop: 500, form: 40, case: 900 });

  it('reads two words a recogniser split one name into as that name, by its sound with or without R', () => {
    expect(readingOf(words, "i'm looking for the will son kit", shop)).toBe('im looking for the wilson kit');
    expect(readingOf(words, 'apps on print awe', shop)).toBe('epson printer');
    expect(readingOf(words, 'bother scan awe please', shop)).toBe('bother scanner please');
    expect(readingOf(words, 'are con arm band', shop)).toBe('arkon arm band');
  });

  it('leaves numbers, talk, and pairs the catalogue already spells as they are', () => {
    expect(readingOf(words, 'lasa two one', shop)).toBeUndefined();
    // "for me" sounds like "form", but both its words are grammar words.
    expect(readingOf(words, 'is this for me', shop)).toBeUndefined();
    expect(readingOf(words, 'a lap top bag', { ...shop, has: (word) => word === 'laptop' })).toBeUndefined();
  });

  it('reads a pair as a word only when the catalogue has that word more often than the piece said', () => {
    const { words: few, catalogue: fewPrinters } = catalogue({ print: 225, printer: 12 });
    expect(readingOf(few, 'print are', fewPrinters)).toBeUndefined();
    expect(readingOf(words, 'print are', shop)).toBe('printer');
  });

  it('ignores Chinese, digits, one-letter words and letters spelled out', () => {
    expect(readingOf(words, '我要 will son', shop)).toBe('我要 wilson');
    expect(readingOf(words, 'will 5on', shop)).toBeUndefined();
    expect(readingOf(words, 'a pson', shop)).toBeUndefined();
    // Letters said one by one are no syllable of a name: "cs ah" is not "case".
    expect(readingOf(words, 'electroni cs ah yes', shop)).toBeUndefined();
  });
});
