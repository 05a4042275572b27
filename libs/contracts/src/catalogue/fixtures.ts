import { ContractCase, eventCase, requestCase } from '../fixture-cases';
import { CALL_ID, niveaCreme, niveaSoft, peanutOil } from '../common/fixtures';
import { ProductHit, ProductSummary } from '../common/product';
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
import { importRunV1 } from './import-run.v1';
import { productUpdateV1 } from './product-update.v1';

const REINDEX_ID = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';

function hit(product: ProductSummary, score: number): ProductHit {
  return { productId: product.id, sku: product.sku, name: product.name, price: product.price, score };
}

export const niveaHits: ProductHit[] = [hit(niveaCreme, 0.93), hit(niveaSoft, 0.71)];

export const matchesFound = eventCase(matchesFoundV1, {
  callId: CALL_ID,
  utteranceId: 'u-0007',
  mention: 'nivea hand cream the big one',
  quantity: 2,
  hits: niveaHits,
  total: 2,
  confirmationMode: 'ask',
  source: 'speech',
  sequence: 12,
});

export const productsSearch = requestCase(productsSearchV1, {
  request: { query: 'nivea cream', limit: 5, language: 'en' },
  success: { ok: true, hits: niveaHits, total: 2, confirmationMode: 'ask' },
  failure: { ok: false, code: 'UNAVAILABLE', message: 'search index is being swapped, retry' },
});

export const productGet = requestCase(productGetV1, {
  request: { productId: peanutOil.id },
  success: { ok: true, product: peanutOil },
  failure: { ok: false, code: 'NOT_FOUND', message: `no product ${peanutOil.id}` },
});

export const productBySku = requestCase(productBySkuV1, {
  request: { sku: niveaCreme.sku },
  success: { ok: true, product: niveaCreme },
  failure: { ok: false, code: 'NOT_FOUND', message: 'no product with item number 999999' },
});

export const vocabularyGet = requestCase(vocabularyGetV1, {
  request: { language: 'zh' },
  success: {
    ok: true,
    version: 'idx-20250314-0102',
    phrases: ['金龙鱼', '金龙鱼 花生油 5L', '花生油', '鲁花', '妮维雅'],
    generatedAt: '2025-03-14T01:02:11.000Z',
  },
  failure: { ok: false, code: 'TIMEOUT', message: 'catalogue did not answer within 2000 ms' },
});

export const reindexProgress = eventCase(reindexProgressV1, {
  reindexId: REINDEX_ID,
  phase: 'indexing',
  done: 1250,
  total: 4380,
});

export const reindexCompleted = eventCase(reindexCompletedV1, {
  reindexId: REINDEX_ID,
  indexVersion: 'idx-20250314-0102',
  productCount: 4380,
  completedAt: '2025-03-14T01:02:10.512Z',
});

export const productChanged = eventCase(productChangedV1, {
  change: 'updated',
  product: { ...peanutOil, price: { amountMinor: 15990, currency: 'CNY' } },
  changedAt: '2025-03-14T08:00:00.000+08:00',
});

export const importProgress = eventCase(importProgressV1, {
  importId: '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e',
  phase: 'running',
  file: 'spring-catalogue.csv',
  linesRead: 1001,
  created: 940,
  updated: 35,
  unchanged: 12,
  rejected: 13,
});

export const reindexRun = requestCase(reindexRunV1, {
  request: { reindexId: REINDEX_ID },
  success: { ok: true, reindexId: REINDEX_ID },
  failure: { ok: false, code: 'UNAVAILABLE', message: 'no service answers catalogue.reindex.run.v1' },
});

export const reindexRequested = eventCase(reindexRequestedV1, { reindexId: REINDEX_ID });

export const importRun = requestCase(importRunV1, {
  request: {
    importId: '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e',
    fileName: 'spring-catalogue.csv',
    format: 'csv',
    content: 'sku,name,price\n100234,Nivea Creme 150 ml,59.00\n',
    currency: 'CNY',
    actor: { kind: 'staff', staffId: 'manager-2' },
  },
  success: {
    ok: true,
    importId: '0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e',
    linesRead: 2,
    created: 1,
    updated: 0,
    unchanged: 0,
    rejectedRows: [{ line: 3, reason: 'price: a negative price' }],
    rejected: 1,
  },
  failure: { ok: false, code: 'UNREADABLE_FILE', message: 'line 1: the header row names no "name" column' },
});

export const productUpdate = requestCase(productUpdateV1, {
  request: { productId: peanutOil.id, changes: { aliases: ['花生油', '金龙鱼油'], price: { amountMinor: 15990, currency: 'CNY' } } },
  success: { ok: true, product: { ...peanutOil, price: { amountMinor: 15990, currency: 'CNY' } }, aliases: ['花生油', '金龙鱼油'] },
  failure: { ok: false, code: 'NOT_FOUND', message: 'no product 7d2e4b1a-5c3f-4e8d-a1b2-c3d4e5f60718' },
});

export const catalogueCases: readonly ContractCase[] = [
  importRun,
  productUpdate,
  importProgress,
  reindexRun,
  reindexRequested,
  matchesFound,
  productsSearch,
  productGet,
  productBySku,
  vocabularyGet,
  reindexProgress,
  reindexCompleted,
  productChanged,
];
