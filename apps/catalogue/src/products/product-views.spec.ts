import { chineseNameOf, toProductHit } from './product-views';

describe('the Chinese name a search hit carries', () => {
  it('is the first alias in Han script of a product named in another script', () => {
    expect(chineseNameOf({ name: 'Arawana Jasmine Rice 5 kg', aliases: ['fragrant rice', '金龙鱼泰国香米 5公斤', '香米'] })).toBe('金龙鱼泰国香米 5公斤');
  });

  it('is absent when the name is already Chinese or no alias is', () => {
    expect(chineseNameOf({ name: '金龙鱼花生油 5L', aliases: ['花生油'] })).toBeUndefined();
    expect(chineseNameOf({ name: 'Nivea Creme 150 ml', aliases: ['nivea cream'] })).toBeUndefined();
  });
});

describe('a search hit', () => {
  const rice = { id: 'p1', sku: '210101', name: 'Arawana Northeast Pearl Rice 5 kg', brand: 'Arawana', category: null, aliases: [], price: null, active: true, language: 'en' as const };

  it('carries the brand the catalogue lists, so the desk can narrow a long list by it', () => {
    expect(toProductHit(rice, 0.9).brand).toBe('Arawana');
    expect(toProductHit({ ...rice, brand: null }, 0.9)).not.toHaveProperty('brand');
  });
});
