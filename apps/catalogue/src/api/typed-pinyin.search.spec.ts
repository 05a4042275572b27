import type { IndexedProduct } from '../search/search-engine';
import { TypedPinyinSearch, typedPinyin } from './typed-pinyin.search';

const product = (id: string, name: string, aliases: string[] = []): IndexedProduct => ({
  id,
  sku: id,
  name,
  brand: null,
  category: null,
  aliases,
  price: { amountMinor: 1000, currency: 'CNY' },
  active: true,
  language: 'en',
});

const CATALOGUE = [
  product('soy', 'Haitian Light Soy Sauce 500 ml', ['海天生抽酱油 500毫升']),
  product('oil', '金龙鱼花生油 5L'),
  product('tea', 'Lipton Green Tea', ['立顿绿茶']),
  product('beans', 'Heinz Baked Beans'),
];

describe('pinyin typed on an English keyboard', () => {
  it('reads letters (with spaces or apostrophes) as typed pinyin, and nothing with digits or other signs', () => {
    expect(typedPinyin('jiangyou')).toBe('jiangyou');
    expect(typedPinyin("Jiang you")).toBe('jiangyou');
    expect(typedPinyin('lv cha')).toBe('lvcha');
    expect(typedPinyin('tea')).toBeNull();
    expect(typedPinyin('5 kg rice')).toBeNull();
    expect(typedPinyin('酱油')).toBeNull();
  });

  it('finds the product whose Chinese name or alias it spells in whole syllables, best covered first', () => {
    const search = new TypedPinyinSearch();
    expect(search.find('jiangyou', () => CATALOGUE, 'v1', { limit: 5 }).map((hit) => hit.productId)).toEqual(['soy']);
    expect(search.find('huashengyou', () => CATALOGUE, 'v1', { limit: 5 }).map((hit) => hit.productId)).toEqual(['oil']);
    expect(search.find('lvcha', () => CATALOGUE, 'v1', { limit: 5 }).map((hit) => hit.productId)).toEqual(['tea']);
    expect(search.find('lvcha', () => CATALOGUE, 'v1', { limit: 5, language: 'zh' })).toEqual([]);
    expect(search.find('jiangyo', () => CATALOGUE, 'v1', { limit: 5 })).toEqual([]);
    expect(search.find('beans', () => CATALOGUE, 'v1', { limit: 5 })).toEqual([]);
  });

  it('works the syllables out again only when the index version changes', () => {
    const search = new TypedPinyinSearch();
    let reads = 0;
    const products = () => {
      reads += 1;
      return CATALOGUE;
    };
    search.find('jiangyou', products, 'v1', { limit: 5 });
    search.find('lvcha', products, 'v1', { limit: 5 });
    expect(reads).toBe(1);
    expect(search.find('shengchou', () => [...CATALOGUE, product('new', '生抽')], 'v2', { limit: 5 }).map((hit) => hit.productId).sort()).toEqual(['new', 'soy']);
  });
});
