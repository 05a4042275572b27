import type { Caller, Cart, Money, Order, Payment, RoutedCall, SearchCandidates, TranscriptEvent } from '../shared/api-types';
import type { MatchesFoundV1 } from '../shared/api-types';

/** Bounds so a long call cannot grow the screen state without limit. */
export const MAX_FINALS = 200;
export const MAX_MATCH_SETS = 20;
export const MAX_KEYPAD = 64;

/** A waiting call as the queue shows it. */
export interface QueuedCall {
  callId: string;
  callerNumber: string;
  queuedAt?: string | null;
}

/** Everything the agent desk shows, derived only from live frames and HTTP answers. */
export interface DeskState {
  available: boolean;
  queue: QueuedCall[];
  call: RoutedCall | null;
  caller: Caller | null;
  customerId: string | null;
  finals: TranscriptEvent[];
  interim: TranscriptEvent | null;
  matches: MatchesFoundV1[];
  /** The agent's own search on this call; it shows in place of the matches until Esc, newer matches or the next call. */
  search: SearchCandidates | null;
  keypad: string;
  cart: Cart | null;
  /** Whether the read-back panel (before placing the order) is open. */
  readBack: boolean;
  order: Order | null;
  payment: Payment | null;
  shipmentReady: boolean;
}

export const initialDeskState: DeskState = {
  available: false,
  queue: [],
  call: null,
  caller: null,
  customerId: null,
  finals: [],
  interim: null,
  matches: [],
  search: null,
  keypad: '',
  cart: null,
  readBack: false,
  order: null,
  payment: null,
  shipmentReady: false,
};

/** A fresh screen for a newly assigned call: nothing of the previous call stays (availability and queue do). */
export function withCall(state: DeskState, call: RoutedCall): DeskState {
  return { ...initialDeskState, available: state.available, queue: state.queue, call };
}

/** Keep the newer cart: a higher version of the same cart, or a different cart (ownership moved). */
export function newerCart(current: Cart | null, next: Cart | null): Cart | null {
  if (!next || !current) return next ?? current;
  return next.id !== current.id || next.version >= current.version ? next : current;
}

export function addFinal(finals: TranscriptEvent[], final: TranscriptEvent): TranscriptEvent[] {
  const without = finals.filter((line) => line.utteranceId !== final.utteranceId);
  return [...without, final].sort((a, b) => a.startMs - b.startMs).slice(-MAX_FINALS);
}

export function customerIdOf(caller: Caller | null): string | null {
  return caller?.status === 'returning' ? caller.customer.customerId : null;
}

/** The caller card with the wallet balance the orders service just reported. */
export function withWalletBalance(caller: Caller | null, customerId: string, balance: Money): Caller | null {
  if (caller?.status !== 'returning' || caller.customer.customerId !== customerId) return caller;
  return { ...caller, customer: { ...caller.customer, walletBalance: balance } };
}

/** The exhaustiveness check of a `switch` over a union: adding a member without its case fails to compile. */
export function unreachable(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}
