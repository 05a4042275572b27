import { Body, Controller, Delete, Get, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  callIdSchema,
  cartAddItemV1,
  cartClearV1,
  cartGetV1,
  cartRemoveItemV1,
  cartSetQuantityV1,
  customerSetShippingAddressV1,
  orderListV1,
  orderPlaceV1,
  walletGetV1,
  walletTopUpV1,
} from '@callcart/contracts';
import { z } from 'zod';
import type { StaffPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { addItemBody, addressBody, idempotentBody, ordersQuery, productIdParam, quantityBody, topUpBody } from '../shared/request-shapes';
import { ServiceRequests } from '../shared/service-requests';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';
import { CallDeskService } from './call-desk.service';

const callIdParam = new ZodPipe(callIdSchema);
const productParam = new ZodPipe(productIdParam);

/**
 * The agent's commands on a call's cart, the customer's address, the order and the wallet. Each
 * is relayed to the orders service with the agent as actor (staff id and call id), so orders
 * audits who did what during which call.
 */
@ApiTags('agent')
@Controller('api/agent/calls/:callId')
@UseGuards(SessionGuard)
@Roles('agent')
export class AgentCartController {
  constructor(
    private readonly desk: CallDeskService,
    private readonly services: ServiceRequests,
  ) {}

  @Get('cart')
  @ApiOperation({ summary: "The call's cart (the customer's when the caller is registered)" })
  async cart(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string) {
    const call = await this.desk.myCall(agent, callId);
    return this.services.send(cartGetV1, { cart: this.desk.cartOwner(call) }, callId);
  }

  @Post('cart/items')
  @ApiOperation({ summary: 'Add a product (adding one already there raises its quantity)' })
  @ApiZodBody(addItemBody)
  async add(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Body(new ZodPipe(addItemBody)) body: z.infer<typeof addItemBody>,
  ) {
    const call = await this.desk.myCall(agent, callId);
    const cart = this.desk.cartOwner(call);
    return this.services.send(cartAddItemV1, { cart, productId: body.productId, quantity: body.quantity, actor: this.desk.actor(agent, callId) }, callId);
  }

  @Put('cart/items/:productId')
  @ApiOperation({ summary: "Set a line's quantity" })
  @ApiZodBody(quantityBody)
  async setQuantity(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Param('productId', productParam) productId: string,
    @Body(new ZodPipe(quantityBody)) body: z.infer<typeof quantityBody>,
  ) {
    const call = await this.desk.myCall(agent, callId);
    const cart = this.desk.cartOwner(call);
    return this.services.send(cartSetQuantityV1, { cart, productId, quantity: body.quantity, actor: this.desk.actor(agent, callId) }, callId);
  }

  @Delete('cart/items/:productId')
  @ApiOperation({ summary: 'Remove a line' })
  async remove(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Param('productId', productParam) productId: string,
  ) {
    const call = await this.desk.myCall(agent, callId);
    const cart = this.desk.cartOwner(call);
    return this.services.send(cartRemoveItemV1, { cart, productId, actor: this.desk.actor(agent, callId) }, callId);
  }

  @Delete('cart')
  @ApiOperation({ summary: 'Empty the cart' })
  async clear(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string) {
    const call = await this.desk.myCall(agent, callId);
    return this.services.send(cartClearV1, { cart: this.desk.cartOwner(call), actor: this.desk.actor(agent, callId) }, callId);
  }

  @Put('address')
  @ApiOperation({ summary: "Set the customer's default shipping address (required before a new customer's first order)" })
  @ApiZodBody(addressBody)
  async address(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Body(new ZodPipe(addressBody)) body: z.infer<typeof addressBody>,
  ) {
    const customerId = await this.desk.requireCustomer(await this.desk.myCall(agent, callId));
    return this.services.send(customerSetShippingAddressV1, { customerId, address: body.address, actor: this.desk.actor(agent, callId) }, callId);
  }

  @Post('orders')
  @ApiOperation({ summary: "Place the order from the customer's cart (retry with the same idempotency key)" })
  @ApiZodBody(idempotentBody)
  async placeOrder(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Body(new ZodPipe(idempotentBody)) body: z.infer<typeof idempotentBody>,
  ) {
    const customerId = await this.desk.requireCustomer(await this.desk.myCall(agent, callId));
    return this.services.send(
      orderPlaceV1,
      { customerId, idempotencyKey: body.idempotencyKey, placedBy: 'agent', callId, actor: this.desk.actor(agent, callId) },
      callId,
    );
  }

  @Get('orders')
  @ApiOperation({ summary: "The caller's orders, newest first (only the customer on the agent's own call; page with `before`)" })
  async orders(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Query(new ZodPipe(ordersQuery)) query: z.infer<typeof ordersQuery>,
  ) {
    const customerId = await this.desk.requireCustomer(await this.desk.myCall(agent, callId));
    return this.services.send(orderListV1, { customerId, limit: query.limit, before: query.before }, callId);
  }

  @Get('wallet')
  @ApiOperation({ summary: "The caller's wallet" })
  async wallet(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string) {
    const customerId = await this.desk.requireCustomer(await this.desk.myCall(agent, callId));
    return this.services.send(walletGetV1, { customerId }, callId);
  }

  @Post('wallet/top-ups')
  @ApiOperation({ summary: "Credit the caller's wallet (money paid in); a reason is required" })
  @ApiZodBody(topUpBody)
  async topUp(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Body(new ZodPipe(topUpBody)) body: z.infer<typeof topUpBody>,
  ) {
    const customerId = await this.desk.requireCustomer(await this.desk.myCall(agent, callId));
    return this.services.send(walletTopUpV1, { customerId, staffId: agent.staffId, staffRole: agent.role, ...body }, callId);
  }
}
