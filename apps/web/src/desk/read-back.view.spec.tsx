/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { chooseLocale, setUpI18n } from '../i18n/i18n.setup';
import type { Cart, ShippingAddress } from '../shared/api-types';
import { cart, cny } from './desk-fixtures.spec-helper';
import { ReadBackView } from './read-back.view';

setUpI18n('en');

const address: ShippingAddress = { recipient: 'Wang Xiuying', phone: '+8613800138000', region: 'Shanghai', city: 'Shanghai', district: 'Pudong', street: '100 Century Avenue', country: 'CN' };
const twoLines: Cart = {
  ...cart(3, undefined, 2),
  lines: [...cart(3, undefined, 2).lines, { productId: 'R', sku: '210101', name: 'Arawana Northeast Pearl Rice 5 kg', unitPrice: cny(4990), quantity: 1, lineTotal: cny(4990) }],
  total: cny(2 * 5900 + 4990),
};

describe('<ReadBackView>', () => {
  it('reads the order back in words: each line with its quantity, the total, the address and how it gets paid', () => {
    render(<ReadBackView cart={twoLines} address={address} walletBalance={cny(50000)} onConfirm={jest.fn()} onCancel={jest.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Read the order back' });
    expect([...dialog.querySelectorAll('.read-back-lines li')].map((line) => line.textContent)).toEqual(['2 × Nivea Creme 250ml, CN¥118.00', '1 × Arawana Northeast Pearl Rice 5 kg, CN¥49.90']);
    expect(screen.getByText('Total: CN¥167.90.')).toBeTruthy();
    expect(screen.getByText('Delivered to: Wang Xiuying, 100 Century Avenue, Pudong, Shanghai, Shanghai.')).toBeTruthy();
    expect(screen.getByText(/Payment: CN¥167.90 from the wallet \(balance CN¥500.00\)/)).toBeTruthy();
  });

  it('says when the wallet does not cover the total, and when the balance is not known', () => {
    const { rerender } = render(<ReadBackView cart={twoLines} address={address} walletBalance={cny(1000)} onConfirm={jest.fn()} onCancel={jest.fn()} />);
    expect(screen.getByText(/the wallet \(CN¥10.00\) does not cover CN¥167.90/)).toBeTruthy();
    rerender(<ReadBackView cart={twoLines} address={address} walletBalance={null} onConfirm={jest.fn()} onCancel={jest.fn()} />);
    expect(screen.getByText(/from the wallet on the shop within the payment window; if unpaid, cash on delivery/)).toBeTruthy();
  });

  it('places only on its own confirmation (focused, so Enter confirms), and goes back without placing', () => {
    const onConfirm = jest.fn();
    const onCancel = jest.fn();
    render(<ReadBackView cart={twoLines} address={address} walletBalance={cny(50000)} onConfirm={onConfirm} onCancel={onCancel} />);
    const confirm = screen.getByRole('button', { name: 'Confirm and place the order (Ctrl+Enter)' });
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(screen.getByRole('button', { name: 'Back to the cart' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('cannot place without a delivery address, and says so', () => {
    const onConfirm = jest.fn();
    render(<ReadBackView cart={twoLines} address={null} walletBalance={null} onConfirm={onConfirm} onCancel={jest.fn()} />);
    expect(screen.getByText('No delivery address yet: save one first.')).toBeTruthy();
    const confirm = screen.getByRole('button', { name: /Confirm and place/ }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
  });

  it('reads back in Chinese', () => {
    act(() => chooseLocale('zh-CN'));
    try {
      render(<ReadBackView cart={twoLines} address={address} walletBalance={cny(50000)} onConfirm={jest.fn()} onCancel={jest.fn()} />);
      expect(screen.getByRole('dialog', { name: '复述订单' })).toBeTruthy();
      expect(screen.getByText('合计：¥167.90。')).toBeTruthy();
      expect(screen.getByRole('button', { name: '确认并下单（Ctrl+Enter）' })).toBeTruthy();
    } finally {
      act(() => chooseLocale('en'));
    }
  });
});
