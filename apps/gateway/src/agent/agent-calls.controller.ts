import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { callIdSchema, cartGetV1, customerRegisterV1, productBySkuV1, productsSearchV1, skuSchema } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { z } from 'zod';
import type { StaffPrincipal } from '../auth/principal';
import { CurrentPrincipal, Roles, SessionGuard } from '../auth/session.guard';
import { CallActivityBuffer } from '../live/call-activity.buffer';
import { CallRoutingService } from '../routing/call-routing.service';
import { unwrapReply } from '../shared/api-error';
import { searchQuery } from '../shared/request-shapes';
import { ServiceRequests } from '../shared/service-requests';
import { ApiZodBody, ZodPipe } from '../shared/zod-body';
import { CallDeskService } from './call-desk.service';

const availabilityBody = z.object({ available: z.boolean() });
const registerBody = z.object({ phone: z.string().trim().min(1).max(64).optional() });
const callIdParam = new ZodPipe(callIdSchema);

/** The agent's desk: availability, the calls and the queue, a call's state, and the catalogue. */
@ApiTags('agent')
@Controller('api/agent')
@UseGuards(SessionGuard)
@Roles('agent')
export class AgentCallsController {
  constructor(
    private readonly routing: CallRoutingService,
    private readonly desk: CallDeskService,
    private readonly buffer: CallActivityBuffer,
    private readonly services: ServiceRequests,
    private readonly bus: MessageBus,
  ) {}

  @Post('availability')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start or stop taking calls; starting makes the agent idle from now' })
  @ApiZodBody(availabilityBody)
  async availability(@CurrentPrincipal() agent: StaffPrincipal, @Body(new ZodPipe(availabilityBody)) body: z.infer<typeof availabilityBody>) {
    await this.routing.setAvailability(agent.staffId, body.available);
    return { available: body.available };
  }

  @Get('calls')
  @ApiOperation({ summary: "The agent's calls (current and recently ended) and the queue of waiting calls" })
  async calls(@CurrentPrincipal() agent: StaffPrincipal) {
    const [mine, queue, available] = await Promise.all([
      this.routing.callsOf(agent.staffId),
      this.routing.queue(),
      this.routing.isAvailable(agent.staffId),
    ]);
    return { available, mine, queue };
  }

  @Post('calls/:callId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a waiting call from the queue' })
  accept(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string) {
    return this.routing.accept(agent.staffId, callId);
  }

  @Get('calls/:callId')
  @ApiOperation({ summary: "A call's state: caller, transcript so far, latest matches, keypad digits, cart" })
  async state(@CurrentPrincipal() agent: StaffPrincipal, @Param('callId', callIdParam) callId: string) {
    const call = await this.desk.myCall(agent, callId);
    const activity = this.buffer.of(callId);
    const cartReply = await this.bus.request(cartGetV1, { cart: this.desk.cartOwner(call) });
    const cart = cartReply.ok || cartReply.code !== 'CART_NOT_FOUND' ? unwrapReply(cartReply).cart : null;
    return {
      call,
      customerId: cart && 'customerId' in cart.owner ? cart.owner.customerId : null,
      caller: activity.caller ?? null,
      transcript: { finals: activity.finals, interim: activity.interim ?? null },
      matches: activity.matches,
      keypad: activity.keypad,
      cart,
    };
  }

  @Post('calls/:callId/register')
  @ApiOperation({ summary: "Register the caller now (by the call's number, or a number the caller gives)" })
  @ApiZodBody(registerBody)
  async register(
    @CurrentPrincipal() agent: StaffPrincipal,
    @Param('callId', callIdParam) callId: string,
    @Body(new ZodPipe(registerBody)) body: z.infer<typeof registerBody>,
  ) {
    const call = await this.desk.myCall(agent, callId);
    const registered = await this.services.send(
      customerRegisterV1,
      { phone: body.phone ?? call.callerNumber, how: 'agent', callId, actor: this.desk.actor(agent, callId) },
      callId,
    );
    this.buffer.of(callId).customerId = registered.customer.customerId;
    return registered;
  }

  @Get('products')
  @ApiOperation({ summary: 'Search the catalogue (the fallback when speech matching missed)' })
  search(@Query(new ZodPipe(searchQuery)) query: z.infer<typeof searchQuery>) {
    return this.services.send(productsSearchV1, { query: query.q, limit: query.limit });
  }

  @Get('products/by-sku/:sku')
  @ApiOperation({ summary: 'The one product with this item number' })
  bySku(@Param('sku', new ZodPipe(skuSchema)) sku: string) {
    return this.services.send(productBySkuV1, { sku });
  }
}
