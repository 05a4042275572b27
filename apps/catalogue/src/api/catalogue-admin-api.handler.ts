import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { importRunV1, productChangedV1, productUpdateV1, type Actor, type ImportRunReplyV1, type ImportRunRequestV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import type { CatalogueSettings } from '../catalogue.config';
import { CATALOGUE_SETTINGS } from '../catalogue-settings.module';
import { runAnnouncedImport } from '../products/import/announced-import';
import { UploadedCatalogueRowSource } from '../products/import/catalogue-file.row-source';
import { changeMessageId } from '../products/import/import-announcer';
import { ImportFileError, ImportInterruptedError } from '../products/import/import-report';
import { ProductImport } from '../products/import/product-import.service';
import { InvalidProductEditError, ProductEditor, ProductNotFoundError } from '../products/product-editor.service';
import { toProductSummary } from '../products/product-views';

/** Most rejected rows a reply carries (the contract's limit; the count says how many there were). */
const MAX_REJECTED_ROWS_IN_REPLY = 1000;
/** A reason is cut to this length in the reply, so 1,000 of them stay far below NATS' message limit. */
const MAX_REASON_LENGTH = 300;

/** The first rows of a report, each reason cut, as the reply carries them. */
function cappedForReply(rows: readonly { line: number; reason: string }[]): { line: number; reason: string }[] {
  return rows.slice(0, MAX_REJECTED_ROWS_IN_REPLY).map(({ line, reason }) => ({ line, reason: reason.slice(0, MAX_REASON_LENGTH) }));
}

/**
 * The admin page's writes (one replica answers each, the service's queue group): importing an
 * uploaded catalogue file exactly as the command-line tool does (in memory, progress and product
 * changes announced, so every replica's index follows), and editing one product, which reaches
 * the indexes by the same `productChangedV1` path.
 */
@Injectable()
export class CatalogueAdminApiHandler implements OnModuleInit {
  private readonly logger = new Logger(CatalogueAdminApiHandler.name);
  private readonly editor: ProductEditor;

  constructor(
    private readonly bus: MessageBus,
    private readonly dataSource: DataSource,
    @Inject(CATALOGUE_SETTINGS) private readonly settings: CatalogueSettings,
  ) {
    this.editor = new ProductEditor(dataSource);
  }

  async onModuleInit(): Promise<void> {
    await this.bus.reply(importRunV1, (request) => this.importUpload(request));
    await this.bus.reply(productUpdateV1, async ({ productId, changes, actor }, meta) => {
      let outcome;
      try {
        outcome = await this.editor.edit(productId, changes);
      } catch (error) {
        if (error instanceof ProductNotFoundError) return { ok: false, code: 'NOT_FOUND', message: error.message };
        if (error instanceof InvalidProductEditError) return { ok: false, code: 'INVALID_REQUEST', message: error.message };
        throw error;
      }
      const { product, change } = outcome;
      this.logger.log({ msg: change ? 'product edited' : 'product edit changed nothing', productId, fields: Object.keys(changes), revision: product.revision, by: actorLabel(actor) });
      if (change) {
        const correlationId = meta.correlationId ?? meta.id;
        // Committed already: if the announcement fails, each replica's periodic catch-up finds the revision.
        await this.bus
          .publish(productChangedV1, { change: change.change, product: change.product, changedAt: change.changedAt }, { correlationId, messageId: changeMessageId(product.id, change.revision) })
          .catch((error: unknown) => this.logger.warn({ msg: 'product change not announced; replicas catch up on their next check', productId, err: error }));
      }
      return { ok: true, product: toProductSummary(product), aliases: [...product.aliases] };
    });
  }

  private async importUpload(request: ImportRunRequestV1): Promise<ImportRunReplyV1> {
    const { importId, fileName, format, content, actor } = request;
    const productImport = new ProductImport(this.dataSource, new UploadedCatalogueRowSource(content, format));
    try {
      const report = await runAnnouncedImport(productImport, this.bus, fileName, { currency: request.currency ?? this.settings.defaultCurrency, importId });
      this.logger.log({
        msg: 'uploaded catalogue imported',
        importId,
        file: fileName,
        bytes: Buffer.byteLength(content),
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
        durationMs: report.durationMs,
        by: actorLabel(actor),
      });
      return {
        ok: true,
        importId,
        linesRead: report.linesRead,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
        rejectedRows: cappedForReply(report.rejectedRows),
        notes: cappedForReply(report.notes),
      };
    } catch (error) {
      if (error instanceof ImportFileError) {
        this.logger.warn({ msg: 'uploaded catalogue unreadable', importId, file: fileName, reason: error.message, by: actorLabel(actor) });
        return { ok: false, code: 'UNREADABLE_FILE', message: error.message };
      }
      if (error instanceof ImportInterruptedError) {
        this.logger.error({ msg: 'uploaded catalogue import interrupted', importId, file: fileName, failedAtLine: error.failedAtLine, err: error.cause, by: actorLabel(actor) });
        return { ok: false, code: 'IMPORT_FAILED', message: `${error.message}; the batches before it are committed, importing the file again completes it` };
      }
      throw error;
    }
  }
}

/** Who asked, for the log line (a staff id, or the kind of caller). */
function actorLabel(actor: Actor | undefined): string {
  if (!actor) return 'unknown';
  return actor.kind === 'staff' ? `staff:${actor.staffId}` : `customer:${actor.customerId}`;
}
