import type { IndexedProduct, SearchEngine } from './search-engine';

/**
 * The behaviour every SearchEngine must have, as one jest suite: run against the embedded engine
 * always and against Meilisearch when a server is configured. Call inside a spec file.
 */
export interface SearchEngineContractOptions {
  /** Products in the catalogue rebuilt while queries run (smaller for a remote engine). */
  readonly bigCatalogueSize?: number;
}

/** A product with sensible defaults, for contract tests. */
export function contractProduct(id: string, name: string, overrides: Partial<IndexedProduct> = {}): IndexedProduct {
  return {
    id,
    sku: `sku-${id}`,
    name,
    brand: null,
    category: null,
    aliases: [],
    price: { amountMinor: 1000, currency: 'USD' },
    active: true,
    language: /\p{Script=Han}/u.test(name) ? 'zh' : 'en',
    ...overrides,
  };
}

const CATALOGUE: readonly IndexedProduct[] = [
  contractProduct('p-seagate', 'seagate barracuda 2tb internal hard drive', { brand: 'seagate', sku: 'ST2000DM-008' }),
  contractProduct('p-dlink', 'd-link dcs-1100 network camera', { brand: 'd-link', sku: 'DCS-1100' }),
  contractProduct('p-lexmark', 'lexmark inkjet printer x2670', { brand: 'lexmark', sku: 'x2670' }),
  contractProduct('p-nivea', 'nivea soft hand cream 150 ml', { brand: 'nivea', aliases: ['hand lotion'], sku: '100234' }),
  contractProduct('p-cola', '可口可乐 330ml 罐装', { brand: '可口可乐', sku: 'KO-330' }),
  contractProduct('p-shoes', '沙乐华男式徒步鞋', { brand: '沙乐华', sku: 'SAL-01' }),
  contractProduct('p-retired', 'seagate barracuda 1tb internal hard drive retired', { brand: 'seagate', active: false, sku: 'ST1000-OLD' }),
];

async function* inBatches(products: readonly IndexedProduct[], size = 500): AsyncGenerator<readonly IndexedProduct[]> {
  for (let i = 0; i < products.length; i += size) yield products.slice(i, i + size);
}

function fillerCatalogue(count: number): IndexedProduct[] {
  const words = ['cable', 'adapter', 'mouse', 'keyboard', 'monitor', 'speaker', 'charger', 'case', 'stand', 'lamp'];
  return Array.from({ length: count }, (_, i) =>
    contractProduct(`f-${i}`, `filler ${words[i % words.length]} model ${i}`, { sku: `F-${i}` }),
  );
}

const BAD_INPUTS: readonly string[] = [
  '',
  '   ',
  'x'.repeat(10_000),
  'seagate\u0000\u0007\u001b[31m drive\r\n\t',
  '😀🛒 seagate 💾',
  'seagate 硬盘 ハードディスク жёсткий диск',
  '.*+?^${}()|[]\\ /(a+)+$/ %_',
  "'; DROP TABLE products; -- \" OR 1=1",
  '\uFFFF\uD800 lone surrogate',
];

