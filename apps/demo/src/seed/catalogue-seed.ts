import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { importRunV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import { DemoProblem } from '../demo-problem';
import { demoCataloguePath, readDemoCatalogueText } from '../catalogue/demo-catalogue';
import { ask } from './seed-connections';

export interface CatalogueSeedReport {
  readonly file: string;
  readonly linesRead: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly rejectedRows: readonly { line: number; reason: string }[];
}

/** An import of ~250 rows commits in one batch; the upload path allows the same 60 s. */
const IMPORT_TIMEOUT_MS = 60_000;

/**
 * Imports the demo catalogue through `catalogue.import.run.v1`, the catalogue service's own
 * import (the one behind the admin page's upload): validation, upsert by id, announcements so
 * every catalogue replica's index and the speech vocabulary follow. A second run finds every row
 * unchanged and announces nothing. The admin is the actor, as for an upload.
 */
export async function seedCatalogue(bus: MessageBus, adminStaffId: string, natsPrefix?: string): Promise<CatalogueSeedReport> {
  const path = demoCataloguePath();
  const reply = await ask(
    bus,
    importRunV1,
    {
      importId: randomUUID(),
      fileName: basename(path),
      format: 'jsonl',
      content: readDemoCatalogueText(path),
      currency: 'CNY',
      actor: { kind: 'staff', staffId: adminStaffId },
    },
    'catalogue',
    { timeoutMs: IMPORT_TIMEOUT_MS, prefix: natsPrefix },
  );
  if (!reply.ok) throw new DemoProblem(`the catalogue import failed: ${reply.code} (${reply.message})`, 'see the catalogue log');
  return { file: basename(path), linesRead: reply.linesRead, created: reply.created, updated: reply.updated, unchanged: reply.unchanged, rejected: reply.rejected, rejectedRows: reply.rejectedRows };
}
