import type { LiveFrame, MatchesFoundV1 } from '../shared/api-types';
import { onRoutingFrame, type RoutingFrame } from './desk-routing.reducer';
import { addFinal, customerIdOf, type DeskState, MAX_KEYPAD, MAX_MATCH_SETS, newerCart, unreachable, withWalletBalance } from './desk-state';

/** A live socket frame, as a desk action. */
export interface LiveFrameAction {
  kind: 'frame';
  frame: LiveFrame;
}

/** Whether an utterance of the call is the agent's (its transcript says so). */
function isAgentUtterance(state: DeskState, utteranceId: string): boolean {
  return [...state.finals, ...(state.interim ? [state.interim] : [])].some((line) => line.utteranceId === utteranceId && line.speaker === 'agent');
}

/**
 * True when the desk already shows a newer list for the set's utterance (a higher `sequence`):
 * lists of one call may come from different catalogue replicas while the call changes hands, and
 * the desk shows the last one that arrived, so an older one arriving late must not displace it.
 */
export function supersededMatchSet(shown: DeskState['matches'], set: MatchesFoundV1): boolean {
  if (set.sequence === undefined) return false;
  return shown.some((other) => other.utteranceId === set.utteranceId && other.sequence !== undefined && other.sequence > set.sequence!);
}

/** Whether a frame belongs on this screen: the current call's, or no call at all. */
function belongs(state: DeskState, frame: LiveFrame): boolean {
  return frame.callId === undefined || frame.callId === state.call?.callId;
}

/**
 * Folds one live frame into the desk's state. The frame is the shared discriminated union
 * (`LiveMessage`), so each case reads its `data` as its own type without a cast, and the
 * `default` fails to compile when a message type is added without a decision here.
 */
export function onLiveFrame(state: DeskState, frame: LiveFrame): DeskState {
  switch (frame.type) {
    case 'call.ringing':
    case 'call.updated':
    case 'call.withdrawn':
    case 'call.left':
    case 'call.ended':
    case 'queue.changed':
    case 'agent.status':
      return onRoutingFrame(state, frame);
    case 'hello':
    case 'call.queued':
    case 'reindex.progress':
    case 'reindex.completed':
    case 'import.progress':
      return state;
    default:
      return belongs(state, frame) ? onCallFrame(state, frame) : state;
  }
}

type CallFrame = Exclude<LiveFrame, RoutingFrame | { type: 'hello' | 'call.queued' | 'reindex.progress' | 'reindex.completed' | 'import.progress' }>;

/** A frame of the call on screen. */
function onCallFrame(state: DeskState, frame: CallFrame): DeskState {
  switch (frame.type) {
    case 'caller.identified': {
      const caller = frame.data;
      const openCart = caller.status === 'returning' ? caller.customer.openCart : null;
      return { ...state, caller, customerId: customerIdOf(caller) ?? state.customerId, cart: newerCart(state.cart, openCart) };
    }
    case 'transcript': {
      const line = frame.data;
      if (line.kind === 'interim') return { ...state, interim: line };
      const interim = state.interim?.utteranceId === line.utteranceId ? null : state.interim;
      return { ...state, finals: addFinal(state.finals, line), interim };
    }
    case 'matches': {
      // Candidates come from the caller's words only: the agent naming a product is a read-back.
      // What the caller said last wins over the agent's earlier search on this call.
      const set = frame.data;
      if (isAgentUtterance(state, set.utteranceId) || supersededMatchSet(state.matches, set)) return state;
      return { ...state, matches: [...state.matches, set].slice(-MAX_MATCH_SETS), search: null, keypad: set.source === 'keypad' ? '' : state.keypad };
    }
    case 'keypad.digit':
      return { ...state, keypad: (state.keypad + frame.data.digit).slice(-MAX_KEYPAD) };
    case 'cart.updated':
      return { ...state, cart: newerCart(state.cart, frame.data.cart) };
    case 'customer.registered':
      return { ...state, customerId: frame.data.customerId };
    case 'order.placed':
      return { ...state, order: frame.data.order, payment: null, shipmentReady: false, readBack: false };
    case 'payment.settled': {
      const payment = frame.data;
      return state.order && payment.orderId !== state.order.id ? state : { ...state, payment };
    }
    case 'wallet.credited':
      return { ...state, caller: withWalletBalance(state.caller, frame.data.customerId, frame.data.balance) };
    case 'shipment.ready':
      return state.order && frame.data.orderId === state.order.id ? { ...state, shipmentReady: true } : state;
    default:
      return unreachable(frame);
  }
}
