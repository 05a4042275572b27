import { browseCategory, categoriesOf, keepCategory } from './category-browse';

const products = [
  { id: 'a', name: 'Rice 5kg', category: 'Groceries' },
  { id: 'b', name: 'Hot water bottle', category: 'Health' },
  { id: 'c', name: 'Peanut oil', category: 'groceries' },
  { id: 'd', name: 'Apple juice', category: 'Groceries' },
  { id: 'e', name: 'Loose item', category: null },
];

describe('category browsing', () => {
  it('counts the categories by name (one category whatever the case), leaving out products without one', () => {
    expect(categoriesOf(products)).toEqual([
      { name: 'Groceries', count: 3 },
      { name: 'Health', count: 1 },
    ]);
  });

  it('lists a category by name whatever its case, with the count beyond the limit', () => {
    const { products: page, total } = browseCategory(products, 'GROCERIES', 2);
    expect(page.map((product) => product.id)).toEqual(['d', 'c']);
    expect(total).toBe(3);
  });

  it('narrows search hits to a category and drops hits the index no longer has', () => {
    const byId = new Map(products.map((product) => [product.id, product]));
    const hits = [{ productId: 'b' }, { productId: 'a' }, { productId: 'gone' }, { productId: 'e' }];
    expect(keepCategory(hits, 'health', (id) => byId.get(id))).toEqual([{ productId: 'b' }]);
  });
});
