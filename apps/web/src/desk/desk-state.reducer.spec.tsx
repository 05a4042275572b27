import type { LiveFrame } from '../shared/api-types';
import { reindexReducer } from '../admin/reindex-status.reducer';
import { highlightSegments } from '../shared/transcript-highlight.logic';
import { answered, connectedCall, CALL, ME, ringingCall, cart, cny, CUSTOMER, finalLine, frame, hit, interimLine, matchSet, order } from './desk-fixtures.spec-helper';
import { currentCandidates, type DeskAction, type DeskState, deskReducer, initialDeskState, isConnectedToMe, recognisedTerms } from './desk-state.reducer';

const assigned = connectedCall();
const desk: DeskState = { ...initialDeskState, me: ME };
const play = (...actions: DeskAction[]): DeskState => actions.reduce(deskReducer, desk);
const searchOn = (callId: string, name = 'Old Product') => ({ kind: 'search' as const, search: { source: 'search' as const, callId, mention: 'old', hits: [hit('OLD', name)], total: 1, confirmationMode: 'ask' as const } });

describe('deskReducer', () => {
  it('pops the call and the caller when the agent answers + caller.identified', () => {
    const state = play(
      answered(assigned),
      frame('caller.identified', {
        status: 'returning',
        callId: CALL,
        customer: { customerId: CUSTOMER, phone: '+8613800138000', name: '王秀英', defaultAddress: null, walletBalance: cny(50000), recentOrders: [], openCart: cart(3) },
      }),
    );
    expect(state.call?.callId).toBe(CALL);
    expect(state.caller?.status).toBe('returning');
    expect(state.customerId).toBe(CUSTOMER);
    expect(state.cart?.version).toBe(3);
  });

  it('replaces the interim with the final of the same utterance and keeps finals in order', () => {
    const state = play(
      answered(assigned),
      frame('transcript', finalLine('u-2', 'second', 2000)),
      frame('transcript', interimLine('u-1', 'fir', 100)),
      frame('transcript', finalLine('u-1', 'first', 100)),
      frame('transcript', interimLine('u-3', 'thi', 3000)),
    );
    expect(state.finals.map((line) => line.text)).toEqual(['first', 'second']);
    expect(state.interim?.text).toBe('thi');
  });

  it('ignores frames of other calls and frames the desk has no use for', () => {
    const before = play(answered(assigned));
    const after = play(
      answered(assigned),
      frame('transcript', finalLine('u-1', 'not mine', 0, { callId: 'CAother' }), 'CAother'),
      frame('import.progress', { importId: 'i1', phase: 'running', file: 'a.csv', linesRead: 1, created: 0, updated: 0, unchanged: 0, rejected: 0 }, undefined),
    );
    expect(after).toEqual(before);
  });

  it('never lets an older list of an utterance displace a newer one that arrived first', () => {
    const list = (utteranceId: string, sequence: number, productId: string) =>
      frame('matches', { callId: CALL, utteranceId, sequence, mention: productId, quantity: 1, hits: [{ productId, sku: productId, name: productId, price: null, score: 1 }], total: 1, confirmationMode: 'ask', source: 'speech' });
    const state = play(answered(assigned), list('u-1', 6, 'newer'), list('u-1', 4, 'older'), list('u-2', 1, 'next utterance'));
    expect(state.matches.map((set) => set.hits[0].productId)).toEqual(['newer', 'next utterance']);
    const relisted = deskReducer(state, list('u-1', 7, 'newest'));
    expect(relisted.matches[relisted.matches.length - 1].hits[0].productId).toBe('newest');
  });

  it('collects keypad digits and clears them when a keyed-in number comes back as matches', () => {
    const digit = (d: string) => frame('keypad.digit', { callId: CALL, digit: d, pressedAt: '2025-03-14T01:27:00.000Z' });
    const typed = play(answered(assigned), digit('1'), digit('0'));
    expect(typed.keypad).toBe('10');
    const matched = deskReducer(typed, frame('matches', matchSet([], { source: 'keypad', utteranceId: 'k-1' })));
    expect(matched.keypad).toBe('');
    expect(matched.matches).toHaveLength(1);
  });

  it('keeps the highest cart version, but takes a different cart (ownership moved)', () => {
    const state = play(answered(assigned), frame('cart.updated', { cart: cart(5) }), frame('cart.updated', { cart: cart(4, undefined, 9) }));
    expect(state.cart?.version).toBe(5);
    const other = cart(1, '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b');
    expect(deskReducer(state, frame('cart.updated', { cart: other })).cart?.id).toBe(other.id);
  });

  it('follows an order from placed to paid, and shows the new wallet balance on the caller card', () => {
    const placed = play(
      answered(assigned),
      frame('caller.identified', {
        status: 'returning',
        callId: CALL,
        customer: { customerId: CUSTOMER, phone: '+8613800138000', name: null, defaultAddress: null, walletBalance: cny(50000), recentOrders: [], openCart: null },
      }),
      { kind: 'read-back', open: true },
      frame('order.placed', { order: order() }),
    );
    expect(placed.order?.id).toBe(order().id);
    expect(placed.readBack).toBe(false);
    const paid = deskReducer(placed, frame('payment.settled', { orderId: order().id, customerId: CUSTOMER, method: 'wallet', amount: cny(5900), settledAt: '2025-03-14T01:33:00.000Z' }));
    expect(paid.payment?.method).toBe('wallet');
    const debited = deskReducer(paid, { kind: 'wallet-balance', customerId: CUSTOMER, balance: cny(44100) });
    expect(debited.caller?.status === 'returning' && debited.caller.customer.walletBalance).toEqual(cny(44100));
    const credited = deskReducer(debited, frame('wallet.credited', { customerId: CUSTOMER, topUpId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', entry: { entryId: 'e1', kind: 'paid-in', amount: cny(10000), balanceAfter: cny(54100), at: '2025-03-14T01:34:00.000Z', provider: 'alipay', providerTradeNo: 't1', topUpId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' }, balance: cny(54100) }));
    expect(credited.caller?.status === 'returning' && credited.caller.customer.walletBalance).toEqual(cny(54100));
  });

  it('keeps the ended call on screen until the agent closes it, and does not switch calls mid-call', () => {
    const other = connectedCall('CAsecond');
    const busy = play(answered(assigned), frame('call.ringing', ringingCall('CAsecond'), 'CAsecond'));
    expect({ onScreen: busy.call?.callId, ringing: busy.ringing?.callId }).toEqual({ onScreen: CALL, ringing: 'CAsecond' });
    const ended = deskReducer(busy, frame('call.ended', { ...assigned, status: 'ended', endedAt: '2025-03-14T01:40:00.000Z' }));
    expect(ended.call?.status).toBe('ended');
    expect(deskReducer(ended, answered(other)).call?.callId).toBe('CAsecond');
    expect(deskReducer(ended, { kind: 'close-call', callId: CALL }).call).toBeNull();
    expect(deskReducer(ended, { kind: 'close-call', callId: 'CAolder' }).call?.callId).toBe(CALL);
  });

  it('starts the next call clean: the previous call’s search, candidates, keypad and read-back are gone', () => {
    const second = connectedCall('CAsecond');
    const onFirst = play(
      answered(assigned),
      frame('matches', matchSet([hit('W0', 'Nivea Creme')])),
      searchOn(CALL),
      frame('keypad.digit', { callId: CALL, digit: '7', pressedAt: '2025-03-14T01:27:00.000Z' }),
      { kind: 'read-back', open: true },
      frame('call.ended', { ...assigned, status: 'ended', endedAt: '2025-03-14T01:40:00.000Z' }),
    );
    expect(currentCandidates(onFirst)?.hits[0]?.productId).toBe('OLD');
    const next = [answered(second), frame('matches', matchSet([hit('NEW', 'New Product')], { callId: 'CAsecond' }), 'CAsecond'), frame('keypad.digit', { callId: 'CAsecond', digit: '3', pressedAt: '2025-03-14T01:41:00.000Z' }, 'CAsecond')].reduce(deskReducer, onFirst);
    expect(next.search).toBeNull();
    expect(next.readBack).toBe(false);
    expect(currentCandidates(next)?.hits.map((candidate) => candidate.productId)).toEqual(['NEW']);
    expect(next.keypad).toBe('3');
  });

  it('drops a search answer that comes back for a call no longer on screen', () => {
    const second = play(answered(connectedCall('CAsecond')), searchOn(CALL));
    expect(second.search).toBeNull();
    expect(deskReducer(second, { kind: 'search', search: { ...searchOn('CAsecond').search } }).search?.callId).toBe('CAsecond');
  });

  it('lets the caller’s newer matches replace the agent’s search on the same call, but never matches of the agent’s own words', () => {
    const searched = play(answered(assigned), searchOn(CALL));
    const agentSaid = deskReducer(searched, frame('transcript', finalLine('u-agent', 'so that is the nivea creme', 100, { speaker: 'agent' })));
    const fromAgent = deskReducer(agentSaid, frame('matches', matchSet([hit('W0', 'Nivea Creme')], { utteranceId: 'u-agent' })));
    expect(fromAgent.matches).toHaveLength(0);
    expect(fromAgent.search).not.toBeNull();
    const fromCaller = deskReducer(fromAgent, frame('matches', matchSet([hit('W0', 'Nivea Creme')], { utteranceId: 'u-caller' })));
    expect(fromCaller.search).toBeNull();
    expect(currentCandidates(fromCaller)?.hits[0]?.productId).toBe('W0');
  });

  it('merges the HTTP snapshot of a call (after a reconnect) with what the socket already gave', () => {
    const state = play(answered(assigned), frame('transcript', finalLine('u-9', 'live', 9000)), {
      kind: 'snapshot',
      snapshot: {
        call: assigned,
        customerId: null,
        caller: { status: 'new', callId: CALL, phone: '+8613800138000', registrationDueAt: '2025-03-14T01:31:53.589Z' },
        transcript: { finals: [finalLine('u-1', 'earlier', 10)], interim: null },
        matches: [matchSet([hit('W0', 'Nivea Creme', { sku: '1', price: cny(1), score: 1 })])],
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
    const state = { matches: [matchSet([hit('W0', 'Nivea Creme 150 ml', { price: null })], { mention: 'nivea creme the' })] };
    const terms = recognisedTerms(state);
    expect(terms).toContain('nivea creme');
    expect(terms).not.toContain('the');
    const marked = highlightSegments('would like the nivea creme please', terms).filter((segment) => segment.highlighted);
    expect(marked.map((segment) => segment.text)).toEqual(['nivea creme']);
  });

  it('takes availability, the queue and the current call from GET /api/agent/calls', () => {
    const state = deskReducer(desk, { kind: 'calls', available: true, mine: [assigned], queue: [{ callId: 'CAq', callerNumber: '+1' }] });
    expect(state.available).toBe(true);
    expect(state.call?.callId).toBe(CALL);
    expect(deskReducer(state, frame('queue.changed', { queue: [] }, undefined)).queue).toEqual([]);
  });
});

describe('deskReducer: ringing, answering, transfer and wrap-up (decision 0065)', () => {
  const updated = (call: ReturnType<typeof connectedCall>) => frame('call.updated', call, call.callId);

  it('rings with a call offered here, and puts it on screen when answered (here or at another desk of the agent)', () => {
    const ringing = play(frame('call.ringing', ringingCall()));
    expect({ ringing: ringing.ringing?.callId, call: ringing.call }).toEqual({ ringing: CALL, call: null });
    const onCall = deskReducer(ringing, updated(connectedCall()));
    expect({ ringing: onCall.ringing, call: onCall.call?.status, mine: isConnectedToMe(onCall) }).toEqual({ ringing: null, call: 'connected', mine: true });
  });

  it('ignores a ring meant for another agent, and stops ringing when the call is withdrawn, with the reason', () => {
    expect(play(frame('call.ringing', ringingCall(CALL, { agentId: 'someone-else' }))).ringing).toBeNull();
    const withdrawn = play(frame('call.ringing', ringingCall()), frame('call.withdrawn', ringingCall(CALL, { status: 'queued', agentId: null })));
    expect({ ringing: withdrawn.ringing, notice: withdrawn.routingNotice }).toEqual({ ringing: null, notice: 'ringWithdrawn' });
    const ended = play(frame('call.ringing', ringingCall()), frame('call.ended', ringingCall(CALL, { status: 'ended', endedAt: '2025-03-14T01:27:10.000Z' })));
    expect(ended.ringing).toBeNull();
  });

  it('rings with a colleague’s transfer, and on answer shows the call as this agent’s', () => {
    const offered = connectedCall(CALL, { agentId: 'colleague', transferTo: ME, transferDeadline: '2025-03-14T01:30:20.000Z' });
    const ringing = play(frame('call.ringing', offered));
    expect(ringing.ringing?.transferTo).toBe(ME);
    const taken = deskReducer(ringing, answered(connectedCall()));
    expect({ call: taken.call?.agentId, ringing: taken.ringing }).toEqual({ call: ME, ringing: null });
  });

  it('keeps a call that left this agent on screen for the wrap-up, no longer theirs, saying where it went', () => {
    const onCall = play(answered(assigned), frame('transcript', finalLine('u-1', 'hello')));
    const handedOver = deskReducer(onCall, frame('call.left', connectedCall(CALL, { agentId: 'colleague' })));
    expect({ call: handedOver.call?.callId, mine: isConnectedToMe(handedOver), notice: handedOver.routingNotice, finals: handedOver.finals.length }).toEqual({ call: CALL, mine: false, notice: 'callTransferred', finals: 1 });
    const requeued = deskReducer(onCall, frame('call.left', connectedCall(CALL, { status: 'queued', agentId: null })));
    expect(requeued.routingNotice).toBe('callRequeued');
    expect(deskReducer(onCall, updated(connectedCall(CALL, { onHold: true }))).call?.onHold).toBe(true);
  });

  it('follows the agent’s status: a wrap-up leaves the Available box as ticked, a missed call unticks it', () => {
    const status = (available: boolean, reason: 'wrap-up' | 'missed-call' | null) => frame('agent.status', { staffId: ME, available, wrapUpUntil: reason === 'wrap-up' ? '2025-03-14T01:41:00.000Z' : null, wrapUpCallId: reason === 'wrap-up' ? CALL : null, reason }, undefined);
    const available = deskReducer(play(), { kind: 'availability', available: true });
    const wrapping = deskReducer(available, status(false, 'wrap-up'));
    expect({ available: wrapping.available, wrapUp: wrapping.agentStatus?.wrapUpCallId }).toEqual({ available: true, wrapUp: CALL });
    expect(deskReducer(wrapping, status(false, 'missed-call')).available).toBe(false);
  });

  it('never lets a command’s late reply bring an ended call back', () => {
    const ended = play(frame('call.ringing', ringingCall()), updated(connectedCall()), frame('call.ended', connectedCall(CALL, { status: 'ended', endedAt: '2025-03-14T01:28:00.000Z' })));
    expect(deskReducer(ended, answered(connectedCall())).call?.status).toBe('ended');
    expect(deskReducer(ended, { kind: 'call', call: connectedCall(CALL, { onHold: true }) }).call?.status).toBe('ended');
    expect(deskReducer(ended, { kind: 'snapshot', snapshot: { call: connectedCall(), caller: null, customerId: null, transcript: { finals: [], interim: null }, matches: [], keypad: '', cart: null } }).call?.status).toBe('ended');
  });

  it('takes a call ringing here from GET /api/agent/calls (a reload while it rings)', () => {
    const state = deskReducer(desk, { kind: 'calls', available: true, mine: [ringingCall()], queue: [] });
    expect({ ringing: state.ringing?.callId, call: state.call }).toEqual({ ringing: CALL, call: null });
  });
});

describe('reindexReducer', () => {
  it('tracks progress per replica and completion, ignoring other reindexes', () => {
    const progress = (done: number, reindexId = 'r1'): LiveFrame => ({ type: 'reindex.progress', data: { reindexId, phase: 'indexing', done, total: 10, replicaId: 'catalogue-1' } });
    let status = reindexReducer(null, progress(3));
    status = reindexReducer(status, progress(9, 'r2'));
    expect(status?.phases['catalogue-1']?.done).toBe(3);
    status = reindexReducer(status, { type: 'reindex.completed', data: { reindexId: 'r1', indexVersion: 'v1', productCount: 10, replicaId: 'catalogue-1', completedAt: '2025-03-14T01:00:00.000Z' } });
    expect(status?.completed['catalogue-1']?.productCount).toBe(10);
  });
});
