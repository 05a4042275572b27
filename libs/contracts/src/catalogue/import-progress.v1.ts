import { z } from 'zod';
import { defineEvent } from '../contract';

const count = z.number().int().nonnegative();

/**
 * How far a product import has got (after each committed batch), and how it ended: for the
 * command-line tool's progress bar and the admin page. Live only; the products it changed are
 * announced one by one as `catalogue.product.changed.v1`.
 */
export const importProgressV1 = defineEvent({
  subject: 'catalogue.import.progress.v1',
  schema: z.object({
    importId: z.uuid(),
    /** `running` after each batch; `completed` once with the final counts; `failed` if it stopped. */
    phase: z.enum(['running', 'completed', 'failed']),
    /** The file's name as the importer gave it (no directory), for display. */
    file: z.string().min(1).max(255),
    linesRead: count,
    created: count,
    updated: count,
    unchanged: count,
    rejected: count,
  }),
});
export type ImportProgressV1 = z.infer<typeof importProgressV1.schema>;
