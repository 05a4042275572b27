import { EmbeddedSearchEngine, UnknownIndexVersionError } from './embedded-search-engine';
import { contractProduct, describeSearchEngineContract } from './search-engine.contract';

describeSearchEngineContract('embedded', () => new EmbeddedSearchEngine());

describe('EmbeddedSearchEngine', () => {
  it('refuses to activate a version it did not build', async () => {
    const engine = new EmbeddedSearchEngine();
    await expect(engine.activate({ id: 'v99', productCount: 0 })).rejects.toBeInstanceOf(UnknownIndexVersionError);
  });

  it('keeps serving the old version until the new one is activated', async () => {
    const engine = new EmbeddedSearchEngine();
    const first = await engine.buildVersion((async function* () {
      yield [contractProduct('a', 'alpha widget')];
    })());
    await engine.activate(first);
    const second = await engine.buildVersion((async function* () {
      yield [contractProduct('b', 'beta gadget')];
    })());
    expect((await engine.search({ text: 'beta gadget', limit: 5 })).hits.map((hit) => hit.productId)).not.toContain('b');
    expect(engine.liveVersion()?.id).toBe(first.id);
    await engine.activate(second);
    expect((await engine.search({ text: 'beta gadget', limit: 1 })).hits[0]?.productId).toBe('b');
    expect(engine.liveVersion()).toEqual({ id: second.id, productCount: 1 });
  });
});
