import type { AgentStatus, Caller, Cart, Money, Order, Payment, RoutedCall, SearchCandidates, TranscriptEvent } from '../shared/api-types';
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

/** Why a call left the desk or stopped ringing without the agent's doing: said in a sentence. */
export type RoutingNotice = 'ringWithdrawn' | 'callTransferred' | 'callRequeued';

/** Everything the agent desk shows, derived only from live frames and HTTP answers. */
export interface DeskState {
  /** The signed-in agent's staff id: whose desk this is. */
  me: string;
  available: boolean;
  /** The agent's routing status as the server last said (wrap-up, why availability changed). */
  agentStatus: AgentStatus | null;
  queue: QueuedCall[];
  /** A call ringing at this desk (a new call, or a colleague's transfer): shown over the screen until answered or withdrawn. */
  ringing: RoutedCall | null;
  routingNotice: RoutingNotice | null;
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
  me: '',
  available: false,
  agentStatus: null,
  queue: [],
  ringing: null,
  routingNotice: null,
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

/** A fresh screen for a newly answered call: nothing of the previous call stays (who, availability, status and queue do). */
export function withCall(state: DeskState, call: RoutedCall): DeskState {
  return { ...withoutCall(state), ringing: state.ringing?.callId === call.callId ? null : state.ringing, call };
}

/** The screen with no call on it (the agent, availability, status, the queue and a ringing call stay). */
export function withoutCall(state: DeskState): DeskState {
  const { me, available, agentStatus, queue, ringing } = state;
  return { ...initialDeskState, me, available, agentStatus, queue, ringing };
}

/** The call is connected to this agent (answered here): the softphone carries it and the call bar controls it. */
export function isConnectedToMe(state: Pick<DeskState, 'me' | 'call'>): boolean {
  return state.call?.status === 'connected' && state.call.agentId === state.me;
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
