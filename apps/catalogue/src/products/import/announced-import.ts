import { randomUUID } from 'node:crypto';
import type { MessageBus } from '@callcart/messaging';
import { ImportAnnouncer } from './import-announcer';
import type { DuplicateItemNumberPolicy } from './import-batch.writer';
import type { ImportCounts, ImportReport } from './import-report';
import { ImportInterruptedError } from './import-report';
import type { ProductImport } from './product-import.service';

/**
 * Runs an import and announces it over NATS: each committed batch's product changes (so every
 * running catalogue replica catches its index up), progress after each batch, and how it ended.
 * This is what the command-line tool, the benchmark and the service's `importRunV1` handler run.
 */
export async function runAnnouncedImport(
  productImport: ProductImport,
  bus: MessageBus,
  file: string,
  options: {
    currency: string;
    batchSize?: number;
    duplicateItemNumbers?: DuplicateItemNumberPolicy;
    /** The caller's id for this import (progress events carry it); a new one by default. */
    importId?: string;
    onProgress?: (linesRead: number, counts: ImportCounts) => void;
  },
): Promise<ImportReport> {
  const announcer = new ImportAnnouncer(bus, file);
  const importId = options.importId ?? randomUUID();
  try {
    const report = await productImport.run(file, {
      importId,
      currency: options.currency,
      batchSize: options.batchSize,
      duplicateItemNumbers: options.duplicateItemNumbers,
      onChanges: (changes) => announcer.changes(changes, importId),
      onProgress: async (progress) => {
        options.onProgress?.(progress.linesRead, progress);
        await announcer.progress('running', importId, progress.linesRead, progress);
      },
    });
    await announcer.finished(report, 'completed');
    return report;
  } catch (error) {
    if (error instanceof ImportInterruptedError) await announcer.finished(error.report, 'failed').catch(() => undefined);
    throw error;
  }
}
