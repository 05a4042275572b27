import { PHRASE_HINT_LIMITS, toPhraseHints } from './phrase-hints';

describe('phrase hints for google', () => {
  it('collapses whitespace, drops duplicates ignoring case and keeps the catalogue order', () => {
    const hints = toPhraseHints(['  Nivea   hand cream ', 'nivea hand cream', '', 'Pringles', '   ']);
    expect(hints.speechContexts).toEqual([{ phrases: ['Nivea hand cream', 'Pringles'] }]);
    expect(hints).toMatchObject({ trimmed: 0, dropped: 0 });
  });

  it('cuts a phrase over 100 characters at a word boundary and drops a single over-long word', () => {
    const long = `${'word '.repeat(25)}end`; // 128 characters
    const hints = toPhraseHints([long, 'x'.repeat(101), 'ok']);
    const [cut, ok] = hints.speechContexts[0].phrases;
    expect(cut.length).toBeLessThanOrEqual(PHRASE_HINT_LIMITS.maxPhraseChars);
    expect(cut).toMatch(/^(word )+word$/);
    expect(ok).toBe('ok');
    expect(hints).toMatchObject({ trimmed: 1, dropped: 1 });
  });

  it('stops at 5,000 phrases', () => {
    const hints = toPhraseHints(Array.from({ length: 6000 }, (_, i) => `product ${i}`));
    expect(hints.speechContexts[0].phrases).toHaveLength(5000);
    expect(hints.speechContexts[0].phrases.at(-1)).toBe('product 4999');
    expect(hints.dropped).toBe(1000);
  });

  it('stops at 100,000 characters in all', () => {
    const phrase = (i: number) => `${String(i).padStart(4, '0')} ${'a'.repeat(44)} ${'b'.repeat(40)}`; // 90 characters
    const hints = toPhraseHints(Array.from({ length: 2000 }, (_, i) => phrase(i)));
    const kept = hints.speechContexts[0].phrases;
    expect(kept.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(PHRASE_HINT_LIMITS.maxTotalChars);
    expect(kept).toHaveLength(Math.floor(100_000 / 90));
    expect(hints.dropped).toBe(2000 - kept.length);
  });

  it('sends no speech context for an empty vocabulary', () => {
    expect(toPhraseHints([]).speechContexts).toEqual([]);
  });
});
