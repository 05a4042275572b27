import type { Request } from 'express';
import { currencySchema, IMPORT_UPLOAD_MAX_BYTES } from '@callcart/contracts';
import { z } from 'zod';
import { ApiError } from '../shared/api-error';

/** The catalogue upload's path: its body is the raw file, not JSON. */
export const CATALOGUE_IMPORT_PATH = '/api/admin/catalogue/imports';

/**
 * The query of `POST /api/admin/catalogue/imports`: the file travels as the raw request body
 * (what a browser `fetch(url, { body: file })` sends), its name and format in the query.
 * The import id may come from the page so it can follow `import.progress` before the reply.
 */
export const catalogueImportQuery = z.object({
  fileName: z.string().trim().min(1).max(255),
  format: z.enum(['csv', 'jsonl']).optional(),
  currency: currencySchema.optional(),
  importId: z.uuid().optional(),
});
export type CatalogueImportQuery = z.infer<typeof catalogueImportQuery>;

/** Content types whose body Nest's own parsers consume (JSON, forms): a file must not be sent as one. */
const PARSED_TYPES = /^(application\/json|application\/x-www-form-urlencoded|multipart\/)/i;

const tooLarge = (): ApiError =>
  new ApiError(
    413,
    'UPLOAD_TOO_LARGE',
    `the file is larger than ${IMPORT_UPLOAD_MAX_BYTES} bytes, the most the admin page can upload: import it with the command-line tool (npx callcart catalogue import FILE)`,
  );

/** The format from the query, else the file name's extension, else the content type. */
export function importFormatOf(query: CatalogueImportQuery, contentType: string | undefined): 'csv' | 'jsonl' {
  if (query.format) return query.format;
  const name = query.fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (contentType && /ndjson|jsonl/i.test(contentType)) return 'jsonl';
  if (contentType && /text\/csv/i.test(contentType)) return 'csv';
  throw new ApiError(400, 'INVALID_REQUEST', 'format: say format=csv or format=jsonl (the file name does not tell)');
}

/**
 * Reads the raw upload as UTF-8 text, at most `maxBytes` (413 beyond, naming the CLI): checked
 * against Content-Length first, then while reading, so an oversized file is never held whole.
 */
export async function readUploadText(request: Request, maxBytes = IMPORT_UPLOAD_MAX_BYTES): Promise<string> {
  const contentType = request.headers['content-type'] ?? '';
  if (PARSED_TYPES.test(contentType)) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the file itself as the body (text/csv, application/x-ndjson or application/octet-stream), not JSON or a form');
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    if (request.readableEnded) return resolve();
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        request.off('data', onData);
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve());
    request.once('error', (error) => reject(new ApiError(400, 'INVALID_REQUEST', `the upload broke off: ${error.message}`)));
  });
  if (total === 0) throw new ApiError(400, 'INVALID_REQUEST', 'the file is empty');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
  } catch {
    throw new ApiError(400, 'INVALID_REQUEST', 'the file is not UTF-8 text');
  }
}
