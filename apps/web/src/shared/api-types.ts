/**
 * The response and event shapes the web app reads. Where a contract exists they are the
 * contract's own types (`@callcart/contracts`), imported with `import type` only: the compiler
 * erases them, so neither the contracts nor zod reach the browser bundle (eslint refuses a value
 * import from the web app). The server validates; the browser only displays.
 */
import type {
  CallerIdentifiedV1,
  Cart,
  ConfirmationMode,
  LiveAgentStatus,
  LiveCall,
  LiveMessage,
  LivePrincipal,
  MatchesFoundV1,
  Money,
  Order,
  OrderSummary,
  Payment,
  ProductHit,
  ShippingAddress,
  TranscriptUpdatedV1,
  Wallet,
} from '@callcart/contracts';

export type { Cart, ConfirmationMode, MatchesFoundV1, Money, Order, OrderSummary, Payment, ProductHit, ShippingAddress, Wallet };

/** Who is calling, as orders identified them (`caller.identified`). */
export type Caller = CallerIdentifiedV1;
/** One interim or final transcript line (`transcript`). */
export type TranscriptEvent = TranscriptUpdatedV1;
/** A call as routing sees it (`GET /api/agent/calls`, `call.ringing`, `call.updated`, …). */
export type RoutedCall = LiveCall;
/** The agent's own routing status (`agent.status`, `GET /api/agent/status`). */
export type AgentStatus = LiveAgentStatus;
/** A colleague in the transfer menu (`GET /api/agent/agents`). */
export interface TransferCandidate {
  staffId: string;
  username: string;
  available: boolean;
  onCall: boolean;
  wrappingUp: boolean;
}
export type Principal = LivePrincipal;
/** One frame of the `/api/live` socket: a discriminated union on `type`. */
export type LiveFrame = LiveMessage;

/** `GET /api/agent/products` and `GET /api/shop/products`: the catalogue's search answer. */
export interface ProductSearchResult {
  hits: ProductHit[];
  total: number;
  confirmationMode: ConfirmationMode;
  /** The catalogue's categories, when asked for (`categories=true`). */
  categories?: Array<{ name: string; count: number }>;
}

/** The agent's own search, shown in the candidates panel in place of the call's matches. */
export interface SearchCandidates extends ProductSearchResult {
  source: 'search';
  /** The call the search was made on: a search belongs to its call. */
  callId: string;
  mention: string;
}

/** What the candidates panel shows: the catalogue's matches for the call, or the agent's search. */
export type MatchSet = MatchesFoundV1 | SearchCandidates;

/** `GET /api/agent/calls/{callId}`: what the gateway remembers of a call. */
export interface CallSnapshot {
  call: RoutedCall;
  customerId: string | null;
  caller: Caller | null;
  transcript: { finals: TranscriptEvent[]; interim: TranscriptEvent | null };
  matches: MatchesFoundV1[];
  /** The keypad digits pressed so far (the last 64). */
  keypad: string;
  cart: Cart | null;
}
