import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { customerIdSchema, productsSearchV1, reindexRunV1, smsOutboxListV1, walletTopUpV1 } from '@callcart/contracts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { StaffPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ApiError } from '../shared/api-error';
import { searchQuery, topUpBody } from '../shared/request-shapes';
import { ServiceRequests } from '../shared/service-requests';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';

const adminTopUpBody = topUpBody.extend({ customerId: customerIdSchema });
const outboxQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/**
 * The catalogue admin page's commands, for catalogue managers and admins: reindex (progress
 * arrives on the live socket), catalogue search, wallet top-ups, and outside production the
 * development outbox of one-time codes.
 */
@ApiTags('admin')
@Controller('api/admin')
@UseGuards(SessionGuard)
@Roles('catalogue-manager', 'admin')
export class CatalogueAdminController {
  constructor(
    private readonly services: ServiceRequests,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('reindex')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild the search index; reindex.progress and reindex.completed follow on /api/live' })
  reindex() {
    return this.services.send(reindexRunV1, { reindexId: randomUUID() });
  }

  @Get('products')
  @ApiOperation({ summary: 'Search the catalogue' })
  search(@Query(new ZodPipe(searchQuery)) query: z.infer<typeof searchQuery>) {
    return this.services.send(productsSearchV1, { query: query.q, limit: query.limit });
  }

  @Post('wallet-top-ups')
  @ApiOperation({ summary: "Credit a customer's wallet; a reason is required" })
  @ApiZodBody(adminTopUpBody)
  topUp(@CurrentPrincipal() staff: StaffPrincipal, @Body(new ZodPipe(adminTopUpBody)) body: z.infer<typeof adminTopUpBody>) {
    return this.services.send(walletTopUpV1, { ...body, staffId: staff.staffId });
  }

  @Get('sms-outbox')
  @ApiOperation({ summary: 'The development outbox of one-time codes (not in production unless GATEWAY_DEV_OUTBOX=true)' })
  outbox(@Query(new ZodPipe(outboxQuery)) query: z.infer<typeof outboxQuery>) {
    if (!this.config.devOutbox) throw new ApiError(404, 'OUTBOX_DISABLED', 'the development outbox is off in production');
    return this.services.send(smsOutboxListV1, { limit: query.limit });
  }
}
