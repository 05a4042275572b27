import type { AgentStatus, CallSnapshot, Cart, Money, Order, Payment, MatchSet, RoutedCall, SearchCandidates } from '../shared/api-types';
import { phraseRuns } from '../shared/transcript-highlight.logic';
import { onLiveFrame, type LiveFrameAction } from './desk-frames.reducer';
import { isOfferedTo, onRoutingFrame } from './desk-routing.reducer';
import { addFinal, customerIdOf, type DeskState, MAX_KEYPAD, MAX_MATCH_SETS, newerCart, type QueuedCall, unreachable, withCall, withoutCall, withWalletBalance } from './desk-state';

export { type DeskState, initialDeskState, isConnectedToMe, type QueuedCall } from './desk-state';

/** What changes the desk: a socket frame, or the answer of an HTTP read or command. */
export type DeskAction =
  | LiveFrameAction
  | { kind: 'calls'; available: boolean; mine: RoutedCall[]; queue: QueuedCall[] }
  /** The agent answered the call ringing here (the answer's call, connected to them). */
  | { kind: 'answered'; call: RoutedCall }
  /** A command's answer about the call on screen (held, transfer started or dropped). */
  | { kind: 'call'; call: RoutedCall }
  | { kind: 'agent-status'; status: AgentStatus }
  | { kind: 'dismiss-routing-notice' }
  | { kind: 'snapshot'; snapshot: CallSnapshot }
  | { kind: 'availability'; available: boolean }
  | { kind: 'cart'; cart: Cart | null }
  | { kind: 'search'; search: SearchCandidates }
  | { kind: 'clear-search' }
  | { kind: 'read-back'; open: boolean }
  | { kind: 'order'; order: Order }
  | { kind: 'payment'; payment: Payment }
  | { kind: 'wallet-balance'; customerId: string; balance: Money }
  | { kind: 'registered'; customerId: string }
  /** The agent is done with the call on screen (Ready after the wrap-up); a newer call stays. */
  | { kind: 'close-call'; callId: string };

function onSnapshot(state: DeskState, snapshot: CallSnapshot): DeskState {
  const base = state.call?.callId === snapshot.call.callId ? state : withCall(state, snapshot.call);
  const keypad = typeof snapshot.keypad === 'string' ? snapshot.keypad : '';
  let finals = base.finals;
  for (const final of snapshot.transcript?.finals ?? []) finals = addFinal(finals, final);
  return {
    ...base,
    call: base.call ? laterCall(base.call, snapshot.call) : snapshot.call,
    caller: snapshot.caller ?? base.caller,
    customerId: snapshot.customerId ?? customerIdOf(snapshot.caller) ?? base.customerId,
    finals,
    interim: snapshot.transcript?.interim ?? base.interim,
    matches: snapshot.matches?.length ? snapshot.matches.slice(-MAX_MATCH_SETS) : base.matches,
    keypad: keypad.slice(-MAX_KEYPAD) || base.keypad,
    cart: newerCart(base.cart, snapshot.cart),
  };
}

/**
 * The agent desk's screen state as a pure function of what happened: live frames
 * (docs/agent-events.md) and HTTP answers. Frames of other calls are ignored, carts keep the
 * highest version, an interim line is replaced by the final of the same utterance, and a search
 * belongs to the call it was made on (a result for another call is dropped, a new call starts clean).
 */
export function deskReducer(state: DeskState, action: DeskAction): DeskState {
  switch (action.kind) {
    case 'frame':
      return onLiveFrame(state, action.frame);
    case 'calls': {
      const current = action.mine.find((call) => call.status === 'connected' && call.agentId === state.me) ?? null;
      const ringing = action.mine.find((call) => isOfferedTo(state.me, call)) ?? null;
      const next = { ...state, available: action.available, queue: action.queue, ringing };
      if (!current) return next;
      return state.call?.callId === current.callId ? { ...next, call: current } : withCall(next, current);
    }
    case 'answered':
      if (state.call?.callId !== action.call.callId) return withCall({ ...state, ringing: null }, action.call);
      return { ...state, call: laterCall(state.call, action.call), ringing: null };
    case 'call':
      return state.call?.callId === action.call.callId ? { ...state, call: laterCall(state.call, action.call) } : state;
    case 'agent-status':
      return onRoutingFrame(state, { type: 'agent.status', data: action.status });
    case 'dismiss-routing-notice':
      return { ...state, routingNotice: null };
    case 'snapshot':
      return onSnapshot(state, action.snapshot);
    case 'availability':
      return { ...state, available: action.available };
    case 'cart':
      return { ...state, cart: action.cart === null ? null : newerCart(state.cart, action.cart) };
    case 'search':
      return action.search.callId === state.call?.callId ? { ...state, search: action.search } : state;
    case 'clear-search':
      return { ...state, search: null };
    case 'read-back':
      return { ...state, readBack: action.open && state.call !== null };
    case 'order':
      return { ...state, order: action.order, payment: null, shipmentReady: false, readBack: false };
    case 'payment':
      return { ...state, payment: action.payment };
    case 'wallet-balance':
      return { ...state, caller: withWalletBalance(state.caller, action.customerId, action.balance) };
    case 'registered':
      return { ...state, customerId: action.customerId };
    case 'close-call':
      return state.call?.callId === action.callId ? withoutCall(state) : state;
    default:
      return unreachable(action);
  }
}

/**
 * The call as a command's reply has it, unless the live socket already said it ended: a reply
 * that comes back after `call.ended` (answered, then the caller hung up at once) must not
 * bring the call back to life on screen.
 */
function laterCall(shown: RoutedCall, replied: RoutedCall): RoutedCall {
  return shown.status === 'ended' ? shown : replied;
}

/** What the candidates panel shows now: the agent's search on this call, else the call's latest matches. */
export function currentCandidates(state: Pick<DeskState, 'search' | 'matches'>): MatchSet | null {
  return state.search ?? state.matches[state.matches.length - 1] ?? null;
}

/** The product names and mentions to highlight in the transcript, with their runs of two or more words. */
export function recognisedTerms(state: Pick<DeskState, 'matches'>): string[] {
  return state.matches.flatMap((set) => [...(set.mention ? [set.mention] : []), ...set.hits.map((hit) => hit.name)]).flatMap(phraseRuns);
}