/** Defines the SearchEngine contract suite for an engine; `createEngine` gives a fresh, empty engine. */
export function describeSearchEngineContract(name: string, createEngine: () => SearchEngine | Promise<SearchEngine>, options: SearchEngineContractOptions = {}): void {
  const bigSize = options.bigCatalogueSize ?? 20_000;

  describe(`SearchEngine contract: ${name}`, () => {
    let engine: SearchEngine;

    beforeEach(async () => {
      engine = await createEngine();
    });
    afterEach(async () => {
      await engine.close();
    });

    async function buildLive(products: readonly IndexedProduct[]) {
      const version = await engine.buildVersion(inBatches(products));
      await engine.activate(version);
      return version;
    }

    it('answers nothing, without failing, before any version is live', async () => {
      expect(engine.liveVersion()).toBeUndefined();
      await expect(engine.search({ text: 'seagate', limit: 5 })).resolves.toEqual({ hits: [], total: 0 });
      await expect(engine.findBySku('DCS-1100')).resolves.toBeUndefined();
    });

    it('builds, activates and finds products by name, brand, alias and in Chinese', async () => {
      const progress: number[] = [];
      const version = await engine.buildVersion(inBatches(CATALOGUE, 3), (indexed) => progress.push(indexed));
      expect(version.productCount).toBe(CATALOGUE.length);
      expect(progress.at(-1)).toBe(CATALOGUE.length);
      expect(engine.liveVersion()).toBeUndefined();
      await engine.activate(version);
      expect(engine.liveVersion()).toEqual(expect.objectContaining({ id: version.id }));
      const top = async (text: string) => (await engine.search({ text, limit: 3 })).hits[0]?.productId;
      await expect(top('seagate hard drive')).resolves.toBe('p-seagate');
      await expect(top('lexmark printer')).resolves.toBe('p-lexmark');
      await expect(top('hand lotion')).resolves.toBe('p-nivea');
      await expect(top('可口可乐')).resolves.toBe('p-cola');
      await expect(top('徒步鞋')).resolves.toBe('p-shoes');
    });

    it('returns at most `limit` hits, best first, scores in 0..1, total ≥ hits', async () => {
      await buildLive(CATALOGUE);
      const result = await engine.search({ text: 'seagate drive', limit: 1 });
      expect(result.hits).toHaveLength(1);
      expect(result.total).toBeGreaterThanOrEqual(1);
      const wide = await engine.search({ text: 'drive camera printer cream', limit: 10 });
      const scores = wide.hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
      expect(wide.total).toBeGreaterThanOrEqual(Math.min(1, wide.hits.length));
      await expect(engine.search({ text: 'seagate', limit: 0 })).resolves.toEqual(expect.objectContaining({ hits: [] }));
    });

    it('narrows to a language when asked', async () => {
      await buildLive(CATALOGUE);
      const zh = await engine.search({ text: '可口可乐 seagate', language: 'zh', limit: 10 });
      expect(zh.hits.length).toBeGreaterThan(0);
      expect(zh.hits.every((hit) => hit.productId === 'p-cola' || hit.productId === 'p-shoes')).toBe(true);
    });

    it('never returns inactive products', async () => {
      await buildLive(CATALOGUE);
      const result = await engine.search({ text: 'seagate barracuda 1tb internal hard drive retired', limit: 10 });
      expect(result.hits.map((hit) => hit.productId)).not.toContain('p-retired');
      await expect(engine.findBySku('ST1000-OLD')).resolves.toBeUndefined();
    });

    it('finds by item number exactly and case-insensitively, with no typo tolerance', async () => {
      await buildLive(CATALOGUE);
      await expect(engine.findBySku('DCS-1100')).resolves.toBe('p-dlink');
      await expect(engine.findBySku('dcs-1100')).resolves.toBe('p-dlink');
      await expect(engine.findBySku('dcs1100')).resolves.toBe('p-dlink');
      await expect(engine.findBySku('100234')).resolves.toBe('p-nivea');
      await expect(engine.findBySku('dcs-1101')).resolves.toBeUndefined();
      await expect(engine.findBySku('dcs-110')).resolves.toBeUndefined();
      await expect(engine.findBySku('1002345')).resolves.toBeUndefined();
      await expect(engine.findBySku('')).resolves.toBeUndefined();
    });

    it('applies upserts and removals to the live version', async () => {
      await buildLive(CATALOGUE);
      await engine.upsert(contractProduct('p-new', 'logitech wireless trackball mouse', { sku: 'M570' }));
      expect((await engine.search({ text: 'logitech trackball', limit: 3 })).hits[0]?.productId).toBe('p-new');
      await expect(engine.findBySku('m570')).resolves.toBe('p-new');
      await engine.upsert(contractProduct('p-new', 'kensington orbit trackball', { sku: 'K72337' }));
      expect((await engine.search({ text: 'kensington orbit', limit: 3 })).hits[0]?.productId).toBe('p-new');
      expect((await engine.search({ text: 'logitech', limit: 10 })).hits.map((hit) => hit.productId)).not.toContain('p-new');
      await expect(engine.findBySku('M570')).resolves.toBeUndefined();
      await engine.remove('p-new');
      expect((await engine.search({ text: 'kensington orbit trackball', limit: 10 })).hits.map((hit) => hit.productId)).not.toContain('p-new');
      await expect(engine.findBySku('K72337')).resolves.toBeUndefined();
      await engine.remove('p-never-existed');
    });

    it('gives sane results for bad input and never throws', async () => {
      await buildLive(CATALOGUE);
      for (const text of BAD_INPUTS) {
        const result = await engine.search({ text, alternatives: [text, '😀'], limit: 5 });
        expect(Array.isArray(result.hits)).toBe(true);
        expect(result.hits.length).toBeLessThanOrEqual(5);
        expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
        await expect(engine.findBySku(text)).resolves.toBeUndefined();
      }
      const mixed = await engine.search({ text: '😀 seagate\u0000 hard drive', limit: 3 });
      expect(mixed.hits[0]?.productId).toBe('p-seagate');
    });

    it('swaps versions atomically: queries during a rebuild never fail and see one whole version', async () => {
      await buildLive([contractProduct('p-old', 'alpha widget original'), ...CATALOGUE]);
      const next = [...fillerCatalogue(bigSize), contractProduct('p-fresh', 'omega gizmo replacement'), ...CATALOGUE];
      let building = true;
      let queriesDuringBuild = 0;
      const failures: unknown[] = [];
      const observe = async () => {
        while (building) {
          try {
            const old = await engine.search({ text: 'alpha widget original', limit: 3 });
            const fresh = await engine.search({ text: 'omega gizmo replacement', limit: 3 });
            if (building) {
              queriesDuringBuild += 1;
              if (old.hits[0]?.productId !== 'p-old') failures.push(`old version lost: ${JSON.stringify(old)}`);
              if (fresh.hits.some((hit) => hit.productId === 'p-fresh')) failures.push('a half-built version was visible');
            }
          } catch (error) {
            failures.push(error);
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      const observer = observe();
      const version = await engine.buildVersion(inBatches(next, 1000));
      building = false;
      await observer;
      await engine.activate(version);
      expect(failures).toEqual([]);
      expect(queriesDuringBuild).toBeGreaterThan(0);
      expect(engine.liveVersion()?.productCount).toBe(next.length);
      expect((await engine.search({ text: 'omega gizmo replacement', limit: 3 })).hits[0]?.productId).toBe('p-fresh');
      expect((await engine.search({ text: 'alpha widget original', limit: 10 })).hits.map((hit) => hit.productId)).not.toContain('p-old');
    });
  });
}
