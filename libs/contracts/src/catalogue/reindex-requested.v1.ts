import { z } from 'zod';
import { defineEvent } from '../contract';

/**
 * Every catalogue replica rebuilds its own index now (core NATS, no queue group: a fan-out).
 * Published by the replica that accepted `catalogue.reindex.run.v1`.
 */
export const reindexRequestedV1 = defineEvent({
  subject: 'catalogue.reindex.requested.v1',
  schema: z.object({ reindexId: z.uuid() }),
});
export type ReindexRequestedV1 = z.infer<typeof reindexRequestedV1.schema>;
