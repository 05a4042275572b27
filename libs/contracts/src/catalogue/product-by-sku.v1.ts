import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { skuSchema } from '../common/ids';
import { productSummarySchema } from '../common/product';

/** The one product with this item number, as the caller reads it out or keys it in. Exact match. */
export const productBySkuV1 = defineRequest({
  subject: 'catalogue.product.by-sku.v1',
  request: z.object({ sku: skuSchema }),
  success: z.object({ product: productSummarySchema }),
  errorCodes: ['NOT_FOUND'],
});
export type ProductBySkuRequestV1 = z.infer<typeof productBySkuV1.request>;
export type ProductBySkuReplyV1 = ReplyOf<typeof productBySkuV1>;
