import { Injectable } from '@nestjs/common';
import { customerGetV1, type Actor, type CartOwner } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import type { StaffPrincipal } from '../auth/principal';
import { CallActivityBuffer } from '../live/call-activity.buffer';
import { CallRoutingService, type RoutedCall } from '../routing/call-routing.service';
import { ApiError, forbidden, unwrapReply } from '../shared/api-error';

/** How long after a call ends its agent may still finish its order (as `GET /api/agent/calls` lists it). */
const WRAP_UP_MS = 60 * 60 * 1000;

/**
 * What an agent's call commands share: the owner check (an agent acts only on calls assigned to
 * them, during the call and after it ended, to finish the order), and who the cart belongs to
 * (the customer on the line when known, otherwise the call itself).
 */
@Injectable()
export class CallDeskService {
  constructor(
    private readonly routing: CallRoutingService,
    private readonly buffer: CallActivityBuffer,
    private readonly bus: MessageBus,
  ) {}

  /** The call, if it is the agent's: 404 for an unknown call, 403 for another agent's or a queued one. */
  async myCall(agent: StaffPrincipal, callId: string): Promise<RoutedCall> {
    const call = await this.routing.find(callId);
    if (!call) throw new ApiError(404, 'CALL_NOT_FOUND', 'no such call');
    if (call.agentId !== agent.staffId) throw forbidden('this call is not assigned to you');
    if (call.endedAt && Date.now() - Date.parse(call.endedAt) > WRAP_UP_MS) throw new ApiError(409, 'CALL_CLOSED', 'the call ended over an hour ago');
    return call;
  }

  /** The audit identity of the agent acting on the call. */
  actor(agent: StaffPrincipal, callId: string): Actor {
    return { kind: 'staff', staffId: agent.staffId, callId };
  }

  /** The registered customer on the call, if any: from the live events, else asked of orders by number. */
  async customerOf(call: RoutedCall): Promise<string | undefined> {
    const activity = this.buffer.of(call.callId);
    if (activity.customerId) return activity.customerId;
    if (!call.callerNumber) return undefined;
    const reply = await this.bus.request(customerGetV1, { phone: call.callerNumber });
    if (!reply.ok && (reply.code === 'CUSTOMER_NOT_FOUND' || reply.code === 'INVALID_PHONE' || reply.code === 'INVALID_REQUEST')) return undefined;
    const customerId = unwrapReply(reply).customer.customerId;
    activity.customerId = customerId;
    return customerId;
  }

  async cartOwner(call: RoutedCall): Promise<CartOwner> {
    const customerId = await this.customerOf(call);
    return customerId ? { customerId } : { callId: call.callId };
  }

  /** The customer on the call, or 409 when the caller is not registered yet. */
  async requireCustomer(call: RoutedCall): Promise<string> {
    const customerId = await this.customerOf(call);
    if (!customerId) throw new ApiError(409, 'CUSTOMER_REQUIRED', 'register the caller first');
    return customerId;
  }
}
