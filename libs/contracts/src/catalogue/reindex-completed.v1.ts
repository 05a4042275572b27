import { z } from 'zod';
import { defineEvent } from '../contract';
import { timestampSchema } from '../common/time';
import { CATALOGUE_STREAM } from '../streams';

/**
 * A new search index is live: every catalogue replica switches to `indexVersion`, and recognisers
 * refetch their vocabulary.
 */
export const reindexCompletedV1 = defineEvent({
  subject: 'catalogue.reindex.completed.v1',
  stream: CATALOGUE_STREAM,
  schema: z.object({
    reindexId: z.uuid(),
    indexVersion: z.string().min(1).max(64),
    productCount: z.number().int().nonnegative(),
    completedAt: timestampSchema,
    /** Which catalogue replica swapped its index (each rebuilds its own embedded index). */
    replicaId: z.string().min(1).max(128).optional(),
  }),
});
export type ReindexCompletedV1 = z.infer<typeof reindexCompletedV1.schema>;
