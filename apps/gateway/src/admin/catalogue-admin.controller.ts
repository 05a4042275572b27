import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  categoryNameSchema,
  customerIdSchema,
  IMPORT_UPLOAD_MAX_BYTES,
  importRunV1,
  productGetV1,
  productIdSchema,
  productsSearchV1,
  productUpdateV1,
  reindexRunV1,
  smsOutboxListV1,
  walletTopUpV1,
} from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { StaffPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError, unwrapReply } from '../shared/api-error';
import { topUpBody } from '../shared/request-shapes';
import { ServiceRequests } from '../shared/service-requests';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';
import { catalogueImportQuery, type CatalogueImportQuery, importFormatOf, readUploadText } from './catalogue-upload.body';

const adminTopUpBody = topUpBody.extend({ customerId: customerIdSchema });
/** The admin's search: free text, a category, or both; `categories=true` also lists the catalogue's categories. */
const adminSearchQuery = z
  .object({
    q: z.string().trim().max(200).optional().transform((text) => text || undefined),
    category: categoryNameSchema.optional(),
    categories: z.enum(['true', 'false']).optional().transform((flag) => flag === 'true'),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .refine((query) => query.q !== undefined || query.category !== undefined || query.categories, { message: 'q, category or categories=true', path: ['q'] });
const outboxQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const productUpdateBody = productUpdateV1.request.shape.changes;

/** An import of up to 640 KB runs in batches for a while: the reply may take far longer than a lookup. */
export const IMPORT_REPLY_TIMEOUT_MS = 60_000;

/**
 * The catalogue admin page's commands, for catalogue managers and admins: reindex (progress
 * arrives on the live socket), catalogue search, import of an uploaded file (progress as
 * `import.progress` on the live socket, the report in the answer), product editing, wallet
 * top-ups, and for admins outside production the development outbox of one-time codes.
 */
@ApiTags('admin')
@Controller('api/admin')
@UseGuards(SessionGuard)
@Roles('catalogue-manager', 'admin')
export class CatalogueAdminController {
  constructor(
    private readonly services: ServiceRequests,
    private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('reindex')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild the search index; reindex.progress and reindex.completed follow on /api/live' })
  reindex() {
    return this.services.send(reindexRunV1, { reindexId: randomUUID() });
  }

  @Get('products')
  @ApiOperation({ summary: 'Search the catalogue (q), browse a category (category), or both; categories=true also lists the categories' })
  search(@Query(new ZodPipe(adminSearchQuery)) query: z.infer<typeof adminSearchQuery>) {
    return this.services.send(productsSearchV1, {
      limit: query.limit,
      ...(query.q ? { query: query.q } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.categories ? { includeCategories: true } : {}),
    });
  }

  @Post('catalogue/imports')
  @HttpCode(200)
  @ApiOperation({
    summary: `Import a catalogue file (CSV or JSON Lines, at most ${IMPORT_UPLOAD_MAX_BYTES} bytes; larger: the CLI). The body is the raw file; import.progress follows on /api/live; the answer is the report with the rejected rows`,
  })
  @ApiConsumes('text/csv', 'application/x-ndjson', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'the file itself, UTF-8' })
  @ApiQuery({ name: 'fileName', required: true, description: 'the file name, for the report and the progress events' })
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'jsonl'], description: 'default: from the file name (.csv, .jsonl, .ndjson) or the content type' })
  @ApiQuery({ name: 'currency', required: false, description: 'ISO 4217 currency of prices in rows that name none' })
  @ApiQuery({ name: 'importId', required: false, description: 'a UUID the page chose to follow the progress; generated if absent' })
  async importFile(@CurrentPrincipal() staff: StaffPrincipal, @Query(new ZodPipe(catalogueImportQuery)) query: CatalogueImportQuery, @Req() request: Request) {
    const format = importFormatOf(query, request.headers['content-type']);
    const content = await readUploadText(request);
    const reply = await this.bus.request(
      importRunV1,
      {
        importId: query.importId ?? randomUUID(),
        fileName: query.fileName,
        format,
        content,
        ...(query.currency ? { currency: query.currency } : {}),
        actor: { kind: 'staff', staffId: staff.staffId },
      },
      { timeoutMs: IMPORT_REPLY_TIMEOUT_MS },
    );
    const { ok: _ok, ...report } = unwrapReply(reply);
    return report;
  }

  @Get('catalogue/products/:productId')
  @ApiOperation({ summary: 'One product by id, active or not, for the editor (its aliases are only known after a save)' })
  async product(@Param('productId', new ZodPipe(productIdSchema)) productId: string) {
    return this.services.send(productGetV1, { productId });
  }

  @Patch('catalogue/products/:productId')
  @ApiOperation({ summary: 'Edit a product: only the fields given change; aliases replace the whole list; price null = not orderable' })
  @ApiZodBody(productUpdateBody)
  update(
    @CurrentPrincipal() staff: StaffPrincipal,
    @Param('productId', new ZodPipe(productIdSchema)) productId: string,
    @Body(new ZodPipe(productUpdateBody)) changes: z.infer<typeof productUpdateBody>,
  ) {
    return this.services.send(productUpdateV1, { productId, changes, actor: { kind: 'staff', staffId: staff.staffId } });
  }

  @Post('wallet-top-ups')
  @ApiOperation({ summary: "Credit a customer's wallet; a reason is required" })
  @ApiZodBody(adminTopUpBody)
  topUp(@CurrentPrincipal() staff: StaffPrincipal, @Body(new ZodPipe(adminTopUpBody)) body: z.infer<typeof adminTopUpBody>) {
    return this.services.send(walletTopUpV1, { ...body, staffId: staff.staffId, staffRole: staff.role });
  }

  @Get('sms-outbox')
  @Roles('admin')
  @ApiOperation({ summary: 'The development outbox of one-time codes: admins only, never in production (its codes sign anyone in)' })
  outbox(@Query(new ZodPipe(outboxQuery)) query: z.infer<typeof outboxQuery>) {
    if (!this.config.devOutbox) throw new ApiError(404, 'OUTBOX_DISABLED', 'the development outbox is off in production');
    return this.services.send(smsOutboxListV1, { limit: query.limit });
  }
}
