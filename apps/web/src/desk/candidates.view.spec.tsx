/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MatchSet } from '../shared/api-types';
import { CandidatesView } from './candidates.view';
import { chooseLocale, setUpI18n } from '../i18n/i18n.setup';

setUpI18n('en');

const XSS_NAME = '<img src=x onerror=alert(1)>';
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

const few: MatchSet = {
  callId: 'CA1',
  utteranceId: 'u-1',
  mention: 'nivea hand cream',
  quantity: 2,
  hits: [
    { productId: 'W0', sku: '100234', name: 'Nivea Creme 250ml', price: cny(5900), score: 0.93 },
    { productId: 'W1', sku: '100235', name: XSS_NAME, price: cny(1200), score: 0.5 },
  ],
  total: 2,
  confirmationMode: 'ask',
  source: 'speech',
};
const many: MatchSet = { ...few, hits: [], total: 37, confirmationMode: 'item-number', mention: 'shampoo' };

describe('<CandidatesView>', () => {
  it('lists few candidates to read out, each with an Add button and the mention quantity', () => {
    const onAdd = jest.fn();
    const { container } = render(<CandidatesView set={few} keypad="" onAdd={onAdd} onItemNumber={jest.fn()} />);
    expect(container.querySelector('[data-mode="ask"]')).not.toBeNull();
    expect(screen.queryByText(/Ask for the item number/)).toBeNull();
    expect(screen.getByText('Nivea Creme 250ml')).toBeTruthy();
    expect(screen.getByText('CN¥59.00')).toBeTruthy();
    expect((screen.getByLabelText('Quantity') as HTMLInputElement).value).toBe('2');
    fireEvent.click(screen.getAllByRole('button', { name: 'Add' })[0] as HTMLElement);
    expect(onAdd).toHaveBeenCalledWith(few.hits[0], 2);
  });

  it('renders a product named like HTML as literal text', () => {
    const { container } = render(<CandidatesView set={few} keypad="" onAdd={jest.fn()} onItemNumber={jest.fn()} />);
    expect(screen.getByText(XSS_NAME)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('asks for the item number when there are too many, with keypad digits live', () => {
    const onItemNumber = jest.fn();
    const { container, rerender } = render(<CandidatesView set={many} keypad="10" onAdd={jest.fn()} onItemNumber={onItemNumber} />);
    expect(container.querySelector('[data-mode="item-number"]')).not.toBeNull();
    expect(screen.getByText('Ask for the item number.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add' })).toBeNull();
    expect(screen.getByLabelText('Keypad digits').textContent).toBe('10');
    rerender(<CandidatesView set={many} keypad="1002" onAdd={jest.fn()} onItemNumber={onItemNumber} />);
    expect(screen.getByLabelText('Keypad digits').textContent).toBe('1002');
    fireEvent.click(screen.getByRole('button', { name: 'Add by number' }));
    expect(onItemNumber).toHaveBeenCalledWith('1002', 2);
    fireEvent.change(screen.getByLabelText('Item number'), { target: { value: '100234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add by number' }));
    expect(onItemNumber).toHaveBeenLastCalledWith('100234', 2);
  });

  it('in Chinese shows the Chinese name first with the catalogue name beside it, and the price in Chinese form', () => {
    const rice: MatchSet = { ...few, hits: [{ productId: 'R', sku: '210101', name: 'Arawana Northeast Pearl Rice 5 kg', chineseName: '金龙鱼东北珍珠米 5公斤', price: cny(4990), score: 0.9 }] };
    const { container } = render(<CandidatesView set={rice} keypad="" onAdd={jest.fn()} onItemNumber={jest.fn()} />);
    expect(container.querySelector('.candidate-list .product-name')?.textContent).toBe('Arawana Northeast Pearl Rice 5 kg');
    act(() => chooseLocale('zh-CN'));
    try {
      expect(container.querySelector('.candidate-list .product-name')?.textContent).toBe('金龙鱼东北珍珠米 5公斤 Arawana Northeast Pearl Rice 5 kg');
      expect(screen.getByText('¥49.90')).toBeTruthy();
      expect(screen.getByRole('button', { name: '添加' })).toBeTruthy();
    } finally {
      act(() => chooseLocale('en'));
    }
  });

  it('says so when there is nothing to confirm', () => {
    render(<CandidatesView set={null} keypad="" onAdd={jest.fn()} onItemNumber={jest.fn()} />);
    expect(screen.getByText('No candidates yet.')).toBeTruthy();
  });
});
