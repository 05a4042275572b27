import { eventually } from '@callcart/testing';
import type { CatalogueSearch } from './catalogue-search';
import { DecoderPool } from './decoder-pool';

describe('DecoderPool spare decoders', () => {
  it('reports a failed set-up and tries again, instead of swallowing it', async () => {
    const failures: number[] = [];
    const search = { version: 'v-broken', remove: () => undefined } as unknown as CatalogueSearch;
    const pool = new DecoderPool(search, '/nonexistent/pocketsphinx-model', [1], (_error, inARow) => failures.push(inARow));
    pool.prepareSpare();
    await eventually(() => failures.length >= 2, 'a second attempt after the first failed', 5000);
    expect(failures.slice(0, 2)).toEqual([1, 2]);
    pool.retire();
  });
});
