import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type DraftRow, type DuplicateItemNumberPolicy, ImportBatchWriter } from './import-batch.writer';
import type { ImportCounts, ImportReport, ProductChange, RejectedRow } from './import-report';
import { ImportInterruptedError } from './import-report';
import type { ImportRowSource } from './import-row.source';

/** How an import is run and who hears about it. */
export interface ImportOptions {
  /** Currency of prices when a row names none. */
  readonly currency: string;
  /** Rows per transaction (default 500). */
  readonly batchSize?: number;
  readonly importId?: string;
  /**
   * A row whose item number another product (or an earlier row) has: `reject` it (the default,
   * a merchant's file should not say one number twice), or `assign-new`: import it under an
   * assigned number and note it (for catalogues known to repeat model numbers, as the evaluation
   * set does).
   */
  readonly duplicateItemNumbers?: DuplicateItemNumberPolicy;
  /** After each committed batch, with the running counts and how many lines were read. */
  readonly onProgress?: (progress: ImportCounts & { importId: string; linesRead: number }) => void | Promise<void>;
  /** After each committed batch, with what it changed: the caller tells the service(s). */
  readonly onChanges?: (changes: readonly ProductChange[], importId: string) => void | Promise<void>;
}

/**
 * Imports a JSONL or CSV file of products: every row is validated by the catalogue file reader,
 * then checked against the file (an id or item number twice) and the database (an item number
 * owned by another product); valid rows are upserted in batches, each batch in one transaction,
 * so an interrupted import leaves whole batches only. Rejected rows come back with line and reason.
 */
export class ProductImport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rowSource: ImportRowSource,
    private readonly writer: ImportBatchWriter = new ImportBatchWriter(),
  ) {}

  /** Runs the import; throws ImportFileError when the file cannot be read at all. */
  async run(file: string, options: ImportOptions): Promise<ImportReport> {
    const started = Date.now();
    const importId = options.importId ?? randomUUID();
    const batchSize = options.batchSize ?? 500;
    const policy = options.duplicateItemNumbers ?? 'reject';
    const rejectedRows: RejectedRow[] = [];
    const notes: RejectedRow[] = [];
    const firstLineOfId = new Map<string, number>();
    const firstLineOfSku = new Map<string, number>();
    const counts = { created: 0, updated: 0, unchanged: 0 };
    let linesRead = 0;
    let batch: DraftRow[] = [];
    const report = (): ImportReport => ({
      importId,
      file,
      linesRead,
      ...counts,
      rejected: rejectedRows.length,
      rejectedRows: [...rejectedRows].sort((a, b) => a.line - b.line),
      notes: [...notes].sort((a, b) => a.line - b.line),
      durationMs: Date.now() - started,
    });

    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      let outcome;
      try {
        outcome = await this.dataSource.transaction((manager) => this.writer.writeBatch(manager, rows, policy));
      } catch (error) {
        throw new ImportInterruptedError(report(), rows[0].line, error);
      }
      rejectedRows.push(...outcome.rejected);
      notes.push(...outcome.notes);
      counts.unchanged += outcome.unchanged;
      for (const change of outcome.changes) {
        if (change.change === 'created') counts.created += 1;
        else counts.updated += 1;
      }
      if (outcome.changes.length > 0) await options.onChanges?.(outcome.changes, importId);
      await options.onProgress?.({ importId, linesRead, ...counts, rejected: rejectedRows.length });
    };

    for await (const entry of this.rowSource.read(file, { currency: options.currency })) {
      linesRead = Math.max(linesRead, entry.line);
      if ('error' in entry) {
        rejectedRows.push({ line: entry.line, reason: entry.error });
        continue;
      }
      let { draft } = entry;
      const idClash = draft.id !== undefined ? firstLineOfId.get(draft.id) : undefined;
      if (idClash !== undefined) {
        rejectedRows.push({ line: entry.line, reason: `product id "${draft.id}" appears again (first on line ${idClash})` });
        continue;
      }
      if (entry.note !== undefined) notes.push({ line: entry.line, reason: entry.note });
      const skuKey = draft.sku?.toLowerCase();
      const skuClash = skuKey !== undefined ? firstLineOfSku.get(skuKey) : undefined;
      if (skuClash !== undefined && policy === 'assign-new') {
        notes.push({ line: entry.line, reason: `duplicate item number "${draft.sku}" (first on line ${skuClash}): imported with a new item number` });
        draft = { ...draft, sku: null };
      } else if (skuClash !== undefined) {
        rejectedRows.push({ line: entry.line, reason: `duplicate item number "${draft.sku}" (first on line ${skuClash})` });
        continue;
      }
      if (draft.id !== undefined) firstLineOfId.set(draft.id, entry.line);
      if (skuKey !== undefined && skuClash === undefined) firstLineOfSku.set(skuKey, entry.line);
      batch.push({ line: entry.line, draft });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    return report();
  }
}
