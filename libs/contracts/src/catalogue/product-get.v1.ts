import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { productIdSchema } from '../common/ids';
import { productSummarySchema } from '../common/product';

/** One product by id, active or not (old orders and carts still name inactive products). */
export const productGetV1 = defineRequest({
  subject: 'catalogue.product.get.v1',
  request: z.object({ productId: productIdSchema }),
  success: z.object({
    product: productSummarySchema,
    /** The other names callers use for it (synonyms), for the admin page's editor. */
    aliases: z.array(z.string()).optional(),
  }),
  errorCodes: ['NOT_FOUND'],
});
export type ProductGetRequestV1 = z.infer<typeof productGetV1.request>;
export type ProductGetReplyV1 = ReplyOf<typeof productGetV1>;
