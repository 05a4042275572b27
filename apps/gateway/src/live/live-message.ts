/**
 * What the gateway pushes over `/api/live`: one JSON object per WebSocket text frame, with its
 * `type`, the call it belongs to where there is one, and its `data` (see docs/agent-events.md).
 */
export type LiveMessageType =
  | 'hello'
  | 'call.assigned'
  | 'call.queued'
  | 'queue.changed'
  | 'caller.identified'
  | 'transcript'
  | 'matches'
  | 'keypad.digit'
  | 'cart.updated'
  | 'customer.registered'
  | 'order.placed'
  | 'payment.settled'
  | 'wallet.credited'
  | 'shipment.ready'
  | 'call.ended'
  | 'reindex.progress'
  | 'reindex.completed'
  | 'import.progress';

export interface LiveMessage {
  readonly type: LiveMessageType;
  readonly callId?: string;
  readonly data: unknown;
}
