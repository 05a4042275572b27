import { FULFILMENT_TABS, pageCount, tabCount, tabQuery } from './fulfilment.logic';

const tab = (key: string) => FULFILMENT_TABS.find((candidate) => candidate.key === key)!;
const counts = [
  { state: 'awaiting_payment', paymentMethod: null, count: 4 },
  { state: 'ready_to_ship', paymentMethod: 'wallet' as const, count: 2 },
  { state: 'ready_to_ship', paymentMethod: 'cash-on-delivery' as const, count: 3 },
  { state: 'shipped', paymentMethod: 'wallet' as const, count: 7 },
  { state: 'shipped', paymentMethod: 'cash-on-delivery' as const, count: 1 },
];

describe('the fulfilment tabs', () => {
  it('count each list from the counts by state and settlement', () => {
    expect(FULFILMENT_TABS.map((each) => [each.key, tabCount(each, counts)])).toEqual([
      ['awaiting', 4],
      ['paid', 2],
      ['cashOnDelivery', 3],
      ['ready', 5],
      ['shipped', 8],
      ['cancelled', 0],
    ]);
  });

  it('ask for a tab page by state and, for the split lists, by settlement', () => {
    expect(tabQuery(tab('cashOnDelivery'), 2, 20)).toBe('state=ready_to_ship&page=2&limit=20&payment=cash-on-delivery');
    expect(tabQuery(tab('shipped'), 1, 20)).toBe('state=shipped&page=1&limit=20');
  });

  it('always have at least one page', () => {
    expect([pageCount(0, 20), pageCount(20, 20), pageCount(21, 20)]).toEqual([1, 1, 2]);
  });
});
