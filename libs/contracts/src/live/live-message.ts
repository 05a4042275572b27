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

/** A call as the gateway's routing sees it (queued, then assigned to one agent, then ended); the gateway's `RoutedCall`. */
export interface LiveCall {
  readonly callId: string;
  readonly callerNumber: string;
  readonly startedAt: string;
  readonly status: 'queued' | 'assigned' | 'ended';
  readonly agentId: string | null;
  readonly queuedAt: string;
  readonly assignedAt: string | null;
  readonly endedAt: string | null;
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
  'call.assigned': LiveCall;
  'call.queued': LiveCall;
  'call.ended': LiveCall;
  'queue.changed': { queue: LiveCall[] };
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
