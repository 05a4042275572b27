import { niveaCreme } from '../common/fixtures';
import { casesBySubject, expectCaseRoundTrips, expectRejectedAt } from '../round-trip.spec-helper';
import { CATALOGUE_STREAM } from '../streams';
import {
  catalogueCases,
  matchesFound,
  productBySku,
  productChanged,
  productGet,
  importProgress,
  productsSearch,
  reindexProgress,
  reindexCompleted,
  vocabularyGet,
} from './fixtures';
import { matchesFoundV1 } from './matches-found.v1';
import { productBySkuV1 } from './product-by-sku.v1';
import { productChangedV1 } from './product-changed.v1';
import { productGetV1 } from './product-get.v1';
import { productsSearchV1 } from './products-search.v1';
import { reindexCompletedV1 } from './reindex-completed.v1';
import { reindexProgressV1 } from './reindex-progress.v1';
import { vocabularyGetV1 } from './vocabulary-get.v1';
import { importProgressV1 } from './import-progress.v1';
import { reindexRequestedV1 } from './reindex-requested.v1';
import { reindexRunV1 } from './reindex-run.v1';

describe('catalogue contracts', () => {
  it.each(casesBySubject(catalogueCases))('%s round-trips over the wire', (_subject, example) => {
    expectCaseRoundTrips(example);
  });

  it('keeps product changes and completed reindexes, and lets matches and progress go by', () => {
    expect(productChangedV1.stream).toBe(CATALOGUE_STREAM);
    expect(reindexCompletedV1.stream).toBe(CATALOGUE_STREAM);
    expect(matchesFoundV1).toMatchObject({ scope: 'call', delivery: 'core' });
    expect(reindexProgressV1).toMatchObject({ scope: 'global', delivery: 'core' });
  });

  it('lists the stable error codes callers handle', () => {
    expect(productGetV1.errorCodes).toEqual(['NOT_FOUND']);
    expect(productBySkuV1.errorCodes).toEqual(['NOT_FOUND']);
    expect(productsSearchV1.errorCodes).toEqual([]);
    expect(vocabularyGetV1.errorCodes).toEqual([]);
  });

  describe('matches found', () => {
    const { schema } = matchesFoundV1;
    const [bestHit] = matchesFound.payload.hits;

    it('refuses a price in yuan rather than fen', () => {
      const hits = [{ ...bestHit, price: { amountMinor: 59.0001, currency: 'CNY' } }];
      expectRejectedAt(schema, { ...matchesFound.payload, hits }, ['hits', 0, 'price', 'amountMinor']);
    });

    it('refuses a quantity of zero and a score above 1', () => {
      expectRejectedAt(schema, { ...matchesFound.payload, quantity: 0 }, ['quantity']);
      const hits = [{ ...bestHit, score: 12.7 }];
      expectRejectedAt(schema, { ...matchesFound.payload, hits }, ['hits', 0, 'score']);
    });

    it('refuses a total smaller than the hits it holds', () => {
      expectRejectedAt(schema, { ...matchesFound.payload, total: 1 }, ['total']);
    });

    it('says where the mention came from and how to confirm it', () => {
      expectRejectedAt(schema, { ...matchesFound.payload, source: 'web' }, ['source']);
      expectRejectedAt(schema, { ...matchesFound.payload, confirmationMode: 'list' }, ['confirmationMode']);
    });

    it('accepts many candidates with the item-number mode and an empty result', () => {
      const many = { ...matchesFound.payload, total: 37, confirmationMode: 'item-number' as const };
      expect(schema.safeParse(many).success).toBe(true);
      expect(schema.safeParse({ ...matchesFound.payload, hits: [], total: 0 }).success).toBe(true);
    });
  });

  describe('requests', () => {
    it.each([0, 51, 2.5])('refuses a search limit of %d', (limit) => {
      expectRejectedAt(productsSearchV1.request, { ...productsSearch.request, limit }, ['limit']);
    });

    it('refuses a blank query', () => {
      expectRejectedAt(productsSearchV1.request, { ...productsSearch.request, query: '  ' }, ['query']);
    });

    it('browses a category without a query, but needs a query, a category or the category list (decision 0097)', () => {
      expect(productsSearchV1.request.parse({ category: ' Health ', limit: 20 })).toEqual({ category: 'Health', limit: 20 });
      expect(productsSearchV1.request.safeParse({ includeCategories: true, limit: 1 }).success).toBe(true);
      expectRejectedAt(productsSearchV1.request, { limit: 20 }, ['query']);
      expectRejectedAt(productsSearchV1.request, { limit: 20, includeCategories: false }, ['query']);
      expectRejectedAt(productsSearchV1.request, { limit: 20, category: '' }, ['category']);
      const reply = { ok: true, hits: [], total: 0, confirmationMode: 'ask', categories: [{ name: 'Health', count: 3 }] };
      expect(productsSearchV1.reply.safeParse(reply).success).toBe(true);
    });

    it('takes item numbers as merchants write them, and refuses anything else', () => {
      for (const sku of ['100234', 'DCS-1100', 'elplp12', 'bj-2c7559']) {
        expect(productBySkuV1.request.parse({ sku })).toEqual({ sku });
      }
      expectRejectedAt(productBySkuV1.request, { sku: '100 234' }, ['sku']);
      expectRejectedAt(productBySkuV1.request, { sku: '-100' }, ['sku']);
      expectRejectedAt(productBySkuV1.request, { sku: '' }, ['sku']);
      expectRejectedAt(productBySkuV1.request, { sku: 'x'.repeat(41) }, ['sku']);
    });

    it('takes merchant product ids and generated uuids, and refuses ids unsafe to carry', () => {
      for (const productId of ['W0', 'tb-train-17', '3f1c2a9e-8b4d-4c6a-9e2f-1a7b5c3d9e01']) {
        expect(productGetV1.request.parse({ productId })).toEqual({ productId });
      }
      expectRejectedAt(productGetV1.request, { productId: 'two words' }, ['productId']);
      expectRejectedAt(productGetV1.request, { productId: '' }, ['productId']);
    });

    it('refuses an error code the request does not declare', () => {
      const foreign = { ok: false, code: 'PRODUCT_NOT_FOUND', message: 'no such product' };
      expectRejectedAt(productGetV1.reply, foreign, ['code']);
      const undeclared = { ok: false, code: 'NOT_FOUND', message: 'nothing matched' };
      expectRejectedAt(productsSearchV1.reply, undeclared, ['code']);
    });

    it('refuses a success reply without its product or with an ok flag that lies', () => {
      expectRejectedAt(productBySkuV1.reply, { ok: true }, ['product']);
      expect(productGetV1.reply.safeParse({ ...productGet.success, ok: 'yes' }).success).toBe(false);
      const { product } = productBySku.success;
      expectRejectedAt(productBySkuV1.reply, { ok: true, product: { ...product, active: 'true' } }, [
        'product',
        'active',
      ]);
    });
  });

  describe('imports and reindex requests', () => {
    it('keeps import progress and reindex requests live only, so every replica hears a reindex request', () => {
      expect(importProgressV1).toMatchObject({ scope: 'global', delivery: 'core' });
      expect(reindexRequestedV1).toMatchObject({ scope: 'global', delivery: 'core' });
      expect(reindexRunV1.errorCodes).toEqual([]);
    });

    it('refuses negative import counts, an unknown phase and a reindex id that is not a uuid', () => {
      expectRejectedAt(importProgressV1.schema, { ...importProgress.payload, rejected: -1 }, ['rejected']);
      expectRejectedAt(importProgressV1.schema, { ...importProgress.payload, phase: 'paused' }, ['phase']);
      expectRejectedAt(reindexRunV1.request, { reindexId: 'now' }, ['reindexId']);
      expect(reindexRunV1.request.parse({})).toEqual({});
    });

    it('accepts the optional replica id and vocabulary limit, and refuses a limit out of range', () => {
      expect(reindexProgressV1.schema.safeParse({ ...reindexProgress.payload, replicaId: 'catalogue-1' }).success).toBe(true);
      expect(reindexCompletedV1.schema.safeParse({ ...reindexCompleted.payload, replicaId: 'catalogue-1' }).success).toBe(true);
      expect(vocabularyGetV1.request.safeParse({ ...vocabularyGet.request, limit: 300 }).success).toBe(true);
      expectRejectedAt(vocabularyGetV1.request, { ...vocabularyGet.request, limit: 0 }, ['limit']);
    });
  });

  describe('catalogue facts', () => {
    it('refuses progress beyond the total and an unknown phase', () => {
      expectRejectedAt(reindexProgressV1.schema, { ...reindexProgress.payload, done: 4381 }, ['done']);
      expectRejectedAt(reindexProgressV1.schema, { ...reindexProgress.payload, phase: 'done' }, ['phase']);
    });

    it('refuses a changed product with a negative price or an unknown change', () => {
      const product = { ...niveaCreme, price: { amountMinor: -100, currency: 'CNY' } };
      expectRejectedAt(productChangedV1.schema, { ...productChanged.payload, product }, [
        'product',
        'price',
        'amountMinor',
      ]);
      expectRejectedAt(productChangedV1.schema, { ...productChanged.payload, change: 'deleted' }, ['change']);
    });
  });
});
