import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { languageSchema } from '../common/language';
import { confirmationModeSchema, productHitSchema } from '../common/product';

/** A product category as the catalogue file names it. */
export const categoryNameSchema = z.string().trim().min(1).max(100);

/** One category of the live catalogue and how many products it holds. */
export const categoryCountSchema = z.object({ name: categoryNameSchema, count: z.number().int().nonnegative() });
export type CategoryCount = z.infer<typeof categoryCountSchema>;

/**
 * Find products by free text (a name as spoken or typed), as the agent desk and the shop do; the
 * admin page also browses by category (decision 0097): `category` narrows the hits to it, and
 * alone (without `query`) lists the category's products by name. Every request that names a
 * `query` reads as before, so older senders are unaffected; a request without one needs a
 * catalogue that knows `category`.
 */
export const productsSearchV1 = defineRequest({
  subject: 'catalogue.products.search.v1',
  request: z
    .object({
      query: z.string().trim().min(1).max(200).optional(),
      /** The caller picks it (the desk uses the confirmation threshold, the shop a page size). */
      limit: z.number().int().min(1).max(50),
      language: languageSchema.optional(),
      /** Only products of this category (compared without regard to case). */
      category: categoryNameSchema.optional(),
      /** Also answer the live catalogue's categories with their counts (the admin's category list). */
      includeCategories: z.boolean().optional(),
    })
    .refine((request) => request.query !== undefined || request.category !== undefined || request.includeCategories === true, {
      message: 'a query, a category, or includeCategories',
      path: ['query'],
    }),
  success: z.object({
    hits: z.array(productHitSchema).max(50),
    total: z.number().int().nonnegative(),
    confirmationMode: confirmationModeSchema,
    /** When asked for: every category of the live catalogue, by name, at most 500. */
    categories: z.array(categoryCountSchema).max(500).optional(),
  }),
});
export type ProductsSearchRequestV1 = z.infer<typeof productsSearchV1.request>;
export type ProductsSearchReplyV1 = ReplyOf<typeof productsSearchV1>;
