import { z } from 'zod';
import { defineEvent } from '../contract';

/** How far a running reindex has got, for the admin page's progress bar. Live only. */
export const reindexProgressV1 = defineEvent({
  subject: 'catalogue.reindex.progress.v1',
  schema: z
    .object({
      reindexId: z.uuid(),
      phase: z.enum(['reading', 'indexing', 'swapping']),
      done: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      /** Which catalogue replica reports (each rebuilds its own embedded index). */
      replicaId: z.string().min(1).max(128).optional(),
    })
    .refine((progress) => progress.done <= progress.total, { message: 'done beyond total', path: ['done'] }),
});
export type ReindexProgressV1 = z.infer<typeof reindexProgressV1.schema>;
