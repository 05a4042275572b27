import { EmbeddedSearchEngine } from '../search/embedded-search-engine';
import { contractProduct } from '../search/search-engine.contract';
import type { IndexedProduct } from '../search/search-engine';
import { ProductMatcher } from './product-matcher';

const catalogue: IndexedProduct[] = [
  contractProduct('dlink', 'd-link dcs-1100 network camera', { brand: 'd-link', sku: 'DCS-1100' }),
  contractProduct('m705', 'logitech m705 marathon wireless mouse', { brand: 'logitech', sku: 'M705' }),
  contractProduct('seagate', 'seagate barracuda internal hard drive', { brand: 'seagate', sku: 'ST2000' }),
  contractProduct('nivea', 'nivea soft hand cream 150 ml', { brand: 'nivea', sku: '2345' }),
  contractProduct('cola', '可口可乐 330ml 罐装', { brand: '可口可乐', sku: 'KO330' }),
  contractProduct('milk', '蒙牛纯牛奶 250ml', { brand: '蒙牛', sku: 'MN250' }),
  ...['red', 'blue', 'green', 'black', 'white', 'pink', 'grey'].map((colour, i) => contractProduct(`cable-${colour}`, `usb cable ${colour}`, { sku: `C-${i}` })),
];

describe('ProductMatcher', () => {
  let matcher: ProductMatcher;
  const options = { limit: 5, confirmListMax: 5 };

  beforeAll(async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.activate(await engine.buildVersion((async function* () {
      yield catalogue;
    })()));
    matcher = new ProductMatcher(engine);
  });

  it('finds a product through recognition errors, with its quantity', async () => {
    const [match] = await matcher.match({ text: 'um can I get two see gate hard drives please' }, options);
    expect(match).toMatchObject({ mention: 'see gate hard drives', quantity: 2, kind: 'text', confirmationMode: 'ask' });
    expect(match.hits[0].productId).toBe('seagate');
  });

  it('splits several products in one utterance', async () => {
    const matches = await matcher.match({ text: '来三盒蒙牛纯牛奶还有两瓶可口可乐' }, options);
    expect(matches.map((match) => [match.hits[0]?.productId, match.quantity])).toEqual([
      ['milk', 3],
      ['cola', 2],
    ]);
  });

  it('matches a spoken item number exactly, in English or Chinese', async () => {
    const [english] = await matcher.match({ text: 'the item number is d c s one one hundred' }, options);
    expect(english).toMatchObject({ kind: 'item-number', total: 1, confirmationMode: 'ask', hits: [{ productId: 'dlink', score: 1 }] });
    const [mouse] = await matcher.match({ text: 'm seven oh five' }, options);
    expect(mouse).toMatchObject({ kind: 'item-number', hits: [{ productId: 'm705' }] });
    const [chinese] = await matcher.match({ text: '二三四五', language: 'zh' }, options);
    expect(chinese).toMatchObject({ kind: 'item-number', hits: [{ productId: 'nivea' }] });
  });

  it('matches keypad digits exactly, with no typo tolerance', async () => {
    await expect(matcher.matchItemNumber('2345#')).resolves.toMatchObject({ kind: 'item-number', hits: [{ productId: 'nivea' }], total: 1 });
    await expect(matcher.matchItemNumber('2346')).resolves.toMatchObject({ hits: [], total: 0 });
    await expect(matcher.matchItemNumber('d c s one one oh one')).resolves.toMatchObject({ hits: [], total: 0 });
  });

  it('asks for the item number when more candidates match than can be read out', async () => {
    const [cables] = await matcher.match({ text: 'do you have a usb cable' }, { limit: 5, confirmListMax: 5 });
    expect(cables.total).toBeGreaterThan(5);
    expect(cables.hits).toHaveLength(5);
    expect(cables.confirmationMode).toBe('item-number');
    const [wider] = await matcher.match({ text: 'do you have a usb cable' }, { limit: 10, confirmListMax: 10 });
    expect(wider.confirmationMode).toBe('ask');
  });

  it("uses the recogniser's alternatives", async () => {
    const [match] = await matcher.match({ text: 'I need the nee via cream', alternatives: ['I need the nivea cream'] }, options);
    expect(match.hits[0].productId).toBe('nivea');
  });

  it('returns no matches for empty or meaningless input, and never throws', async () => {
    await expect(matcher.match({ text: '' }, options)).resolves.toEqual([]);
    await expect(matcher.match({ text: 'um, thanks' }, options)).resolves.toEqual([]);
    for (const text of ['x'.repeat(10_000), '\u0000\u001b[2J', '😀😀', "'; DROP TABLE products; --", '.*+?^${}()|[]\\']) {
      const matches = await matcher.match({ text, alternatives: [text] }, options);
      expect(Array.isArray(matches)).toBe(true);
    }
  });
});
