/**
 * The browser's live protocol: what the gateway pushes over `/api/live`, one JSON object per
 * WebSocket text frame (docs/agent-events.md). Types only, no schema: the payloads were checked
 * against their NATS contracts when they arrived at the gateway, and the web app imports this
 * module with `import type` so nothing of it (nor zod) reaches the browser bundle.
 */
import type { CallerIdentifiedV1 } from '../orders/caller-identified.v1';
import type { CartUpdatedV1 } from '../orders/cart-updated.v1';
import type { CustomerRegisteredV1 } from '../orders/customer-registered.v1';
import type { ImportProgressV1 } from '../catalogue/import-progress.v1';
import type { KeypadDigitV1 } from '../calls/keypad-digit.v1';
import type { MatchesFoundV1 } from '../catalogue/matches-found.v1';
import type { OrderPlacedV1 } from '../orders/order-placed.v1';
import type { PaymentSettledV1 } from '../orders/payment-settled.v1';
import type { ReindexCompletedV1 } from '../catalogue/reindex-completed.v1';
import type { ReindexProgressV1 } from '../catalogue/reindex-progress.v1';
import type { ShipmentReadyV1 } from '../orders/shipment-ready.v1';
import type { TranscriptUpdatedV1 } from '../speech/transcript-updated.v1';
import type { WalletCreditedV1 } from '../orders/wallet-credited.v1';

/**
 * A call as the gateway's routing sees it: waiting in the queue, ringing at one agent's desk
 * (until `ringDeadline`, then offered to the next), connected to the agent who answered (who may
 * put it on hold or ring a colleague to take it over), then ended. The gateway's `RoutedCall`.
 */
export interface LiveCall {
  readonly callId: string;
  readonly callerNumber: string;
  readonly startedAt: string;
  readonly status: 'queued' | 'ringing' | 'connected' | 'ended';
  /** The agent whose desk rings (status ringing) or who talks with the caller (connected); null when queued. */
  readonly agentId: string | null;
  readonly queuedAt: string;
  /** When the call was offered to `agentId` (ringing began). */
  readonly assignedAt: string | null;
  /** While ringing: when the offer lapses and the call goes to the next available agent. */
  readonly ringDeadline: string | null;
  /** When `agentId` answered. */
  readonly answeredAt: string | null;
  /** Connected, and the caller hears the waiting audio. */
  readonly onHold: boolean;
  /** While connected: the colleague whose desk rings to take the call over, until `transferDeadline`. */
  readonly transferTo: string | null;
  readonly transferDeadline: string | null;
  readonly endedAt: string | null;
  /** The agent's wrap-up notes, stored on the call. */
  readonly notes: string | null;
}

/** Why an agent's availability changed without them asking. */
export type AgentStatusReason = 'missed-call' | 'audio-lost' | 'signed-out' | 'desk-closed' | 'wrap-up';

/** The agent's own state, pushed to their desk whenever it changes. */
export interface LiveAgentStatus {
  readonly staffId: string;
  /** Takes calls (ticked Available, a desk open, not wrapping up). */
  readonly available: boolean;
  /** After a call: no call is routed to the agent before this time (or until they say they are ready). */
  readonly wrapUpUntil: string | null;
  /** The call the agent wraps up. */
  readonly wrapUpCallId: string | null;
  readonly reason: AgentStatusReason | null;
}

/** Who the socket belongs to, as the greeting tells the page. */
export type LivePrincipal =
  | { readonly kind: 'staff'; readonly staffId: string; readonly username: string; readonly role: 'agent' | 'catalogue-manager' | 'admin' }
  | { readonly kind: 'customer'; readonly customerId: string; readonly phone: string };

/**
 * Every live message type with its `data`. Adding a message is one line here: the union below,
 * the gateway's builder and the browser's `switch` (with its exhaustiveness check) follow.
 */
export interface LiveMessageData {
  hello: { principal: LivePrincipal };
  /** The agent's desk rings: a new call, or a colleague's transfer (`transferTo` is this agent). */
  'call.ringing': LiveCall;
  /** A call the agent holds or rings for changed: answered, held, a transfer started or dropped. */
  'call.updated': LiveCall;
  /** The desk stops ringing without the agent answering: the ring timed out, the caller hung up, a colleague took it. */
  'call.withdrawn': LiveCall;
  /** The call left this agent while it went on: transferred to a colleague, or back to the queue when the agent's audio was lost. */
  'call.left': LiveCall;
  'call.queued': LiveCall;
  'call.ended': LiveCall;
  'queue.changed': { queue: LiveCall[] };
  'agent.status': LiveAgentStatus;
  'caller.identified': CallerIdentifiedV1;
  transcript: TranscriptUpdatedV1;
  matches: MatchesFoundV1;
  'keypad.digit': KeypadDigitV1;
  'cart.updated': { cart: CartUpdatedV1['cart'] };
  'customer.registered': CustomerRegisteredV1;
  'order.placed': OrderPlacedV1;
  'payment.settled': PaymentSettledV1;
  'wallet.credited': WalletCreditedV1;
  'shipment.ready': ShipmentReadyV1;
  'reindex.progress': ReindexProgressV1;
  'reindex.completed': ReindexCompletedV1;
  'import.progress': ImportProgressV1;
}

export type LiveMessageType = keyof LiveMessageData;

/** One live message of type `T`: its `type`, the call it belongs to where there is one, its `data`. */
export interface LiveMessageOf<T extends LiveMessageType> {
  readonly type: T;
  readonly callId?: string;
  readonly data: LiveMessageData[T];
}

/** The live message as a discriminated union on `type`: a `switch` narrows `data` without casts. */
export type LiveMessage = { [T in LiveMessageType]: LiveMessageOf<T> }[LiveMessageType];
