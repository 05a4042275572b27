import { Injectable } from '@nestjs/common';
import { cartGetV1, type Actor, type CartOwner } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import type { StaffPrincipal } from '../auth/principal';
import { CallRoutingService, type RoutedCall } from '../routing/call-routing.service';
import { ApiError, forbidden, unwrapReply } from '../shared/api-error';

/** How long after a call ends its agent may still finish its order (as `GET /api/agent/calls` lists it). */
const WRAP_UP_MS = 60 * 60 * 1000;

/**
 * What an agent's call commands share: the owner check (an agent acts only on calls assigned to
 * them, during the call and after it ended, to finish the order), and the call's cart, whose
 * owner orders alone decides.
 */
@Injectable()
export class CallDeskService {
  constructor(
    private readonly routing: CallRoutingService,
    private readonly bus: MessageBus,
  ) {}

  /**
   * The call, if it is the agent's (ringing at their desk, theirs, or a colleague's whose transfer
   * rings at their desk, so they see the cart and transcript before answering): 404 for an
   * unknown call, 403 for another agent's or a queued one.
   */
  async myCall(agent: StaffPrincipal, callId: string): Promise<RoutedCall> {
    const call = await this.routing.find(callId);
    if (!call) throw new ApiError(404, 'CALL_NOT_FOUND', 'no such call');
    if (call.agentId !== agent.staffId && call.transferTo !== agent.staffId) throw forbidden('this call is not assigned to you');
    if (call.endedAt && Date.now() - Date.parse(call.endedAt) > WRAP_UP_MS) throw new ApiError(409, 'CALL_CLOSED', 'the call ended over an hour ago');
    return call;
  }

  /** The audit identity of the agent acting on the call. */
  actor(agent: StaffPrincipal, callId: string): Actor {
    return { kind: 'staff', staffId: agent.staffId, callId };
  }

  /**
   * The cart an agent's command on a call means: always the call's. Orders decides whose cart
   * that is (the customer once the caller is registered, however and wherever that happened;
   * the call's own until then); the gateway passes only what it knows.
   */
  cartOwner(call: RoutedCall): CartOwner {
    return { callId: call.callId };
  }

  /** The customer on the call, as orders resolves the call's cart, or 409 when the caller is not registered yet. */
  async requireCustomer(call: RoutedCall): Promise<string> {
    const reply = await this.bus.request(cartGetV1, { cart: this.cartOwner(call) });
    // CART_NOT_FOUND: orders has not heard of the call yet, so nobody is registered on it.
    const owner = reply.ok || reply.code !== 'CART_NOT_FOUND' ? unwrapReply(reply).cart.owner : undefined;
    if (!owner || !('customerId' in owner)) throw new ApiError(409, 'CUSTOMER_REQUIRED', 'register the caller first');
    return owner.customerId;
  }
}
