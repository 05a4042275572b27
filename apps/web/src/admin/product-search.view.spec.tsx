import { productSearchPath, withSaved } from './product-search.view';

describe('productSearchPath', () => {
  it('searches text, a category, or both, and asks for the category list when told', () => {
    expect(productSearchPath({ query: ' rice ', category: '' })).toBe('/api/admin/products?limit=20&q=rice');
    expect(productSearchPath({ query: '', category: 'Health & care' })).toBe('/api/admin/products?limit=20&category=Health+%26+care');
    expect(productSearchPath({ query: 'oil', category: 'Groceries' }, true)).toBe('/api/admin/products?limit=20&q=oil&category=Groceries&categories=true');
    expect(productSearchPath({ query: '  ', category: '' })).toBeNull();
  });
});

describe('withSaved', () => {
  it('shows a just-saved product as saved, whatever the index still holds', () => {
    const result = {
      hits: [
        { productId: 'a', sku: '1', name: 'Rice 5kg', price: { amountMinor: 4500, currency: 'CNY' }, score: 0.9, category: 'Groceries' },
        { productId: 'b', sku: '2', name: 'Tea', price: null, score: 0.5 },
      ],
      total: 2,
      confirmationMode: 'ask' as const,
    };
    const saved = { id: 'a', sku: '1', name: 'Rice 10kg', price: { amountMinor: 8500, currency: 'CNY' }, active: true, language: 'en' };
    expect(withSaved(result, saved).hits).toEqual([
      { productId: 'a', sku: '1', name: 'Rice 10kg', price: { amountMinor: 8500, currency: 'CNY' }, score: 0.9 },
      result.hits[1],
    ]);
  });
});
