import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { actorSchema } from '../common/actor';
import { productIdSchema } from '../common/ids';
import { nonNegativeMoneySchema } from '../common/money';
import { productSummarySchema } from '../common/product';

/**
 * A catalogue manager edits one product from the admin page: name, brand, category, the aliases
 * (synonyms callers use), the price (null: not orderable) or whether it is sold. Only the fields
 * given change; the live indexes of every replica follow (`catalogue.product.changed.v1`).
 */
export const productUpdateV1 = defineRequest({
  subject: 'catalogue.product.update.v1',
  request: z.object({
    productId: productIdSchema,
    changes: z
      .object({
        name: z.string().trim().min(1).max(200),
        brand: z.string().trim().min(1).max(100).nullable(),
        category: z.string().trim().min(1).max(100).nullable(),
        aliases: z.array(z.string().trim().min(1).max(200)).max(50),
        price: nonNegativeMoneySchema.nullable(),
        active: z.boolean(),
      })
      .partial()
      .refine((changes) => Object.keys(changes).length > 0, 'nothing to change'),
    actor: actorSchema.optional(),
  }),
  success: z.object({ product: productSummarySchema, aliases: z.array(z.string()) }),
  errorCodes: ['NOT_FOUND'],
});
export type ProductUpdateRequestV1 = z.infer<typeof productUpdateV1.request>;
export type ProductUpdateReplyV1 = ReplyOf<typeof productUpdateV1>;
