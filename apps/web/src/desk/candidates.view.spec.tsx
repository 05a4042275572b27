/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MatchSet } from '../shared/api-types';
import { facetsOf, narrowHits, sizeOf } from './candidate-facets.logic';
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
const shampoo = (productId: string, name: string, brand?: string) => ({ productId, sku: `3${productId.padStart(5, '0')}`, name, price: cny(2990), score: 0.6, ...(brand ? { brand } : {}) });

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

  it('shows what the server decided, not a count of its own: seven hits to read out stay a list, two hits with the item-number mode ask for the number', () => {
    const seven: MatchSet = { ...few, hits: Array.from({ length: 7 }, (_, index) => ({ ...few.hits[0]!, productId: `P${index}`, name: `Product ${index}` })), total: 7, confirmationMode: 'ask' };
    const { container, rerender } = render(<CandidatesView set={seven} keypad="" onAdd={jest.fn()} onItemNumber={jest.fn()} />);
    expect(container.querySelector('[data-mode="ask"]')).not.toBeNull();
    expect(screen.getAllByRole('button', { name: 'Add' })).toHaveLength(7);
    const two: MatchSet = { ...few, total: 40, confirmationMode: 'item-number' };
    rerender(<CandidatesView set={two} keypad="" onAdd={jest.fn()} onItemNumber={jest.fn()} />);
    expect(container.querySelector('[data-mode="item-number"]')).not.toBeNull();
    expect(screen.getByText(/40 products match/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add' })).toBeNull();
  });

  it('keeps the item-number prompt but opens the whole list on demand, narrowed by brand and size', async () => {
    const all = [shampoo('1', 'Head & Shoulders Shampoo 400 ml', 'Head & Shoulders'), shampoo('2', 'Head & Shoulders Shampoo 200ml', 'Head & Shoulders'), shampoo('3', 'Rejoice Shampoo 400 ml', 'Rejoice'), shampoo('4', 'Clear Shampoo 400 ml', 'Clear')];
    const loadAll = jest.fn(async () => all);
    const onAdd = jest.fn();
    render(<CandidatesView set={many} keypad="" onAdd={onAdd} onItemNumber={jest.fn()} loadAll={loadAll} />);
    expect(screen.getByText('Ask for the item number.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show the list (37)' }));
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Add' })).toHaveLength(4));
    expect(loadAll).toHaveBeenCalledWith(many);
    expect(screen.getByText('Ask for the item number.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Brand'), { target: { value: 'Head & Shoulders' } });
    expect(screen.getAllByRole('button', { name: 'Add' })).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Size'), { target: { value: '200ml' } });
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(1);
    expect(within(rows[0]!).getByText('Head & Shoulders Shampoo 200ml')).toBeTruthy();
    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Add' }));
    expect(onAdd).toHaveBeenCalledWith(all[1], 2);
  });

  it('marks the candidate the agent is naming as being confirmed', () => {
    render(<CandidatesView set={few} keypad="" onAdd={jest.fn()} onItemNumber={jest.fn()} confirming="W0" />);
    const marked = document.querySelector('[aria-current="true"]');
    expect(marked?.textContent).toContain('Nivea Creme 250ml');
    expect(marked?.textContent).toContain('being confirmed');
    expect(document.querySelectorAll('.candidate-confirming')).toHaveLength(1);
  });
});

describe('candidate facets', () => {
  it('reads sizes from names, one way however they are written, and narrows by brand and size together', () => {
    expect(['Arawana Rice 5 kg', 'Arawana Rice 5kg', 'Coke 12 x 330 ml', 'Lipton Tea 100 bags', '金龙鱼花生油 5升', 'Plain Rice'].map(sizeOf)).toEqual(['5kg', '5kg', '12x330ml', '100bags', '5升', undefined]);
    const hits = [
      { productId: 'a', sku: '1', name: 'Lipton Tea 100 bags', price: null, score: 1, brand: 'Lipton' },
      { productId: 'b', sku: '2', name: 'Lipton Tea 25 bags', price: null, score: 1, brand: 'Lipton' },
      { productId: 'c', sku: '3', name: 'Twinings Tea 100 bags', price: null, score: 1, brand: 'Twinings' },
    ];
    expect(facetsOf(hits)).toEqual({ brands: [['Lipton', 2], ['Twinings', 1]], sizes: [['100bags', 2], ['25bags', 1]] });
    expect(narrowHits(hits, { brand: 'Lipton', size: '100bags' }).map((hit) => hit.productId)).toEqual(['a']);
    expect(narrowHits(hits, {}).map((hit) => hit.productId)).toEqual(['a', 'b', 'c']);
  });
});
