import { z } from 'zod';
import { defineEvent } from '../contract';
import { productSummarySchema } from '../common/product';
import { timestampSchema } from '../common/time';
import { CATALOGUE_STREAM } from '../streams';

/** A product was created, edited or withdrawn from sale; carries the product as it now is. */
export const productChangedV1 = defineEvent({
  subject: 'catalogue.product.changed.v1',
  stream: CATALOGUE_STREAM,
  schema: z.object({
    change: z.enum(['created', 'updated', 'deactivated']),
    product: productSummarySchema,
    changedAt: timestampSchema,
  }),
});
export type ProductChangedV1 = z.infer<typeof productChangedV1.schema>;
