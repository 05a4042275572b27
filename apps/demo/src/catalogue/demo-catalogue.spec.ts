import { CALLER_SCRIPT } from '../call/caller-script';
import { type DemoProduct, demoCataloguePath, parseDemoCatalogue, readDemoCatalogueText } from './demo-catalogue';

/** The house rules of the demo catalogue; that the catalogue import accepts every line is checked in demo.int-spec.ts. */
describe('the demo catalogue file', () => {
  let products: DemoProduct[];
  beforeAll(() => {
    products = parseDemoCatalogue(readDemoCatalogueText());
  });

  it('is found from the source folder (and from dist/, by walking up)', () => {
    expect(demoCataloguePath()).toMatch(/apps\/demo\/data\/demo-catalogue\.jsonl$/);
    expect(() => demoCataloguePath('/')).toThrow(/not found/);
  });

  it('has about two hundred products, every line in the demo format: English name, Chinese alias first, six-digit item number, CNY price', () => {
    expect(products.length).toBeGreaterThanOrEqual(180);
    expect(products.length).toBeLessThanOrEqual(250);
    for (const product of products) {
      expect(product.aliases[0]).toMatch(/\p{Script=Han}/u);
      expect(product.sku).toMatch(/^\d{6}$/);
    }
  });

  it('has unique ids and unique item numbers (a keyed-in number names one product)', () => {
    expect(new Set(products.map((product) => product.id)).size).toBe(products.length);
    expect(new Set(products.map((product) => product.sku)).size).toBe(products.length);
  });

  it('sells groceries, health and household goods', () => {
    const categories = new Set(products.map((product) => product.category));
    for (const category of ['Rice and grains', 'Cooking oil', 'Tea and drinks', 'Health monitors', 'Eyes and ears', 'Continence care', 'Laundry and cleaning', 'Batteries and lighting']) {
      expect(categories).toContain(category);
    }
  });

  it('holds what the scripted caller orders: a short list for the first mention, more than five candidates for the second', () => {
    const first = products.find((product) => product.id === CALLER_SCRIPT.first.productId);
    const second = products.find((product) => product.id === CALLER_SCRIPT.second.productId);
    expect(first?.name).toMatch(/hot water bottle/i);
    expect(second?.sku).toBe(CALLER_SCRIPT.second.itemNumber);
    const named = (words: RegExp) => products.filter((product) => words.test(product.name)).length;
    expect(named(/hot water bottle/i)).toBeGreaterThan(1);
    expect(named(/hot water bottle/i)).toBeLessThanOrEqual(5);
    expect(named(CALLER_SCRIPT.second.nameWords)).toBeGreaterThan(5);
  });

  it('shares words between products, so some mentions have several candidates (soy sauces, rices)', () => {
    expect(products.filter((product) => /soy sauce/i.test(product.name)).length).toBeGreaterThan(5);
    expect(products.filter((product) => /\brice\b/i.test(product.name)).length).toBeGreaterThan(5);
  });

  it('names the line a bad row is on', () => {
    const good = JSON.stringify({ id: 'demo-tea', sku: '123456', name: 'Tea', aliases: ['茶'], category: 'Tea', price: '1.00', currency: 'CNY', language: 'en' });
    const chineseName = JSON.stringify({ ...JSON.parse(good), name: '西湖龙井茶叶' });
    expect(() => parseDemoCatalogue(`${good}\n${chineseName}\n`)).toThrow(/line 2: name: the name is English/);
    const fiveDigits = JSON.stringify({ ...JSON.parse(good), sku: '12345' });
    expect(() => parseDemoCatalogue(fiveDigits)).toThrow(/line 1: sku: item numbers are six digits/);
  });
});
