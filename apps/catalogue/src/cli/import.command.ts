import { createReadStream } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { MessageBus } from '@callcart/messaging';
import type { CatalogueConfig } from '../catalogue.config';
import { runAnnouncedImport } from '../products/import/announced-import';
import type { DuplicateItemNumberPolicy } from '../products/import/import-batch.writer';
import { ImportFileError, ImportInterruptedError, type ImportReport } from '../products/import/import-report';
import { ProductImport } from '../products/import/product-import.service';
import { CatalogueCliModule } from './catalogue-cli.module';

/** What `callcart catalogue import` was asked to do. */
export interface ImportCommandOptions {
  readonly currency: string;
  readonly batchSize: number;
  readonly maxRejected: number;
  readonly duplicateItemNumbers: DuplicateItemNumberPolicy;
}

/**
 * `callcart catalogue import FILE`: imports into DATABASE_URL and announces the changes on NATS
 * (so every running catalogue replica updates its index), with a progress bar and the report.
 * Returns the exit code: 0 with a report (rejected rows included), 1 if the file cannot be read
 * at all or the import was interrupted.
 */
export async function importCommand(file: string, config: CatalogueConfig, options: ImportCommandOptions): Promise<number> {
  let totalLines: number;
  try {
    totalLines = await countLines(file);
  } catch (error) {
    process.stderr.write(`callcart catalogue import: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const context = await NestFactory.createApplicationContext(CatalogueCliModule.register(config, { database: true }), { logger: ['error'] });
  const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% | line {value}/{total} | {created} new, {updated} changed, {rejected} rejected', stopOnComplete: false }, Presets.shades_classic);
  try {
    bar.start(totalLines, 0, { created: 0, updated: 0, rejected: 0 });
    const report = await runAnnouncedImport(context.get(ProductImport), context.get(MessageBus), file, {
      currency: options.currency,
      batchSize: options.batchSize,
      duplicateItemNumbers: options.duplicateItemNumbers,
      onProgress: (linesRead, counts) => bar.update(Math.min(linesRead, totalLines), { ...counts }),
    });
    bar.update(totalLines, { created: report.created, updated: report.updated, rejected: report.rejected });
    bar.stop();
    process.stdout.write(formatReport(report, options.maxRejected));
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof ImportFileError) {
      process.stderr.write(`callcart catalogue import: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ImportInterruptedError) {
      process.stdout.write(formatReport(error.report, options.maxRejected));
      process.stderr.write(`callcart catalogue import: ${error.message}\nThe batches before it are committed; running the import again completes it.\n`);
      return 1;
    }
    throw error;
  } finally {
    await context.close();
  }
}

/** The report as the merchant reads it: counts, then each rejected row with line and reason. */
export function formatReport(report: ImportReport, maxRejected: number): string {
  const lines = [
    `import ${report.importId} of ${report.file} (${(report.durationMs / 1000).toFixed(1)} s, ${report.linesRead} lines)`,
    `  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}`,
  ];
  if (report.rejectedRows.length > 0) lines.push('rejected rows:');
  for (const row of report.rejectedRows.slice(0, maxRejected)) lines.push(`  line ${row.line}: ${row.reason}`);
  if (report.rejectedRows.length > maxRejected) lines.push(`  … and ${report.rejectedRows.length - maxRejected} more (--max-rejected to see them)`);
  if (report.notes.length > 0) lines.push('imported with a new item number:');
  for (const row of report.notes.slice(0, maxRejected)) lines.push(`  line ${row.line}: ${row.reason}`);
  if (report.notes.length > maxRejected) lines.push(`  … and ${report.notes.length - maxRejected} more`);
  return `${lines.join('\n')}\n`;
}

async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 10) lines += 1;
    last = chunk[chunk.length - 1] ?? last;
  }
  return last === 10 ? lines : lines + 1;
}
