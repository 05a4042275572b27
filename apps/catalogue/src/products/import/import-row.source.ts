import type { ProductDraft } from './import-batch.writer';

/** One line of an import file: a valid product draft (and a note for the report when part of it was not used as written), or why the line is not one. */
export type ImportRowEntry = { readonly line: number; readonly draft: ProductDraft; readonly note?: string } | { readonly line: number; readonly error: string };

/**
 * Where import rows come from: the catalogue file reader (JSONL or CSV), adapted. Reading
 * throws ImportFileError when the file cannot be read at all; a bad line is an entry with an error.
 */
export interface ImportRowSource {
  read(file: string, options: { readonly currency: string }): AsyncIterable<ImportRowEntry>;
}
