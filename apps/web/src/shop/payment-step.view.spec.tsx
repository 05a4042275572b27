/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { chooseLocale, setUpI18n } from '../i18n/i18n.setup';
import type { Order } from '../shared/api-types';
import { formatDateTime } from '../shared/date.format';
import { balanceAfter, PaymentStep } from './payment-step.view';

setUpI18n('en');
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const ORDER: Order = {
  id: 'o-1',
  customerId: 'c-1',
  lines: [
    { productId: 'p-1', sku: '100234', name: 'Nivea Creme 250ml', unitPrice: cny(2950), quantity: 2, lineTotal: cny(5900) },
    { productId: 'p-2', sku: '300001', name: 'Jasmine rice 5kg', unitPrice: cny(4500), quantity: 1, lineTotal: cny(4500) },
  ],
  total: cny(10400),
  shippingAddress: { recipient: 'Wang', phone: '+8613800138000', region: 'Shanghai', city: 'Shanghai', street: '1 Road', country: 'CN' },
  state: 'awaiting_payment',
  placedAt: '2030-01-01T08:00:00.000Z',
  paymentDueAt: '2030-01-01T08:30:00.000Z',
  placedBy: 'agent',
};

describe('balanceAfter', () => {
  it('subtracts in minor units, and refuses too little or another currency', () => {
    expect(balanceAfter(cny(50000), cny(10400))).toEqual(cny(39600));
    expect(balanceAfter(cny(10400), cny(10400))).toEqual(cny(0));
    expect(balanceAfter(cny(10399), cny(10400))).toBeNull();
    expect(balanceAfter({ amountMinor: 99999, currency: 'USD' }, cny(1))).toBeNull();
    expect(balanceAfter(null, cny(1))).toBeNull();
  });
});

describe('<PaymentStep>', () => {
  afterEach(() => chooseLocale('en'));

  it('shows the items and the amount, says when it turns cash on delivery, and pays only after the confirmation', async () => {
    const paid: string[] = [];
    const { rerender } = render(<PaymentStep orders={[ORDER]} balance={cny(50000)} busy={false} pay={async (orderId) => (paid.push(orderId), true)} />);
    const box = screen.getByRole('article', { name: `Order of ${formatDateTime(ORDER.placedAt, 'en')}` });
    expect(box.textContent).toContain('2 × Nivea Creme 250ml');
    expect(box.textContent).toContain('1 × Jasmine rice 5kg');
    expect(box.textContent).toContain('Amount to pay: CN¥104.00');
    expect(box.textContent).toContain(`If this order is not paid by ${formatDateTime(ORDER.paymentDueAt, 'en')}, it is sent anyway and you pay the courier CN¥104.00 in cash on delivery.`);

    fireEvent.click(screen.getByRole('button', { name: 'Pay CN¥104.00' }));
    expect(paid).toEqual([]);
    expect(screen.getByText('Pay CN¥104.00 from your wallet now? Your balance will be CN¥396.00 afterwards.')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Yes, pay now' }));
    });
    expect(paid).toEqual(['o-1']);
    // The order leaves the unpaid list; the thanks stay.
    rerender(<PaymentStep orders={[]} balance={cny(39600)} busy={false} pay={async () => true} />);
    expect(screen.getByRole('status').textContent).toBe('Thank you: CN¥104.00 was paid from your wallet. Your order will be sent soon.');
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('going back pays nothing, and a refused payment shows no thanks', async () => {
    const paid: string[] = [];
    render(<PaymentStep orders={[ORDER]} balance={cny(50000)} busy={false} pay={async (orderId) => (paid.push(orderId), false)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Pay CN¥104.00' }));
    fireEvent.click(screen.getByRole('button', { name: 'No, go back' }));
    expect(screen.queryByText(/from your wallet now\?/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Pay CN¥104.00' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Yes, pay now' }));
    });
    expect(paid).toEqual(['o-1']);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: 'Pay CN¥104.00' })).toBeTruthy();
  });

  it('offers no payment the wallet cannot make, and says so, in Chinese too', () => {
    chooseLocale('zh-CN');
    render(<PaymentStep orders={[ORDER]} balance={cny(1000)} busy={false} pay={async () => true} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/您的钱包余额为 ¥10.00，不够支付这个订单/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: '待付款的订单' })).toBeTruthy();
  });

  it('shows nothing when no order waits and nothing was just paid', () => {
    const { container } = render(<PaymentStep orders={[]} balance={cny(1)} busy={false} pay={async () => true} />);
    expect(container.innerHTML).toBe('');
  });
});
