import type { MatchesFoundV1 } from '@callcart/contracts';
import { concludeResult, type DemoCallResult, emptyResult, listDiscipline } from './demo-call.result';

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const wholeStory = (): DemoCallResult => ({
  ...emptyResult(),
  callId: 'CA00000000000000000000000000000001',
  callerStatus: 'returning',
  firstProduct: { said: 'two hot water bottles', heard: [], matchesFrames: 0, foundBy: 'desk search', repeatedLists: 0, outOfOrderLists: 0, productId: 'p', quantity: 2 },
  keypad: { keyed: '310102#', digitsOnDesk: '310102#', productId: 'q' },
  order: { orderId: 'o', total: cny(21_900) },
  payment: { method: 'wallet', amount: cny(21_900) },
  balanceBefore: cny(100_000),
  balanceAfter: cny(78_100),
  paymentSettledOnDesk: true,
  shipmentReadyOnDesk: true,
  callEndedOnDesk: true,
  agentVoice: { connected: true, lines: [{ text: 'Hello', framesSent: 100, framesHeardByCaller: 80 }] },
});

describe('concludeResult', () => {
  it('is ok when every step happened and the wallet went down by the order total (recognition may have missed)', () => {
    expect(concludeResult(wholeStory())).toMatchObject({ ok: true, missing: [] });
  });

  it('names what is missing', () => {
    expect(concludeResult({ ...wholeStory(), payment: undefined, callEndedOnDesk: false })).toMatchObject({ ok: false, missing: ['the wallet payment', 'call.ended on the desk'] });
    expect(concludeResult(emptyResult()).missing).toContain('the call');
    expect(concludeResult({ ...wholeStory(), balanceAfter: cny(100_000) })).toMatchObject({ ok: false, missing: ['the wallet balance reduced by the order total'] });
  });

  it('wants the agent heard by the caller: the headset connected and most of every line received', () => {
    const voiceMissing = { ok: false, missing: ["the agent's voice heard by the caller"] };
    expect(concludeResult({ ...wholeStory(), agentVoice: { connected: false, lines: [] } })).toMatchObject(voiceMissing);
    expect(concludeResult({ ...wholeStory(), agentVoice: { connected: true, lines: [] } })).toMatchObject(voiceMissing);
    const lines = [{ text: 'Hello', framesSent: 100, framesHeardByCaller: 80 }, { text: 'Goodbye', framesSent: 100, framesHeardByCaller: 10 }];
    expect(concludeResult({ ...wholeStory(), agentVoice: { connected: true, lines } })).toMatchObject(voiceMissing);
  });

  it('keeps what a step recorded as missing', () => {
    expect(concludeResult({ ...wholeStory(), missing: ['order.placed on the desk'] })).toMatchObject({ ok: false, missing: ['order.placed on the desk'] });
  });
});

describe('the recognition report', () => {
  it('tells products found from speech apart from those the desk search found', () => {
    const spoken = { heard: [], matchesFrames: 1, repeatedLists: 0, outOfOrderLists: 0 };
    const result = concludeResult({
      ...wholeStory(),
      firstProduct: { ...spoken, said: 'two hot water bottles', foundBy: 'speech', productId: 'p', quantity: 2 },
      secondProduct: { ...spoken, said: 'a blood pressure monitor', foundBy: 'desk search' },
    });
    expect(result.recognition).toEqual({ bySpeech: ['two hot water bottles'], byDeskSearch: ['a blood pressure monitor'], notFound: [] });
    expect(concludeResult(wholeStory()).recognition).toEqual({ bySpeech: [], byDeskSearch: ['two hot water bottles'], notFound: [] });
  });

  it('counts lists that repeat the previous one of their mention and lists older than one already seen', () => {
    const list = (utteranceId: string, sequence: number, productIds: string[]): MatchesFoundV1 => ({
      callId: 'CA1', utteranceId, sequence, mention: 'hot water bottle', quantity: 2, total: productIds.length, confirmationMode: 'ask', source: 'speech',
      hits: productIds.map((productId) => ({ productId, sku: productId, name: productId, price: null, score: 1 })),
    });
    expect(listDiscipline([list('u1', 1, ['a']), list('u1', 3, ['a', 'b']), list('u2', 4, ['c'])])).toEqual({ repeatedLists: 0, outOfOrderLists: 0 });
    expect(listDiscipline([list('u1', 1, ['a']), list('u1', 2, ['a']), list('u1', 5, ['b']), list('u1', 4, ['c'])])).toEqual({ repeatedLists: 1, outOfOrderLists: 1 });
  });
});
