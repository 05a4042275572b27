/**
 * The few response and event shapes the web app reads, declared here (the web app does not import
 * from apps, and keeps its bundle free of the server-side contracts). They mirror
 * libs/contracts/src and docs/agent-events.md; the server validates, the browser only displays.
 */

/** Money in integer minor units with its ISO 4217 currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export interface ShippingAddress {
  recipient: string;
  phone: string;
  region: string;
  city: string;
  district?: string;
  street: string;
  postcode?: string;
  country: string;
}

export interface CartLine {
  productId: string;
  sku: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
}

export interface Cart {
  id: string;
  owner: { customerId: string } | { callId: string };
  lines: CartLine[];
  total: Money;
  confirmedAt: string | null;
  version: number;
}

export interface OrderSummary {
  orderId: string;
  placedAt: string;
  total: Money;
  state: string;
}

export interface Order {
  id: string;
  customerId: string;
  lines: CartLine[];
  total: Money;
  shippingAddress: ShippingAddress;
  state: string;
  placedAt: string;
  paymentDueAt: string;
  placedBy: 'agent' | 'customer';
  callId?: string;
  /** How it was settled, once it is. */
  settlement?: { method: 'wallet' | 'cash-on-delivery'; settledAt: string; amountToCollect: Money };
}

export interface Payment {
  orderId: string;
  customerId: string;
  method: 'wallet' | 'cash-on-delivery';
  amount: Money;
  settledAt: string;
}

export interface Wallet {
  customerId: string;
  balance: Money;
  recentEntries: Array<{ entryId: string; kind: string; amount: Money; balanceAfter: Money; at: string; reason?: string; orderId?: string }>;
}

export interface ProductHit {
  productId: string;
  sku: string;
  name: string;
  price: Money | null;
  score: number;
  /** The Chinese name of a product whose catalogue name is not Chinese, when it has one. */
  chineseName?: string;
  category?: string;
}

export type ConfirmationMode = 'ask' | 'item-number';

export interface MatchSet {
  callId: string;
  utteranceId?: string;
  mention?: string;
  quantity?: number;
  hits: ProductHit[];
  total: number;
  confirmationMode: ConfirmationMode;
  source?: string;
  /** Orders the lists of one utterance: a lower one is older (matchesFoundV1.sequence). */
  sequence?: number;
}

export interface ProductSearchResult {
  hits: ProductHit[];
  total: number;
  confirmationMode: ConfirmationMode;
  /** The catalogue's categories, when asked for (`categories=true`). */
  categories?: Array<{ name: string; count: number }>;
}

export type Caller =
  | {
      status: 'returning';
      callId: string;
      customer: {
        customerId: string;
        phone: string;
        name: string | null;
        defaultAddress: ShippingAddress | null;
        walletBalance: Money;
        recentOrders: OrderSummary[];
        openCart: Cart | null;
      };
    }
  | { status: 'new'; callId: string; phone: string; registrationDueAt: string }
  | { status: 'unidentified'; callId: string; reason: string; callerNumber: string };

export interface TranscriptEvent {
  kind: 'interim' | 'final';
  callId: string;
  utteranceId: string;
  text: string;
  startMs: number;
  endMs?: number;
}

export interface RoutedCall {
  callId: string;
  callerNumber: string;
  status: 'queued' | 'assigned' | 'ended';
  agentId: string | null;
  startedAt: string;
  queuedAt?: string | null;
  assignedAt?: string | null;
  endedAt?: string | null;
}

export type Principal =
  | { kind: 'staff'; staffId: string; username: string; role: 'agent' | 'catalogue-manager' | 'admin' }
  | { kind: 'customer'; customerId: string; phone: string };

/** One frame of the `/api/live` socket. */
export interface LiveFrame {
  type: string;
  callId?: string;
  data: unknown;
}

/** `GET /api/agent/calls/{callId}`: what the gateway remembers of a call. */
export interface CallSnapshot {
  call: RoutedCall;
  customerId: string | null;
  caller: Caller | null;
  transcript: { finals: TranscriptEvent[]; interim: TranscriptEvent | null };
  matches: MatchSet[];
  /** The keypad digits pressed so far (the last 64). */
  keypad: string;
  cart: Cart | null;
}
