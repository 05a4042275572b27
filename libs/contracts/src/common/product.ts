import { z } from 'zod';
import { productIdSchema, skuSchema } from './ids';
import { languageSchema } from './language';
import { nonNegativeMoneySchema } from './money';

/** What other services and the agent's screen need to know about a product. */
export const productSummarySchema = z.object({
  id: productIdSchema,
  sku: skuSchema,
  name: z.string().trim().min(1).max(200),
  brand: z.string().trim().min(1).max(100).optional(),
  category: z.string().trim().min(1).max(100).optional(),
  /** Null for a product listed without a price: it can be found but not ordered until priced. */
  price: nonNegativeMoneySchema.nullable(),
  /** Inactive products stay findable by id for old orders but cannot be added to a cart. */
  active: z.boolean(),
  /** The language the product's name is written in (and spoken in). */
  language: languageSchema,
});
export type ProductSummary = z.infer<typeof productSummarySchema>;

/** One search candidate, best first, with the engine's relevance normalised to 0..1. */
export const productHitSchema = z.object({
  productId: productIdSchema,
  sku: skuSchema,
  name: z.string().min(1).max(200),
  price: nonNegativeMoneySchema.nullable(),
  score: z.number().min(0).max(1),
  /**
   * The product's Chinese name when its own name is not in Chinese (the first alias written in
   * Han script), so a Chinese screen can show it first with the catalogue name beside it.
   */
  chineseName: z.string().min(1).max(200).optional(),
  /** The product's category, when it has one (the admin's search shows it). */
  category: z.string().min(1).max(100).optional(),
  /** The product's brand when the catalogue lists one: the desk narrows a long candidate list by it. */
  brand: z.string().min(1).max(100).optional(),
});
export type ProductHit = z.infer<typeof productHitSchema>;

/**
 * How the agent confirms the item: few enough candidates (the configured N, default 5) and the
 * agent reads them out (`ask`); more and the agent asks for the item number (`item-number`).
 */
export const confirmationModeSchema = z.enum(['ask', 'item-number']);
export type ConfirmationMode = z.infer<typeof confirmationModeSchema>;
