import { FuzzyVocabulary, withinOneEdit } from './fuzzy-vocabulary';

describe('FuzzyVocabulary', () => {
  it('finds the keys one edit away (insert, delete, substitute, swap), not the key itself', () => {
    const vocabulary = new FuzzyVocabulary(4);
    for (const key of ['m:SKT', 'm:SKTR', 'm:SK', 'm:KST', 'm:SRT', 'm:PRNT']) vocabulary.add(key);
    expect([...vocabulary.neighbours('m:SKT')].sort()).toEqual(['m:KST', 'm:SK', 'm:SKTR', 'm:SRT']);
    expect(withinOneEdit('m:SKT', 'm:PRNT')).toBe(false);
  });

  it('answers a repeated lookup the same, and sees keys added after an earlier lookup', () => {
    const vocabulary = new FuzzyVocabulary(6);
    vocabulary.add('w:printer');
    expect(vocabulary.neighbours('w:printr')).toEqual(['w:printer']);
    expect(vocabulary.neighbours('w:printr')).toEqual(['w:printer']);
    vocabulary.add('w:print');
    expect([...vocabulary.neighbours('w:printr')].sort()).toEqual(['w:print', 'w:printer']);
    expect(vocabulary.size).toBe(2);
  });
});
