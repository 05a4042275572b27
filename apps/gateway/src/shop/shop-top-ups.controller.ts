import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { idempotencyKeySchema, positiveMoneySchema, walletTopUpStartV1 } from '@callcart/contracts';
import { z } from 'zod';
import type { CustomerPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { ServiceRequests } from '../shared/service-requests';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';

const startTopUpBody = z.object({ amount: positiveMoneySchema, idempotencyKey: idempotencyKeySchema });

/** The customer tops up their own wallet: starts a payment at the provider and gets what to scan or open. */
@ApiTags('shop')
@Controller('api/shop/wallet')
@UseGuards(SessionGuard)
@Roles('customer')
export class ShopTopUpsController {
  constructor(private readonly services: ServiceRequests) {}

  @Post('top-ups')
  @HttpCode(200)
  @ApiOperation({ summary: 'Top up my wallet: starts an Alipay payment (QR code / link); the wallet is credited when Alipay confirms it' })
  @ApiZodBody(startTopUpBody)
  start(@CurrentPrincipal() customer: CustomerPrincipal, @Body(new ZodPipe(startTopUpBody)) body: z.infer<typeof startTopUpBody>) {
    return this.services.send(walletTopUpStartV1, { customerId: customer.customerId, amount: body.amount, idempotencyKey: body.idempotencyKey });
  }
}
