/** @jest-environment jsdom */
import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { AliasListEditor, type EditableProduct, productChanges } from './product-editor.view';
import { setUpI18n } from '../i18n/i18n.setup';

setUpI18n('en');

function Harness({ initial, seen }: { initial: string[]; seen: string[][] }) {
  const [aliases, setAliases] = useState(initial);
  return (
    <AliasListEditor
      aliases={aliases}
      onChange={(next) => {
        seen.push(next);
        setAliases(next);
      }}
    />
  );
}

const oil: EditableProduct = {
  id: 'P-oil',
  sku: '200100',
  name: 'Peanut oil 5L',
  brand: 'Luhua',
  price: { amountMinor: 15990, currency: 'CNY' },
  active: true,
  language: 'zh',
};

describe('<AliasListEditor>', () => {
  it('adds trimmed aliases (button or Enter), refuses blanks and duplicates, and removes one', () => {
    const seen: string[][] = [];
    render(<Harness initial={['花生油']} seen={seen} />);
    const input = screen.getByLabelText('New alias');
    fireEvent.change(input, { target: { value: '  groundnut oil ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add alias' }));
    expect(seen.at(-1)).toEqual(['花生油', 'groundnut oil']);
    expect((input as HTMLInputElement).value).toBe('');

    fireEvent.change(input, { target: { value: 'GROUNDNUT OIL' } });
    expect((screen.getByRole('button', { name: 'Add alias' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input, { target: { value: '   ' } });
    expect((screen.getByRole('button', { name: 'Add alias' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(input, { target: { value: '<b>oil</b>' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(seen.at(-1)).toEqual(['花生油', 'groundnut oil', '<b>oil</b>']);
    expect(screen.getByText('<b>oil</b>')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Remove 花生油' }));
    expect(seen.at(-1)).toEqual(['groundnut oil', '<b>oil</b>']);
    expect(screen.getAllByRole('listitem').map((item) => item.querySelector('.alias')?.textContent)).toEqual(['groundnut oil', '<b>oil</b>']);
  });
});

describe('productChanges', () => {
  const form = { name: 'Peanut oil 5L', brand: 'Luhua', category: '', price: '159.90', currency: 'CNY', active: true };

  it('sends only what changed; aliases only once edited', () => {
    expect(productChanges(oil, form, null)).toEqual({});
    expect(productChanges(oil, { ...form, name: ' Peanut oil 5 L ', brand: '', active: false }, ['花生油'])).toEqual({
      name: 'Peanut oil 5 L',
      brand: null,
      active: false,
      aliases: ['花生油'],
    });
    expect(productChanges(oil, { ...form, price: '149' }, null)).toEqual({ price: { amountMinor: 14900, currency: 'CNY' } });
    expect(productChanges(oil, { ...form, price: '' }, null)).toEqual({ price: null });
  });

  it('refuses an empty name and a price that is not an amount', () => {
    expect(productChanges(oil, { ...form, name: '  ' }, null)).toBe('The name cannot be empty.');
    expect(productChanges(oil, { ...form, price: '1.234' }, null)).toContain('not an amount');
  });
});
