import type { Cart, ConfirmationMode, Order, ProductHit, ProductSummary } from '@callcart/contracts';
import { GatewayClient, GatewayRequestError, type LiveFeed, type LiveMessage } from '@callcart/gateway-client';
import { DemoProblem, gatewayProblem } from '../demo-problem';

export interface RoutedCall {
  readonly callId: string;
  readonly status: string;
  readonly callerNumber?: string;
}

export interface ProductSearch {
  readonly hits: readonly ProductHit[];
  readonly total: number;
  readonly confirmationMode: ConfirmationMode;
}

/**
 * The agent's side of the demo: what a person at the desk does, through the same gateway API the
 * web desk uses (sign-in, availability, the live socket, search, cart, order), so the desk in a
 * browser signed in as the same agent shows every step as it happens.
 */
export class AgentDesk {
  private constructor(
    private readonly session: GatewayClient,
    readonly feed: LiveFeed,
    readonly username: string,
  ) {}

  /** Signs the agent in, opens the live socket and makes the agent available for calls. */
  static async open(gatewayUrl: string, agent: { username: string; password: string }): Promise<AgentDesk> {
    let session: GatewayClient;
    try {
      session = await GatewayClient.signInStaff(gatewayUrl, agent.username, agent.password);
    } catch (error) {
      if (error instanceof GatewayRequestError && error.code === 'INVALID_CREDENTIALS') {
        throw new DemoProblem(`the demo agent ${agent.username} cannot sign in at ${gatewayUrl}`, 'set the demo up first: `npm start` does, or `npm run demo:seed`');
      }
      throw gatewayProblem(error, gatewayUrl, `signing ${agent.username} in`);
    }
    try {
      const feed = await session.live();
      await feed.next('hello', () => true, 5000);
      const desk = new AgentDesk(session, feed, agent.username);
      await session.post('/api/agent/availability', { available: true });
      return desk;
    } catch (error) {
      throw gatewayProblem(error, gatewayUrl, `opening ${agent.username}'s desk`);
    }
  }

  /** The agent's calls and the queue, to explain a call that never reached the agent. */
  calls(): Promise<{ available: boolean; mine: RoutedCall[]; queue: RoutedCall[] }> {
    return this.session.get('/api/agent/calls');
  }

  /** A call's state as the desk reads it on assignment (the caller as identified, if known yet). */
  callState(callId: string): Promise<{ caller: unknown }> {
    return this.session.get(`/api/agent/calls/${callId}`);
  }

  search(query: string, limit = 10): Promise<ProductSearch> {
    return this.session.get(`/api/agent/products?q=${encodeURIComponent(query)}&limit=${limit}`);
  }

  async bySku(sku: string): Promise<ProductSummary> {
    return (await this.session.get<{ product: ProductSummary }>(`/api/agent/products/by-sku/${encodeURIComponent(sku)}`)).product;
  }

  async addToCart(callId: string, productId: string, quantity: number): Promise<Cart> {
    return (await this.session.post<{ cart: Cart }>(`/api/agent/calls/${callId}/cart/items`, { productId, quantity })).cart;
  }

  async emptyCart(callId: string): Promise<void> {
    await this.session.delete(`/api/agent/calls/${callId}/cart`);
  }

  async placeOrder(callId: string, idempotencyKey: string): Promise<Order> {
    return (await this.session.post<{ order: Order }>(`/api/agent/calls/${callId}/orders`, { idempotencyKey })).order;
  }

  /** The first live frame of `type` for the call (arrived already or still to come), or undefined after the timeout. */
  async next(type: string, callId: string, timeoutMs: number, where: (message: LiveMessage) => boolean = () => true): Promise<LiveMessage | undefined> {
    try {
      return await this.feed.next(type, (message) => message.callId === callId && where(message), timeoutMs);
    } catch {
      return undefined;
    }
  }

  /** Every frame of `type` for the call received after `since` (a `performance.now()` time), not consuming them. */
  framesSince(type: string, callId: string, since: number): LiveMessage[] {
    return this.feed.messages.filter((message) => message.type === type && message.callId === callId && message.receivedAt >= since);
  }

  /** Leaves the agent available (a person may go on from the browser) and closes this session. */
  async close(): Promise<void> {
    await this.feed.close().catch(() => undefined);
    await this.session.signOut().catch(() => undefined);
  }
}
