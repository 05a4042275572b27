import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';

/**
 * Asks the catalogue service to rebuild its search index from the database and swap it in. One
 * replica answers with the reindex id and announces `catalogue.reindex.requested.v1`, which
 * every replica acts on; progress and completion follow as `catalogue.reindex.progress.v1` and
 * `catalogue.reindex.completed.v1` carrying that id.
 */
export const reindexRunV1 = defineRequest({
  subject: 'catalogue.reindex.run.v1',
  request: z.object({
    /** Chosen by the caller to follow progress before the reply arrives; generated when absent. */
    reindexId: z.uuid().optional(),
  }),
  success: z.object({ reindexId: z.uuid() }),
});
export type ReindexRunRequestV1 = z.infer<typeof reindexRunV1.request>;
export type ReindexRunReplyV1 = ReplyOf<typeof reindexRunV1>;
