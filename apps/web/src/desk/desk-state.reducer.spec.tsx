import type { Cart, LiveFrame, RoutedCall } from '../shared/api-types';
import { reindexReducer } from '../admin/reindex-status.reducer';
import { highlightSegments } from '../shared/transcript-highlight.logic';
import { type DeskAction, type DeskState, deskReducer, initialDeskState, recognisedTerms } from './desk-state.reducer';

const CALL = 'CA5f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c';
const assigned: RoutedCall = { callId: CALL, callerNumber: '+8613800138000', status: 'assigned', agentId: 'a1', startedAt: '2025-03-14T01:26:53.589Z' };
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const cart = (version: number, id = 'cart-1', quantity = 1): Cart => ({
  id,
  owner: { callId: CALL },
  lines: [{ productId: 'W0', sku: '100234', name: 'Nivea Creme 250ml', unitPrice: cny(5900), quantity, lineTotal: cny(5900 * quantity) }],
  total: cny(5900 * quantity),
  confirmedAt: null,
  version,
});
const frame = (type: string, data: unknown, callId: string | undefined = CALL): DeskAction => ({ kind: 'frame', frame: { type, callId, data } as LiveFrame });
const play = (...actions: DeskAction[]): DeskState => actions.reduce(deskReducer, initialDeskState);

