import type { ImportProgressV1 } from '@callcart/contracts';
import type { LiveFrame } from '../shared/api-types';

/** What `import.progress` carries (catalogue.import.progress.v1). */
export type ImportProgress = ImportProgressV1;

/** The answer of `POST /api/admin/catalogue/imports`: the import's report. */
export interface ImportReport {
  importId: string;
  linesRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedRows: Array<{ line: number; reason: string }>;
  /** Rows imported, but not entirely as written (an item number replaced by a new one); absent from older services. */
  notes?: Array<{ line: number; reason: string }>;
}

/** The latest progress per import id; frames of other types leave the map as it is (pure). */
export function importProgressReducer(current: Record<string, ImportProgress>, frame: LiveFrame): Record<string, ImportProgress> {
  if (frame.type !== 'import.progress') return current;
  // The gateway sends only checked payloads; an older gateway's odd frame still changes nothing.
  if (typeof frame.data.importId !== 'string' || typeof frame.data.linesRead !== 'number') return current;
  return { ...current, [frame.data.importId]: frame.data };
}

/** Format for the upload: from the file name, as the gateway would guess it; null if it cannot tell. */
export function importFormatOfFile(fileName: string): 'csv' | 'jsonl' | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  return null;
}

/** The most the admin page may upload (IMPORT_UPLOAD_MAX_BYTES of the contract): larger files go through the CLI. */
export const IMPORT_UPLOAD_MAX_BYTES = 640_000;

/** The request path of an upload, with the file's name, format, optional currency and the import id the page follows. */
export function importUploadPath(fileName: string, format: 'csv' | 'jsonl', importId: string, currency?: string): string {
  const query = new URLSearchParams({ fileName, format, importId });
  if (currency) query.set('currency', currency);
  return `/api/admin/catalogue/imports?${query.toString()}`;
}
