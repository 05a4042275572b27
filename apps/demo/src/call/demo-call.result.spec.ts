import { concludeResult, type DemoCallResult, emptyResult } from './demo-call.result';

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const wholeStory = (): DemoCallResult => ({
  ...emptyResult(),
  callId: 'CA00000000000000000000000000000001',
  callerStatus: 'returning',
  firstProduct: { said: 'two hot water bottles', heard: [], matchesFrames: 0, foundBy: 'desk search', productId: 'p', quantity: 2 },
  keypad: { keyed: '310102#', digitsOnDesk: '310102#', productId: 'q' },
  order: { orderId: 'o', total: cny(21_900) },
  payment: { method: 'wallet', amount: cny(21_900) },
  balanceBefore: cny(100_000),
  balanceAfter: cny(78_100),
  paymentSettledOnDesk: true,
  shipmentReadyOnDesk: true,
  callEndedOnDesk: true,
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

  it('keeps what a step recorded as missing', () => {
    expect(concludeResult({ ...wholeStory(), missing: ['order.placed on the desk'] })).toMatchObject({ ok: false, missing: ['order.placed on the desk'] });
  });
});
