import { aliasSynonyms, meiliDocumentKey, meiliIndexSettings, meiliSearchRequest, meiliSkuFilter, toMeiliDocument } from './meilisearch-payloads';
import { MeilisearchSearchEngine } from './meilisearch-search-engine';
import { contractProduct, describeSearchEngineContract } from './search-engine.contract';

const meiliUrl = process.env.MEILI_URL;

describe('Meilisearch against a server', () => {
  if (!meiliUrl) {
    console.warn('Meilisearch contract suite SKIPPED: set MEILI_URL (and MEILI_API_KEY) to run it against a server.');
    return;
  }
  let run = 0;
  describeSearchEngineContract(
    'meilisearch',
    () => new MeilisearchSearchEngine({ url: meiliUrl, apiKey: process.env.MEILI_API_KEY ?? '', indexPrefix: `contract_${process.pid}_${(run += 1)}` }),
    { bigCatalogueSize: 3000 },
  );
});

describe('Meilisearch payloads (what the adapter sends)', () => {
  const camera = contractProduct('W3:x.1', 'd-link dcs-1100 network camera', { brand: 'd-link', sku: 'DCS-1100', aliases: ['dlink cam'] });
  const shoes = contractProduct('tb-1', '沙乐华男式徒步鞋', { sku: 'SAL-01', aliases: ['徒步鞋'] });
  const boots = contractProduct('tb-2', '男式登山靴', { sku: 'SAL-02', aliases: ['徒步鞋'] });

  it('sets searchable attributes, ranking rules, filters and typo tolerance explicitly, with no typos on item numbers', () => {
    const settings = meiliIndexSettings([camera, shoes, boots]);
    expect(settings.searchableAttributes).toEqual(['name', 'brand', 'aliases', 'skuKey', 'phoneticKeys', 'pinyinKeys']);
    expect(settings.rankingRules).toEqual(['words', 'typo', 'proximity', 'attribute', 'exactness']);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['active', 'language', 'skuKey']));
    expect(settings.typoTolerance?.disableOnAttributes).toEqual(expect.arrayContaining(['skuKey']));
    expect(settings.synonyms).toEqual({ 'dlink cam': ['d-link dcs-1100 network camera'] });
  });

  it('maps a product to a document with a safe id, the normalised item number and phonetic and pinyin keys', () => {
    const document = toMeiliDocument(camera);
    expect(document.key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(document.key, 'base64url').toString('utf8')).toBe('W3:x.1');
    expect(document).toMatchObject({ productId: 'W3:x.1', sku: 'DCS-1100', skuKey: 'dcs1100', active: true, language: 'en' });
    expect(document.phoneticKeys.split(' ')).toEqual(expect.arrayContaining(['tlnk', 'ntrk', 'kmr', 'ntrkkmr']));
    const chinese = toMeiliDocument(shoes);
    expect(chinese.pinyinKeys.split(' ')).toEqual(expect.arrayContaining(['sane', 'tubu', 'buxie']));
  });

  it('sends queries with phonetic and pinyin keys, active products only, and item numbers as exact filters', () => {
    const request = meiliSearchRequest({ text: 'see gate drive', language: 'en', limit: 5 });
    expect(request.q).toContain('see gate drive');
    expect(request.q.split(' ')).toContain('skt');
    expect(request.filter).toEqual(['active = true', 'language = "en"']);
    expect(meiliSearchRequest({ text: '杀乐华', limit: 5 }).q.split(' ')).toContain('sane');
    expect(meiliSkuFilter('DCS-1100')).toEqual(['skuKey = "dcs1100"', 'active = true']);
    expect(meiliSearchRequest({ text: '"; DROP\u0000', limit: 5 }).q).not.toContain('\u0000');
  });

  it('turns only aliases owned by one product into synonyms', () => {
    expect(aliasSynonyms([shoes, boots])).toEqual({});
    expect(meiliDocumentKey('a')).toBe('YQ');
  });
});
