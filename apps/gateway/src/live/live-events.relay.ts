import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  callerIdentifiedV1,
  cartUpdatedV1,
  customerRegisteredV1,
  importProgressV1,
  keypadDigitV1,
  matchesFoundV1,
  orderPlacedV1,
  paymentSettledV1,
  walletCreditedV1,
  reindexCompletedV1,
  reindexProgressV1,
  shipmentReadyV1,
  transcriptUpdatedV1,
  type CartUpdatedV1,
} from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { CallRoutingService } from '../routing/call-routing.service';
import { RoutingNotifications } from '../routing/routing-notifications';
import type { RoutingNotice } from '../routing/routing-notice';
import { CallActivityBuffer } from './call-activity.buffer';
import { LiveHub } from './live-hub';
import type { LiveMessage } from './live-message';

/**
 * Turns NATS facts and routing changes into live messages for the right sockets of this replica.
 * Every replica subscribes (core NATS, no queue group) and pushes to its own sockets. A call's
 * events go to the agent holding the call; a customer's to that customer; reindex and import
 * progress to catalogue managers and admins.
 */
@Injectable()
export class LiveEventsRelay implements OnApplicationBootstrap {
  constructor(
    private readonly bus: MessageBus,
    private readonly hub: LiveHub,
    private readonly buffer: CallActivityBuffer,
    private readonly routing: CallRoutingService,
    private readonly notifications: RoutingNotifications,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.notifications.onNotice((notice) => this.routingChanged(notice));
    await this.bus.subscribe(callerIdentifiedV1, async (caller) => {
      const activity = this.buffer.of(caller.callId);
      activity.caller = caller;
      if (caller.status === 'returning') activity.customerId = caller.customer.customerId;
      await this.toCallAgent(caller.callId, { type: 'caller.identified', callId: caller.callId, data: caller });
      if (activity.agentId) activity.callerSentTo = activity.agentId;
    });
    await this.bus.subscribe(transcriptUpdatedV1, async (update) => {
      this.buffer.addTranscript(update);
      await this.toCallAgent(update.callId, { type: 'transcript', callId: update.callId, data: update });
    });
    await this.bus.subscribe(matchesFoundV1, async (found) => {
      this.buffer.addMatches(found);
      await this.toCallAgent(found.callId, { type: 'matches', callId: found.callId, data: found });
    });
    await this.bus.subscribe(keypadDigitV1, async (key) => {
      this.buffer.addDigit(key.callId, key.digit);
      await this.toCallAgent(key.callId, { type: 'keypad.digit', callId: key.callId, data: key });
    });
    await this.bus.subscribe(cartUpdatedV1, (update) => this.cartUpdated(update));
    await this.bus.subscribe(customerRegisteredV1, async (registered) => {
      const message: LiveMessage = { type: 'customer.registered', callId: registered.callId, data: registered };
      if (registered.callId) {
        this.buffer.of(registered.callId).customerId = registered.customerId;
        await this.toCallAgent(registered.callId, message);
      }
      this.hub.toCustomer(registered.customerId, message);
    });
    await this.bus.subscribe(orderPlacedV1, (placed) =>
      this.toCustomerAndCalls(placed.order.customerId, { type: 'order.placed', callId: placed.order.callId, data: placed }, placed.order.callId),
    );
    // The order's call travels in the envelope: the agent who placed it hears how it was settled
    // even after the caller has hung up (payment windows outlast calls).
    // A top-up paid while the customer is on a call: the agent's caller card shows the new balance too.
    await this.bus.subscribe(walletCreditedV1, (credited) => this.toCustomerAndCalls(credited.customerId, { type: 'wallet.credited', data: credited }));
    await this.bus.subscribe(paymentSettledV1, (payment, meta) =>
      this.toCustomerAndCalls(payment.customerId, { type: 'payment.settled', callId: meta.callId, data: payment }, meta.callId),
    );
    await this.bus.subscribe(shipmentReadyV1, (shipment, meta) =>
      this.toCustomerAndCalls(shipment.customerId, { type: 'shipment.ready', callId: meta.callId, data: shipment }, meta.callId),
    );
    await this.bus.subscribe(reindexProgressV1, (progress) =>
      this.hub.toRoles(['catalogue-manager', 'admin'], { type: 'reindex.progress', data: progress }),
    );
    // Every import's progress (the admin page's uploads and the command-line tool's): the page
    // follows the import id it chose.
    await this.bus.subscribe(importProgressV1, (progress) =>
      this.hub.toRoles(['catalogue-manager', 'admin'], { type: 'import.progress', data: progress }),
    );
    await this.bus.subscribe(reindexCompletedV1, (completed) =>
      this.hub.toRoles(['catalogue-manager', 'admin'], { type: 'reindex.completed', data: completed }),
    );
  }

