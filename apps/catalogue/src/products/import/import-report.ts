import type { ProductSummary } from '@callcart/contracts';

/** A row of the file that was not imported, and why (shown to the merchant to fix the file). */
export interface RejectedRow {
  /** 1-based line of the file (for CSV, the header is line 1). */
  readonly line: number;
  readonly reason: string;
}

/** Counts of what an import did, row by row. */
export interface ImportCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/** What an import did: counts, and every rejected row with its line and reason. */
export interface ImportReport extends ImportCounts {
  readonly importId: string;
  readonly file: string;
  /** The last line of the file read (all of it, unless the import was interrupted). */
  readonly linesRead: number;
  readonly rejectedRows: readonly RejectedRow[];
  /** Rows imported with a change the merchant should know of (an item number assigned instead of theirs). */
  readonly notes: readonly RejectedRow[];
  readonly durationMs: number;
}

/** One product an import created, changed or withdrew, as it now is; published after commit. */
export interface ProductChange {
  readonly change: 'created' | 'updated' | 'deactivated';
  readonly product: ProductSummary;
  readonly revision: number;
  readonly changedAt: string;
}

/** The file could not be read at all (missing, unreadable, not JSONL or CSV): nothing was imported. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`cannot import ${file}: ${reason}`);
  }
}

/**
 * A batch failed to commit (the database went away, a fault): the import stopped there. The
 * batches before it are committed, the failed one left nothing behind, the rest never ran.
 */
export class ImportInterruptedError extends Error {
  constructor(
    readonly report: ImportReport,
    readonly failedAtLine: number,
    override readonly cause: unknown,
  ) {
    super(`import of ${report.file} interrupted at the batch starting on line ${failedAtLine}: ${(cause as Error)?.message ?? cause}`);
  }
}
