import type { Caller, CallSnapshot, Cart, LiveFrame, MatchSet, Order, Payment, RoutedCall, TranscriptEvent } from '../shared/api-types';
import { phraseRuns } from '../shared/transcript-highlight.logic';

/** Bounds so a long call cannot grow the screen state without limit. */
const MAX_FINALS = 200;
const MAX_MATCH_SETS = 20;
const MAX_KEYPAD = 64;

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
  matches: MatchSet[];
  keypad: string;
  cart: Cart | null;
  order: Order | null;
  payment: Payment | null;
  shipmentReady: boolean;
}

/** What changes the desk: a socket frame, or the answer of an HTTP read or command. */
export type DeskAction =
  | { kind: 'frame'; frame: LiveFrame }
  | { kind: 'calls'; available: boolean; mine: RoutedCall[]; queue: QueuedCall[] }
  | { kind: 'snapshot'; snapshot: CallSnapshot }
  | { kind: 'availability'; available: boolean }
  | { kind: 'cart'; cart: Cart | null }
  | { kind: 'order'; order: Order }
  | { kind: 'payment'; payment: Payment }
  | { kind: 'registered'; customerId: string }
  | { kind: 'close-call' };

export const initialDeskState: DeskState = {
  available: false,
  queue: [],
  call: null,
  caller: null,
  customerId: null,
  finals: [],
  interim: null,
  matches: [],
  keypad: '',
  cart: null,
  order: null,
  payment: null,
  shipmentReady: false,
};

/** A fresh screen for a newly assigned call (availability and queue stay). */
function withCall(state: DeskState, call: RoutedCall): DeskState {
  return { ...initialDeskState, available: state.available, queue: state.queue, call };
}

/** Keep the newer cart: a higher version of the same cart, or a different cart (ownership moved). */
function newerCart(current: Cart | null, next: Cart | null): Cart | null {
  if (!next || !current) return next ?? current;
  return next.id !== current.id || next.version >= current.version ? next : current;
}

function addFinal(finals: TranscriptEvent[], final: TranscriptEvent): TranscriptEvent[] {
  const without = finals.filter((line) => line.utteranceId !== final.utteranceId);
  return [...without, final].sort((a, b) => a.startMs - b.startMs).slice(-MAX_FINALS);
}

/**
 * True when the desk already shows a newer list for the set's utterance (a higher `sequence`):
 * lists of one call may come from different catalogue replicas while the call changes hands, and
 * the desk shows the last one that arrived, so an older one arriving late must not displace it.
 */
export function supersededMatchSet(shown: readonly MatchSet[], set: MatchSet): boolean {
  if (set.sequence === undefined || set.utteranceId === undefined) return false;
  return shown.some((other) => other.utteranceId === set.utteranceId && other.sequence !== undefined && other.sequence > set.sequence!);
}

function customerIdOf(caller: Caller | null): string | null {
  return caller?.status === 'returning' ? caller.customer.customerId : null;
}

/** Whether a frame belongs on this screen: the current call's, or no call at all. */
function belongs(state: DeskState, frame: LiveFrame): boolean {
  return frame.callId === undefined || frame.callId === state.call?.callId;
}

function onFrame(state: DeskState, frame: LiveFrame): DeskState {
  const data = frame.data as Record<string, unknown>;
  switch (frame.type) {
    case 'call.assigned': {
      const call = data as unknown as RoutedCall;
      if (state.call && state.call.callId === call.callId) return { ...state, call };
      if (state.call && state.call.status !== 'ended') return state;
      return withCall(state, call);
    }
    case 'queue.changed':
      return { ...state, queue: (data.queue as QueuedCall[]) ?? [] };
    case 'call.ended':
      return belongs(state, frame) && state.call ? { ...state, call: { ...state.call, ...(data as unknown as RoutedCall), status: 'ended' } } : state;
  }
  if (!belongs(state, frame)) return state;
  switch (frame.type) {
    case 'caller.identified': {
      const caller = data as unknown as Caller;
      const openCart = caller.status === 'returning' ? caller.customer.openCart : null;
      return { ...state, caller, customerId: customerIdOf(caller) ?? state.customerId, cart: newerCart(state.cart, openCart) };
    }
    case 'transcript': {
      const line = data as unknown as TranscriptEvent;
      if (line.kind === 'interim') return { ...state, interim: line };
      const interim = state.interim?.utteranceId === line.utteranceId ? null : state.interim;
      return { ...state, finals: addFinal(state.finals, line), interim };
    }
    case 'matches': {
      const set = data as unknown as MatchSet;
      if (supersededMatchSet(state.matches, set)) return state;
      return { ...state, matches: [...state.matches, set].slice(-MAX_MATCH_SETS), keypad: set.source === 'keypad' ? '' : state.keypad };
    }
    case 'keypad.digit':
      return { ...state, keypad: (state.keypad + String(data.digit ?? '')).slice(-MAX_KEYPAD) };
    case 'cart.updated':
      return { ...state, cart: newerCart(state.cart, (data.cart as Cart) ?? null) };
    case 'customer.registered':
      return { ...state, customerId: String(data.customerId) };
    case 'order.placed':
      return { ...state, order: data.order as Order, payment: null, shipmentReady: false };
    case 'payment.settled': {
      const payment = data as unknown as Payment;
      return state.order && payment.orderId !== state.order.id ? state : { ...state, payment };
    }
    case 'shipment.ready':
      return state.order && data.orderId === state.order.id ? { ...state, shipmentReady: true } : state;
    default:
      return state;
  }
}

function onSnapshot(state: DeskState, snapshot: CallSnapshot): DeskState {
  const base = state.call?.callId === snapshot.call.callId ? state : withCall(state, snapshot.call);
  const keypad = typeof snapshot.keypad === 'string' ? snapshot.keypad : '';
  let finals = base.finals;
  for (const final of snapshot.transcript?.finals ?? []) finals = addFinal(finals, final);
  return {
    ...base,
    call: snapshot.call,
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
 * (docs/agent-events.md) and HTTP answers. Frames of other calls are ignored, unknown frame
 * types change nothing, carts keep the highest version, and an interim line is replaced by the
 * final of the same utterance.
 */
export function deskReducer(state: DeskState, action: DeskAction): DeskState {
  switch (action.kind) {
    case 'frame':
      return onFrame(state, action.frame);
    case 'calls': {
      const current = action.mine.find((call) => call.status === 'assigned') ?? null;
      const next = { ...state, available: action.available, queue: action.queue };
      if (!current) return next;
      return state.call?.callId === current.callId ? { ...next, call: current } : withCall(next, current);
    }
    case 'snapshot':
      return onSnapshot(state, action.snapshot);
    case 'availability':
      return { ...state, available: action.available };
    case 'cart':
      return { ...state, cart: action.cart === null ? null : newerCart(state.cart, action.cart) };
    case 'order':
      return { ...state, order: action.order, payment: null, shipmentReady: false };
    case 'payment':
      return { ...state, payment: action.payment };
    case 'registered':
      return { ...state, customerId: action.customerId };
    case 'close-call':
      return { ...initialDeskState, available: state.available, queue: state.queue };
  }
}

/** The product names and mentions to highlight in the transcript, with their runs of two or more words. */
export function recognisedTerms(state: Pick<DeskState, 'matches'>): string[] {
  return state.matches.flatMap((set) => [...(set.mention ? [set.mention] : []), ...set.hits.map((hit) => hit.name)]).flatMap(phraseRuns);
}