describe('deskReducer', () => {
  it('pops the call and the caller on call.assigned + caller.identified', () => {
    const state = play(
      frame('call.assigned', assigned),
      frame('caller.identified', {
        status: 'returning',
        callId: CALL,
        customer: { customerId: 'c1', phone: '+8613800138000', name: '王秀英', defaultAddress: null, walletBalance: cny(50000), recentOrders: [], openCart: cart(3) },
      }),
    );
    expect(state.call?.callId).toBe(CALL);
    expect(state.caller?.status).toBe('returning');
    expect(state.customerId).toBe('c1');
    expect(state.cart?.version).toBe(3);
  });

  it('replaces the interim with the final of the same utterance and keeps finals in order', () => {
    const state = play(
      frame('call.assigned', assigned),
      frame('transcript', { kind: 'final', callId: CALL, utteranceId: 'u-2', text: 'second', startMs: 2000, endMs: 2500 }),
      frame('transcript', { kind: 'interim', callId: CALL, utteranceId: 'u-1', text: 'fir', startMs: 100 }),
      frame('transcript', { kind: 'final', callId: CALL, utteranceId: 'u-1', text: 'first', startMs: 100, endMs: 900 }),
      frame('transcript', { kind: 'interim', callId: CALL, utteranceId: 'u-3', text: 'thi', startMs: 3000 }),
    );
    expect(state.finals.map((line) => line.text)).toEqual(['first', 'second']);
    expect(state.interim?.text).toBe('thi');
  });

  it('ignores frames of other calls and unknown frame types', () => {
    const before = play(frame('call.assigned', assigned));
    const after = play(
      frame('call.assigned', assigned),
      frame('transcript', { kind: 'final', callId: 'CAother', utteranceId: 'u-1', text: 'not mine', startMs: 0 }, 'CAother'),
      frame('something.new', { whatever: true }),
    );
    expect(after).toEqual(before);
  });

  it('never lets an older list of an utterance displace a newer one that arrived first', () => {
    const list = (utteranceId: string, sequence: number, productId: string) =>
      frame('matches', { callId: CALL, utteranceId, sequence, hits: [{ productId, sku: productId, name: productId, price: null, score: 1 }], total: 1, confirmationMode: 'ask', source: 'speech' });
    const state = play(frame('call.assigned', assigned), list('u-1', 6, 'newer'), list('u-1', 4, 'older'), list('u-2', 1, 'next utterance'));
    expect(state.matches.map((set) => set.hits[0].productId)).toEqual(['newer', 'next utterance']);
    const relisted = deskReducer(state, list('u-1', 7, 'newest'));
    expect(relisted.matches[relisted.matches.length - 1].hits[0].productId).toBe('newest');
  });

  it('collects keypad digits and clears them when a keyed-in number comes back as matches', () => {
    const typed = play(frame('call.assigned', assigned), frame('keypad.digit', { callId: CALL, digit: '1' }), frame('keypad.digit', { callId: CALL, digit: '0' }));
    expect(typed.keypad).toBe('10');
    const matched = deskReducer(typed, frame('matches', { callId: CALL, hits: [], total: 0, confirmationMode: 'ask', source: 'keypad' }));
    expect(matched.keypad).toBe('');
    expect(matched.matches).toHaveLength(1);
  });

  it('keeps the highest cart version, but takes a different cart (ownership moved)', () => {
    const state = play(frame('call.assigned', assigned), frame('cart.updated', { cart: cart(5) }), frame('cart.updated', { cart: cart(4, 'cart-1', 9) }));
    expect(state.cart?.version).toBe(5);
    expect(deskReducer(state, frame('cart.updated', { cart: cart(1, 'cart-2') })).cart?.id).toBe('cart-2');
  });

  it('follows an order from placed to paid', () => {
    const order = { id: 'o1', customerId: 'c1', state: 'awaiting_payment', total: cny(5900), paymentDueAt: '2025-03-14T02:03:00.000Z' };
    const placed = play(frame('call.assigned', assigned), frame('customer.registered', { customerId: 'c1' }), frame('order.placed', { order }));
    expect(placed.customerId).toBe('c1');
    expect(placed.order?.id).toBe('o1');
    const paid = deskReducer(placed, frame('payment.settled', { orderId: 'o1', customerId: 'c1', method: 'wallet', amount: cny(5900), settledAt: 'x' }));
    expect(paid.payment?.method).toBe('wallet');
    expect(deskReducer(paid, frame('shipment.ready', { orderId: 'o1' }, undefined)).shipmentReady).toBe(true);
  });

  it('keeps the ended call on screen until the agent closes it, and does not switch calls mid-call', () => {
    const other: RoutedCall = { ...assigned, callId: 'CAsecond' };
    const busy = play(frame('call.assigned', assigned), frame('call.assigned', other, 'CAsecond'));
    expect(busy.call?.callId).toBe(CALL);
    const ended = deskReducer(busy, frame('call.ended', { ...assigned, status: 'ended' }));
    expect(ended.call?.status).toBe('ended');
    expect(deskReducer(ended, frame('call.assigned', other, 'CAsecond')).call?.callId).toBe('CAsecond');
    expect(deskReducer(ended, { kind: 'close-call' }).call).toBeNull();
  });

  it('merges the HTTP snapshot of a call (after a reconnect) with what the socket already gave', () => {
    const state = play(frame('call.assigned', assigned), frame('transcript', { kind: 'final', callId: CALL, utteranceId: 'u-9', text: 'live', startMs: 9000 }), {
      kind: 'snapshot',
      snapshot: {
        call: assigned,
        customerId: null,
        caller: { status: 'new', callId: CALL, phone: '+8613800138000', registrationDueAt: '2025-03-14T01:31:53.589Z' },
        transcript: { finals: [{ kind: 'final', callId: CALL, utteranceId: 'u-1', text: 'earlier', startMs: 10 }], interim: null },
        matches: [{ callId: CALL, mention: 'nivea', hits: [{ productId: 'W0', sku: '1', name: 'Nivea Creme', price: cny(1), score: 1 }], total: 1, confirmationMode: 'ask' }],
        keypad: '4',
        cart: cart(2),
      },
    });
    expect(state.finals.map((line) => line.text)).toEqual(['earlier', 'live']);
    expect(state.caller?.status).toBe('new');
    expect(state.keypad).toBe('4');
    expect(recognisedTerms(state)).toEqual(['nivea', 'Nivea Creme']);
  });

  it('highlights what the final transcript kept of a mention read from an interim guess, never a lone word', () => {
    const state = { matches: [{ callId: CALL, mention: 'nivea creme the', hits: [{ productId: 'W0', sku: '1', name: 'Nivea Creme 150 ml', price: null, score: 1 }], total: 1, confirmationMode: 'ask' as const }] };
    const terms = recognisedTerms(state);
    expect(terms).toContain('nivea creme');
    expect(terms).not.toContain('the');
    const marked = highlightSegments('would like the nivea creme please', terms).filter((segment) => segment.highlighted);
    expect(marked.map((segment) => segment.text)).toEqual(['nivea creme']);
  });

  it('takes availability, the queue and the current call from GET /api/agent/calls', () => {
    const state = deskReducer(initialDeskState, { kind: 'calls', available: true, mine: [assigned], queue: [{ callId: 'CAq', callerNumber: '+1' }] });
    expect(state.available).toBe(true);
    expect(state.call?.callId).toBe(CALL);
    expect(deskReducer(state, frame('queue.changed', { queue: [] }, undefined)).queue).toEqual([]);
  });
});

describe('reindexReducer', () => {
  it('tracks progress per replica and completion, ignoring other reindexes', () => {
    const progress = (done: number, reindexId = 'r1'): LiveFrame => ({ type: 'reindex.progress', data: { reindexId, phase: 'indexing', done, total: 10, replicaId: 'catalogue-1' } });
    let status = reindexReducer(null, progress(3));
    status = reindexReducer(status, progress(9, 'r2'));
    expect(status?.phases['catalogue-1']?.done).toBe(3);
    status = reindexReducer(status, { type: 'reindex.completed', data: { reindexId: 'r1', indexVersion: 'v1', productCount: 10, replicaId: 'catalogue-1' } });
    expect(status?.completed['catalogue-1']?.productCount).toBe(10);
  });
});
