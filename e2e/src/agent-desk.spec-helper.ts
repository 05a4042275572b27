import { randomUUID } from 'node:crypto';
import type { GatewayClient, LiveFeed, LiveMessage } from '@callcart/gateway-client';
import type { PhoneLine } from '@callcart/telephony';

/** A shipping address the agent takes down on the phone (the caller's own number for the courier). */
export function addressFor(phone: string, recipient: string) {
  return { recipient, phone, region: 'Shanghai', city: 'Shanghai', street: '88 Caoxi North Road', country: 'CN' };
}

/** The parts of an order the tests read (orders' `order` contract shape). */
export interface PlacedOrder {
  readonly id: string;
  readonly customerId: string;
  readonly state: string;
  readonly total: { readonly amountMinor: number; readonly currency: string };
  readonly paymentDueAt: string;
}

/**
 * The agent at the desk, as the web app drives the gateway: signed in, available, listening on
 * `/api/live` for the calls routed to them and acting on a call through the agent API.
 */
export class AgentDesk {
  private constructor(
    readonly client: GatewayClient,
    readonly live: LiveFeed,
  ) {}

  /** Opens the live socket and marks the agent available (calls are routed only to available agents). */
  static async open(client: GatewayClient): Promise<AgentDesk> {
    const live = await client.live();
    await live.next('hello');
    await client.post('/api/agent/availability', { available: true });
    return new AgentDesk(client, live);
  }

  /**
   * Takes a call: `call.assigned`, then the caller on the live socket. Orders usually identifies
   * the caller while the call is still being routed; the gateway pushes it at assignment then.
   */
  async answer(callId: string): Promise<{ assigned: LiveMessage; caller: Record<string, unknown> }> {
    const assigned = await this.next('call.assigned', callId);
    const caller = await this.next('caller.identified', callId);
    return { assigned, caller: caller.data };
  }

  /** The next frame of `type` for this call (already received or still to come) that `where` accepts. */
  next(type: string, callId: string, where: (message: LiveMessage) => boolean = () => true, timeoutMs = 15_000): Promise<LiveMessage> {
    return this.live.next(type, (message) => message.callId === callId && where(message), timeoutMs);
  }

  /** Every frame of `type` received so far for this call. */
  frames(type: string, callId: string): LiveMessage[] {
    return this.live.messages.filter((message) => message.type === type && message.callId === callId);
  }

  /** Frames of `type` whose payload is about this order (payment, shipment, order placed). */
  orderFrames(type: string, orderId: string): LiveMessage[] {
    return this.live.messages.filter((message) => message.type === type && orderIdOf(message) === orderId);
  }

  /** The catalogue search box of the desk (the fallback when speech did not find the product). */
  async search(query: string): Promise<{ productId: string; name: string }[]> {
    const found = await this.client.get<{ hits: { productId: string; name: string }[] }>(`/api/agent/products?q=${encodeURIComponent(query)}`);
    return found.hits;
  }

  async addToCart(callId: string, productId: string, quantity = 1): Promise<void> {
    await this.client.post(`/api/agent/calls/${callId}/cart/items`, { productId, quantity });
  }

  /** "Register now": the caller becomes a customer before the threshold. */
  async register(callId: string): Promise<string> {
    const registered = await this.client.post<{ customer: { customerId: string } }>(`/api/agent/calls/${callId}/register`);
    return registered.customer.customerId;
  }

  async setAddress(callId: string, address: ReturnType<typeof addressFor>): Promise<void> {
    await this.client.put(`/api/agent/calls/${callId}/address`, { address });
  }

  async placeOrder(callId: string): Promise<PlacedOrder> {
    const placed = await this.client.post<{ order: PlacedOrder }>(`/api/agent/calls/${callId}/orders`, { idempotencyKey: `desk-${randomUUID()}` });
    return placed.order;
  }

  async close(): Promise<void> {
    await this.live.close();
  }
}

/** Voices for saying it again: the caller repeats when the agent did not catch it. */
const REPEAT_VOICES = ['en-us', 'en-us+m3', 'en-us+f2'];

/**
 * The caller says `sentence` until the desk shows a `matches` frame with `productId` among its
 * candidates (at most three times, as a caller repeats when asked). Recognition is imperfect;
 * undefined when the product never came up, with every final transcript heard meanwhile.
 */
export async function sayUntilMatched(
  desk: AgentDesk,
  caller: PhoneLine,
  sentence: string,
  productId: string,
): Promise<{ matches?: LiveMessage; attempts: number; heard: string[] }> {
  const hasProduct = (message: LiveMessage) => ((message.data.hits ?? []) as { productId: string }[]).some((hit) => hit.productId === productId);
  const found = () => desk.frames('matches', caller.callId).find(hasProduct);
  let attempts = 0;
  for (const voice of REPEAT_VOICES) {
    attempts += 1;
    await caller.sayText(sentence, voice);
    // A final comes ~0.3 s into the pause and the matcher answers at once; a loaded machine needs longer.
    const deadline = Date.now() + 6000;
    while (!found() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const matches = found();
    if (matches) return { matches, attempts, heard: heardSoFar(desk, caller.callId) };
  }
  return { attempts, heard: heardSoFar(desk, caller.callId) };
}

/** The final transcripts of the call the desk has received. */
export function heardSoFar(desk: AgentDesk, callId: string): string[] {
  return desk
    .frames('transcript', callId)
    .filter((message) => message.data.kind === 'final')
    .map((message) => String(message.data.text));
}

/** The order a live frame is about: `order.placed` carries `{ order }`, payments and shipments `orderId`. */
export function orderIdOf(message: LiveMessage): string | undefined {
  const data = message.data as { orderId?: string; order?: { id?: string } };
  return data.orderId ?? data.order?.id;
}
