import type { LiveMessageData, LiveMessageType } from '@callcart/contracts';
import type { Cart, LiveFrame, MatchesFoundV1, Order, ProductHit, RoutedCall, TranscriptEvent } from '../shared/api-types';
import type { DeskAction } from './desk-state.reducer';

/** Typed test data for the desk's specs, in the contracts' full shapes. */
export const CALL = 'CA5f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c';
export const CUSTOMER = 'c0ffee00-1d2e-4f3a-9b8c-7d6e5f4a3b21';
export const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

/** The signed-in agent of the desk specs. */
export const ME = 'a1';

/** A call connected to this desk's agent (answered): what the call bar and the softphone act on. */
export const connectedCall = (callId = CALL, extra: Partial<RoutedCall> = {}): RoutedCall => ({
  callId,
  callerNumber: '+8613800138000',
  status: 'connected',
  agentId: ME,
  startedAt: '2025-03-14T01:26:53.589Z',
  queuedAt: '2025-03-14T01:26:53.600Z',
  assignedAt: '2025-03-14T01:26:54.000Z',
  ringDeadline: null,
  answeredAt: '2025-03-14T01:26:56.000Z',
  onHold: false,
  transferTo: null,
  transferDeadline: null,
  endedAt: null,
  notes: null,
  ...extra,
});

/** The same call ringing at this desk, before the agent answers. */
export const ringingCall = (callId = CALL, extra: Partial<RoutedCall> = {}): RoutedCall =>
  connectedCall(callId, { status: 'ringing', answeredAt: null, ringDeadline: '2025-03-14T01:27:14.000Z', ...extra });

/** The agent answers `call` (the answer's reply): it is on screen. */
export const answered = (call: RoutedCall): DeskAction => ({ kind: 'answered', call });

export const hit = (productId: string, name: string, extra: Partial<ProductHit> = {}): ProductHit => ({ productId, sku: '100234', name, price: cny(5900), score: 0.9, ...extra });

export const matchSet = (hits: ProductHit[], extra: Partial<MatchesFoundV1> = {}): MatchesFoundV1 => ({
  callId: CALL,
  utteranceId: 'u-1',
  mention: 'nivea',
  quantity: 1,
  hits,
  total: hits.length,
  confirmationMode: 'ask',
  source: 'speech',
  ...extra,
});

export const finalLine = (utteranceId: string, text: string, startMs = 0, extra: { speaker?: 'caller' | 'agent'; callId?: string } = {}): TranscriptEvent => ({
  kind: 'final',
  callId: extra.callId ?? CALL,
  utteranceId,
  text,
  alternatives: [{ text, confidence: 0.9 }],
  startMs,
  endMs: startMs + 500,
  workerId: 'speech-1',
  language: 'en',
  ...(extra.speaker ? { speaker: extra.speaker } : {}),
});

export const interimLine = (utteranceId: string, text: string, startMs = 0, speaker?: 'caller' | 'agent'): TranscriptEvent => ({
  kind: 'interim',
  callId: CALL,
  utteranceId,
  text,
  stability: 0.5,
  startMs,
  workerId: 'speech-1',
  language: 'en',
  ...(speaker ? { speaker } : {}),
});

export const cart = (version: number, id = '5b2c1d0e-9f8a-4b7c-a6d5-e4f3a2b1c0d9', quantity = 1): Cart => ({
  id,
  owner: { callId: CALL },
  lines: [{ productId: 'W0', sku: '100234', name: 'Nivea Creme 250ml', unitPrice: cny(5900), quantity, lineTotal: cny(5900 * quantity) }],
  total: cny(5900 * quantity),
  confirmedAt: null,
  version,
});

export const order = (id = 'e4d3c2b1-a0f9-4e8d-b7c6-5a4b3c2d1e0f'): Order => ({
  id,
  customerId: CUSTOMER,
  lines: cart(1).lines,
  total: cny(5900),
  shippingAddress: { recipient: '王秀英', phone: '+8613800138000', region: '上海市', city: '上海市', district: '浦东新区', street: '世纪大道 100 号', country: 'CN' },
  state: 'awaiting_payment',
  placedAt: '2025-03-14T01:32:00.000Z',
  paymentDueAt: '2025-03-15T01:32:00.000Z',
  placedBy: 'agent',
  callId: CALL,
});

/** A live frame as the desk receives it: `data` must be the type's own (the compiler checks). */
export function liveFrame<T extends LiveMessageType>(type: T, data: LiveMessageData[T], callId: string | undefined = CALL): LiveFrame {
  return { type, data, ...(callId ? { callId } : {}) } as LiveFrame;
}

export const frame = <T extends LiveMessageType>(type: T, data: LiveMessageData[T], callId: string | undefined = CALL): DeskAction => ({ kind: 'frame', frame: liveFrame(type, data, callId) });
