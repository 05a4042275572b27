import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { languageSchema } from '../common/language';
import { confirmationModeSchema, productHitSchema } from '../common/product';

/** Find products by free text (a name as spoken or typed), as the agent desk and the shop do. */
export const productsSearchV1 = defineRequest({
  subject: 'catalogue.products.search.v1',
  request: z.object({
    query: z.string().trim().min(1).max(200),
    /** The caller picks it (the desk uses the confirmation threshold, the shop a page size). */
    limit: z.number().int().min(1).max(50),
    language: languageSchema.optional(),
  }),
  success: z.object({
    hits: z.array(productHitSchema).max(50),
    total: z.number().int().nonnegative(),
    confirmationMode: confirmationModeSchema,
  }),
});
export type ProductsSearchRequestV1 = z.infer<typeof productsSearchV1.request>;
export type ProductsSearchReplyV1 = ReplyOf<typeof productsSearchV1>;
