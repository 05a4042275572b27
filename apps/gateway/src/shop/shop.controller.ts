import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  cartConfirmV1,
  cartGetV1,
  cartRemoveItemV1,
  cartSetQuantityV1,
  orderGetV1,
  orderIdSchema,
  orderListV1,
  orderPlaceV1,
  walletGetV1,
  walletPayV1,
} from '@callcart/contracts';
import { z } from 'zod';
import type { CustomerPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { idempotentBody, ordersQuery, productIdParam, quantityBody } from '../shared/request-shapes';
import { ServiceRequests } from '../shared/service-requests';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';

const productParam = new ZodPipe(productIdParam);
const orderParam = new ZodPipe(orderIdSchema);

/**
 * The customer's shop: their own cart, orders and wallet. Every command carries the session's
 * customer id (never one from the request) and the customer as actor, so a customer cannot even
 * name another customer's cart; another's order id is simply not found.
 */
@ApiTags('shop')
@Controller('api/shop')
@UseGuards(SessionGuard)
@Roles('customer')
export class ShopController {
  constructor(private readonly services: ServiceRequests) {}

  private own(customer: CustomerPrincipal) {
    return { cart: { customerId: customer.customerId }, actor: { kind: 'customer' as const, customerId: customer.customerId } };
  }

  @Get('cart')
  @ApiOperation({ summary: 'My cart' })
  cart(@CurrentPrincipal() customer: CustomerPrincipal) {
    return this.services.send(cartGetV1, { cart: this.own(customer).cart });
  }

  @Put('cart/items/:productId')
  @ApiOperation({ summary: "Change a line's quantity" })
  @ApiZodBody(quantityBody)
  setQuantity(
    @CurrentPrincipal() customer: CustomerPrincipal,
    @Param('productId', productParam) productId: string,
    @Body(new ZodPipe(quantityBody)) body: z.infer<typeof quantityBody>,
  ) {
    return this.services.send(cartSetQuantityV1, { ...this.own(customer), productId, quantity: body.quantity });
  }

  @Delete('cart/items/:productId')
  @ApiOperation({ summary: 'Remove a line' })
  remove(@CurrentPrincipal() customer: CustomerPrincipal, @Param('productId', productParam) productId: string) {
    return this.services.send(cartRemoveItemV1, { ...this.own(customer), productId });
  }

  @Post('cart/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the cart as the agent read it out (the agent sees it live)' })
  confirm(@CurrentPrincipal() customer: CustomerPrincipal) {
    return this.services.send(cartConfirmV1, this.own(customer));
  }

  @Post('orders')
  @ApiOperation({ summary: 'Place the order from my cart (retry with the same idempotency key)' })
  @ApiZodBody(idempotentBody)
  placeOrder(@CurrentPrincipal() customer: CustomerPrincipal, @Body(new ZodPipe(idempotentBody)) body: z.infer<typeof idempotentBody>) {
    return this.services.send(orderPlaceV1, {
      customerId: customer.customerId,
      idempotencyKey: body.idempotencyKey,
      placedBy: 'customer',
      actor: this.own(customer).actor,
    });
  }

  @Get('orders')
  @ApiOperation({ summary: 'My orders, newest first (page with `before`)' })
  orders(@CurrentPrincipal() customer: CustomerPrincipal, @Query(new ZodPipe(ordersQuery)) query: z.infer<typeof ordersQuery>) {
    return this.services.send(orderListV1, { customerId: customer.customerId, limit: query.limit, before: query.before });
  }

  @Get('orders/:orderId')
  @ApiOperation({ summary: 'One of my orders with its payment (404 for anyone else’s)' })
  order(@CurrentPrincipal() customer: CustomerPrincipal, @Param('orderId', orderParam) orderId: string) {
    return this.services.send(orderGetV1, { orderId, customerId: customer.customerId });
  }

  @Post('orders/:orderId/pay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pay an order awaiting payment from my wallet' })
  @ApiZodBody(idempotentBody)
  pay(
    @CurrentPrincipal() customer: CustomerPrincipal,
    @Param('orderId', orderParam) orderId: string,
    @Body(new ZodPipe(idempotentBody)) body: z.infer<typeof idempotentBody>,
  ) {
    return this.services.send(walletPayV1, {
      orderId,
      customerId: customer.customerId,
      idempotencyKey: body.idempotencyKey,
      actor: this.own(customer).actor,
    });
  }

  @Get('wallet')
  @ApiOperation({ summary: 'My wallet: balance and latest entries' })
  wallet(@CurrentPrincipal() customer: CustomerPrincipal) {
    return this.services.send(walletGetV1, { customerId: customer.customerId });
  }
}
