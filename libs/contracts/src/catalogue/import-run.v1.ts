import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { actorSchema } from '../common/actor';
import { currencySchema } from '../common/money';

const count = z.number().int().nonnegative();
/** A line of the file and what the import says of it. */
const reportedRow = z.object({ line: z.number().int().positive(), reason: z.string() });

/**
 * The largest file (UTF-8 bytes) an upload may carry. NATS' default message limit is 1 MiB for
 * the whole JSON-encoded request, where every quote of a JSONL file is escaped, so this leaves
 * room for that; larger files go through the command-line tool.
 */
export const IMPORT_UPLOAD_MAX_BYTES = 640_000;

/**
 * Import a catalogue file uploaded from the admin page: the same import as the command-line
 * tool (validation, batches in transactions, upsert by id or item number). Progress goes out as
 * `catalogue.import.progress.v1` with the caller's import id; the reply is the report.
 */
export const importRunV1 = defineRequest({
  subject: 'catalogue.import.run.v1',
  request: z.object({
    importId: z.uuid(),
    fileName: z.string().trim().min(1).max(255),
    format: z.enum(['jsonl', 'csv']),
    content: z.string().min(1).max(IMPORT_UPLOAD_MAX_BYTES),
    /** Currency of prices in rows that name none. */
    currency: currencySchema.optional(),
    actor: actorSchema.optional(),
  }),
  success: z.object({
    importId: z.uuid(),
    linesRead: count,
    created: count,
    updated: count,
    unchanged: count,
    /** Every rejected row (at most the first 1,000) with its line and the reason. */
    rejectedRows: z.array(reportedRow).max(1000),
    rejected: count,
    /**
     * Rows imported, but not entirely as written (at most the first 1,000): an item number that
     * cannot be one, or one already taken, replaced by a new one. Absent from older services.
     */
    notes: z.array(reportedRow).max(1000).optional(),
  }),
  errorCodes: ['UNREADABLE_FILE', 'IMPORT_FAILED'],
});
export type ImportRunRequestV1 = z.infer<typeof importRunV1.request>;
export type ImportRunReplyV1 = ReplyOf<typeof importRunV1>;
