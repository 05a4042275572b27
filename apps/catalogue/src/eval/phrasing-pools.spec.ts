import { PHRASING_POOLS, type PhrasingPool } from './phrasing-pools';

/** Every phrase a pool holds, as text (a quantity with its number), empty entries left out. */
function phrasesOf(pool: PhrasingPool): Set<string> {
  return new Set(
    Object.entries(pool).flatMap(([field, entries]: [string, readonly unknown[]]) => entries.map((entry) => `${field}: ${JSON.stringify(entry)}`).filter((phrase) => !phrase.endsWith('""'))),
  );
}

describe('the phrasing pools', () => {
  it('keep the held-out pool apart: it shares no phrase with a pool the matcher is tuned on', () => {
    const heldOut = phrasesOf(PHRASING_POOLS.heldOut);
    const shared = Object.entries(PHRASING_POOLS)
      .filter(([name]) => name !== 'heldOut')
      .flatMap(([name, pool]) => [...phrasesOf(pool)].filter((phrase) => heldOut.has(phrase)).map((phrase) => `${name} ${phrase}`));
    expect(heldOut.size).toBeGreaterThan(40);
    expect(shared).toEqual([]);
  });
});
