import { basename } from 'node:path';
import { importProgressV1, productChangedV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import { nameBasedUuid } from '../name-based-uuid';
import type { ImportCounts, ImportReport, ProductChange } from './import-report';

/** How many product changes are published at once (JetStream acks each; in parallel it is fast). */
const PUBLISH_CONCURRENCY = 200;

/**
 * Tells the running catalogue replicas, and anyone else listening, what an import did: every
 * product it created, changed or withdrew as `productChangedV1` (durable; the message id is
 * derived from product and revision, so a retried publish is stored once), and its progress as
 * `importProgressV1` (live).
 */
export class ImportAnnouncer {
  constructor(
    private readonly bus: MessageBus,
    private readonly file: string,
  ) {}

  async changes(changes: readonly ProductChange[], importId: string): Promise<void> {
    for (let start = 0; start < changes.length; start += PUBLISH_CONCURRENCY) {
      await Promise.all(
        changes.slice(start, start + PUBLISH_CONCURRENCY).map(({ change, product, revision, changedAt }) =>
          this.bus.publish(productChangedV1, { change, product, changedAt }, { correlationId: importId, messageId: changeMessageId(product.id, revision) }),
        ),
      );
    }
  }

  async progress(phase: 'running' | 'completed' | 'failed', importId: string, linesRead: number, counts: ImportCounts): Promise<void> {
    await this.bus.publish(
      importProgressV1,
      {
        importId,
        phase,
        file: basename(this.file).slice(0, 255) || 'catalogue',
        linesRead,
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
      },
      { correlationId: importId },
    );
  }

  async finished(report: ImportReport, phase: 'completed' | 'failed'): Promise<void> {
    await this.progress(phase, report.importId, report.linesRead, report);
  }
}

/** The same change (product and revision) always has the same message id. */
export function changeMessageId(productId: string, revision: number): string {
  return nameBasedUuid(`catalogue.product:${productId}:${revision}`);
}