  private async routingChanged(notice: RoutingNotice): Promise<void> {
    if (notice.kind === 'agent-status') {
      this.hub.toStaff(notice.status.staffId, { type: 'agent.status', data: notice.status });
      return;
    }
    const { call } = notice;
    const activity = this.buffer.of(call.callId);
    activity.agentId = call.agentId;
    switch (notice.kind) {
      case 'ringing':
        this.hub.toStaff(notice.to, { type: 'call.ringing', callId: call.callId, data: call });
        // Orders usually identifies the caller before the call is routed: the ringing desk hears it now.
        if (activity.caller && activity.callerSentTo !== notice.to) {
          activity.callerSentTo = notice.to;
          this.hub.toStaff(notice.to, { type: 'caller.identified', callId: call.callId, data: activity.caller });
        }
        break;
      case 'updated':
        this.hub.toStaff(notice.to, { type: 'call.updated', callId: call.callId, data: call });
        break;
      case 'withdrawn':
        this.hub.toStaff(notice.to, { type: 'call.withdrawn', callId: call.callId, data: call });
        break;
      case 'left':
        this.hub.toStaff(notice.to, { type: 'call.left', callId: call.callId, data: call });
        break;
      case 'queued':
        this.hub.toRoles(['agent', 'admin'], { type: 'call.queued', callId: call.callId, data: call });
        break;
      case 'ended':
        activity.ended = true;
        this.hub.toStaff(call.agentId, { type: 'call.ended', callId: call.callId, data: call });
        break;
      default:
        return assertNever(notice);
    }
    this.hub.toRoles(['agent', 'admin'], { type: 'queue.changed', data: { queue: await this.routing.queue() } });
  }

  /** A cart of a call goes to the call's agent; a customer's cart to the customer and the agents on a call with them. */
  private async cartUpdated({ cart }: CartUpdatedV1): Promise<void> {
    if ('callId' in cart.owner) {
      const activity = this.buffer.of(cart.owner.callId);
      activity.cart = cart;
      await this.toCallAgent(cart.owner.callId, { type: 'cart.updated', callId: cart.owner.callId, data: { cart } });
      return;
    }
    await this.toCustomerAndCalls(cart.owner.customerId, { type: 'cart.updated', data: { cart } }, undefined, cart);
  }

  private async toCustomerAndCalls(customerId: string, message: LiveMessage, callId?: string, cart?: CartUpdatedV1['cart']): Promise<void> {
    this.hub.toCustomer(customerId, message);
    const callIds = new Set(this.buffer.callsWithCustomer(customerId).map(([id]) => id));
    if (callId) callIds.add(callId);
    for (const id of callIds) {
      if (cart) this.buffer.of(id).cart = cart;
      await this.toCallAgent(id, { ...message, callId: id });
    }
  }

  /** Sends to the agent holding the call, looking the call up in PostgreSQL the first time. */
  private async toCallAgent(callId: string, message: LiveMessage): Promise<void> {
    const activity = this.buffer.of(callId);
    if (activity.agentId === undefined) {
      const call = await this.routing.find(callId);
      if (call) activity.agentId = call.agentId;
    }
    this.hub.toStaff(activity.agentId, message);
  }
}

function assertNever(notice: never): never {
  throw new Error(`unknown routing notice ${JSON.stringify(notice)}`);
}
