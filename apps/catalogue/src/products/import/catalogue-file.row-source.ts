import { Readable } from 'node:stream';
import {
  CatalogueFileError,
  readCatalogueFile,
  readCatalogueStream,
  type CatalogueFileEntry,
  type CatalogueFileFormat,
  type ProductRecord,
} from '../../catalogue-file/catalogue-file.reader';
import type { ProductDraft } from './import-batch.writer';
import { ImportFileError } from './import-report';
import type { ImportRowEntry, ImportRowSource } from './import-row.source';

/**
 * Import rows from a JSONL or CSV file through the catalogue file reader (which validates each
 * row), plus the one check PostgreSQL needs that the reader does not make: no NUL characters.
 */
export class CatalogueFileRowSource implements ImportRowSource {
  read(file: string, options: { readonly currency: string }): AsyncGenerator<ImportRowEntry> {
    return importRowsOf(readCatalogueFile(file, { defaultCurrency: options.currency }), file);
  }
}

/**
 * Import rows from a catalogue held in memory (a file uploaded with `importRunV1`): the same
 * reader and checks as a file on disk, without writing the upload to a temporary file. The
 * `file` given to `read` is only the name reports and errors show.
 */
export class UploadedCatalogueRowSource implements ImportRowSource {
  constructor(
    private readonly content: string,
    private readonly format: CatalogueFileFormat,
  ) {}

  read(file: string, options: { readonly currency: string }): AsyncGenerator<ImportRowEntry> {
    const stream = Readable.from([this.content]);
    return importRowsOf(readCatalogueStream(stream, this.format, { defaultCurrency: options.currency }), file);
  }
}

/** The reader's entries as import rows; a file that cannot be read at all becomes ImportFileError. */
async function* importRowsOf(entries: AsyncIterable<CatalogueFileEntry>, file: string): AsyncGenerator<ImportRowEntry> {
  try {
    for await (const entry of entries) {
      if ('error' in entry) {
        yield { line: entry.line, error: entry.error };
        continue;
      }
      const problem = storageProblem(entry.record);
      if (problem) yield { line: entry.line, error: problem };
      else yield { line: entry.line, draft: toDraft(entry.record), ...(entry.note === undefined ? {} : { note: entry.note }) };
    }
  } catch (error) {
    if (error instanceof CatalogueFileError) throw new ImportFileError(file, error.message);
    throw error;
  }
}

function toDraft(record: ProductRecord): ProductDraft {
  return { ...record, aliases: [...record.aliases] };
}

function storageProblem(record: ProductRecord): string | undefined {
  const texts = [record.id, record.sku, record.name, record.brand, record.category, ...record.aliases];
  return texts.some((text) => typeof text === 'string' && text.includes('\u0000')) ? 'contains a NUL character, which cannot be stored' : undefined;
}
