import { randomUUID } from 'node:crypto';
import type { Cart, ConfirmationMode, Order, ProductHit, ProductSummary, ShippingAddress } from '@callcart/contracts';
import type { GatewayClient } from './gateway-client';
import type { LiveFeed, LiveMessage } from './live-feed';

/** A call as the agent's call list shows it. */
export interface RoutedCall {
  readonly callId: string;
  readonly status: string;
  readonly callerNumber?: string;
}

/** What the desk's product search answers, and how the agent should confirm among the hits. */
export interface DeskProductSearch {
  readonly hits: readonly ProductHit[];
  readonly total: number;
  readonly confirmationMode: ConfirmationMode;
}

/**
 * The agent at the desk, through the gateway API exactly as the web desk drives it: the live
 * socket, availability, the call's caller, the search box, the cart, the address and the order.
 * For the demo's scripted agent, the end-to-end suites and benchmarks; a browser desk signed in as
 * the same agent shows every step as it happens.
 */
export class AgentDesk {
  private constructor(
    readonly session: GatewayClient,
    readonly live: LiveFeed,
  ) {}

  /** Opens the live socket of a signed-in agent and makes the agent available (calls go only to available agents). */
  static async open(session: GatewayClient, helloTimeoutMs = 5000): Promise<AgentDesk> {
    const live = await session.live();
    try {
      await live.next('hello', () => true, helloTimeoutMs);
      await session.post('/api/agent/availability', { available: true });
    } catch (error) {
      await live.close().catch(() => undefined);
      throw error;
    }
    return new AgentDesk(session, live);
  }

  /**
   * Takes a call: waits for it to ring (`call.ringing`), answers it, then waits for the caller on
   * the live socket (pushed when the desk rings if orders identified the caller while the call
   * was still being routed).
   */
  async answer(callId: string, timeoutMs?: number): Promise<{ assigned: LiveMessage; caller: Record<string, unknown> }> {
    const assigned = await this.next('call.ringing', callId, undefined, timeoutMs);
    await this.answerRinging(callId);
    const caller = await this.next('caller.identified', callId, undefined, timeoutMs);
    return { assigned, caller: caller.data };
  }

  /** Answers the call ringing at this desk (`POST /api/agent/calls/:callId/answer`): it is connected. */
  async answerRinging(callId: string): Promise<void> {
    await this.session.post(`/api/agent/calls/${callId}/answer`);
  }

  /** The first frame of `type` for the call (already received or still to come) that `where` accepts; rejects after the timeout. */
  next(type: string, callId: string, where: (message: LiveMessage) => boolean = () => true, timeoutMs = 15_000): Promise<LiveMessage> {
    return this.live.next(type, (message) => message.callId === callId && where(message), timeoutMs);
  }

  /** Like {@link next}, but undefined after the timeout instead of a rejection (for a caller that explains what did not come). */
  async waitFor(type: string, callId: string, timeoutMs: number, where: (message: LiveMessage) => boolean = () => true): Promise<LiveMessage | undefined> {
    try {
      return await this.next(type, callId, where, timeoutMs);
    } catch {
      return undefined;
    }
  }

  /** Every frame of `type` for the call received so far (or since `since`, a `performance.now()` time), not consuming them. */
  frames(type: string, callId: string, since = -Infinity): LiveMessage[] {
    return this.live.messages.filter((message) => message.type === type && message.callId === callId && message.receivedAt >= since);
  }

  /** Frames of `type` whose payload is about this order (order placed, payment, shipment). */
  orderFrames(type: string, orderId: string): LiveMessage[] {
    return this.live.messages.filter((message) => message.type === type && orderIdOf(message) === orderId);
  }

  /** The agent's calls and the queue. */
  calls(): Promise<{ available: boolean; mine: RoutedCall[]; queue: RoutedCall[] }> {
    return this.session.get('/api/agent/calls');
  }

  /** A call's state as the desk reads it (the caller as identified, if known yet). */
  callState(callId: string): Promise<{ caller: unknown }> {
    return this.session.get(`/api/agent/calls/${callId}`);
  }

  /** The desk's search box (the fallback when speech did not bring the product up). */
  search(query: string, limit = 10): Promise<DeskProductSearch> {
    return this.session.get(`/api/agent/products?q=${encodeURIComponent(query)}&limit=${limit}`);
  }

  /** A product by the item number the caller keys in or reads out. */
  async bySku(sku: string): Promise<ProductSummary> {
    return (await this.session.get<{ product: ProductSummary }>(`/api/agent/products/by-sku/${encodeURIComponent(sku)}`)).product;
  }

  async addToCart(callId: string, productId: string, quantity = 1): Promise<Cart> {
    return (await this.session.post<{ cart: Cart }>(`/api/agent/calls/${callId}/cart/items`, { productId, quantity })).cart;
  }

  async emptyCart(callId: string): Promise<void> {
    await this.session.delete(`/api/agent/calls/${callId}/cart`);
  }

  /** "Register now": the caller becomes a customer before the threshold; returns the customer id. */
  async register(callId: string): Promise<string> {
    return (await this.session.post<{ customer: { customerId: string } }>(`/api/agent/calls/${callId}/register`)).customer.customerId;
  }

  async setAddress(callId: string, address: ShippingAddress): Promise<void> {
    await this.session.put(`/api/agent/calls/${callId}/address`, { address });
  }

  /** Places the call's cart as an order; the same idempotency key places it once. */
  async placeOrder(callId: string, idempotencyKey = `desk-${randomUUID()}`): Promise<Order> {
    return (await this.session.post<{ order: Order }>(`/api/agent/calls/${callId}/orders`, { idempotencyKey })).order;
  }

  /** Closes the live socket; with `signOut`, ends the session too. The agent stays available. */
  /** Ends the wrap-up after a call (Ready on the desk): calls may ring again at once. */
  async ready(): Promise<void> {
    await this.session.post('/api/agent/ready');
  }

  async close(options: { signOut?: boolean } = {}): Promise<void> {
    await this.live.close().catch(() => undefined);
    if (options.signOut) await this.session.signOut().catch(() => undefined);
  }
}

/** The order a live frame is about: `order.placed` carries `{ order }`, payments and shipments `orderId`. */
export function orderIdOf(message: LiveMessage): string | undefined {
  const data = message.data as { orderId?: string; order?: { id?: string } };
  return data.orderId ?? data.order?.id;
}
