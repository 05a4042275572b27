import type { LiveFrame, RoutedCall } from '../shared/api-types';
import { type DeskState, withCall } from './desk-state';

/** The live frames of routing: a call ringing here, changing, leaving or ending; the queue; the agent's status. */
export type RoutingFrame = Extract<LiveFrame, { type: 'call.ringing' | 'call.updated' | 'call.withdrawn' | 'call.left' | 'call.ended' | 'queue.changed' | 'agent.status' }>;

/** Whether `call` is offered to this agent: ringing at their desk, or a colleague's transfer to them. */
export function isOfferedTo(me: string, call: RoutedCall): boolean {
  return (call.status === 'ringing' && call.agentId === me) || (call.status === 'connected' && call.transferTo === me);
}

/**
 * Folds a routing frame into the desk (decision 0065): a call ringing here waits above the screen
 * until it is answered (here, or at another desk of the same agent) or withdrawn; a call that
 * leaves this agent (handed to a colleague, or back to the queue when their audio was lost) stays
 * on screen for the wrap-up, no longer theirs.
 */
export function onRoutingFrame(state: DeskState, frame: RoutingFrame): DeskState {
  switch (frame.type) {
    case 'call.ringing':
      return isOfferedTo(state.me, frame.data) ? { ...state, ringing: frame.data, routingNotice: null } : state;
    case 'call.updated':
      return onCallUpdated(state, frame.data);
    case 'call.withdrawn':
      return state.ringing?.callId === frame.data.callId ? { ...state, ringing: null, routingNotice: 'ringWithdrawn' } : state;
    case 'call.left':
      if (state.call?.callId !== frame.data.callId) return state;
      return { ...state, call: frame.data, routingNotice: frame.data.status === 'queued' ? 'callRequeued' : 'callTransferred' };
    case 'call.ended': {
      const ringing = state.ringing?.callId === frame.data.callId ? null : state.ringing;
      if (!state.call || state.call.callId !== frame.data.callId) return { ...state, ringing };
      return { ...state, ringing, call: { ...state.call, ...frame.data, status: 'ended' } };
    }
    case 'queue.changed':
      return { ...state, queue: frame.data.queue };
    case 'agent.status': {
      const status = frame.data;
      // During a wrap-up the server counts the agent out; the Available box stays as they ticked it.
      return { ...state, agentStatus: status, available: status.reason === 'wrap-up' ? state.available : status.available };
    }
  }
}

function onCallUpdated(state: DeskState, call: RoutedCall): DeskState {
  if (state.ringing?.callId === call.callId) {
    if (call.status === 'connected' && call.agentId === state.me) return withCall(state, call);
    return { ...state, ringing: isOfferedTo(state.me, call) ? call : null };
  }
  return state.call?.callId === call.callId ? { ...state, call } : state;
}
