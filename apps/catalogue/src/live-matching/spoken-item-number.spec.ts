import { withItemNumberDigits } from './spoken-item-number';

describe('digit homophones in an item number read out', () => {
  it('reads what the recogniser heard for digits as those digits, after "item number"', () => {
    expect(withItemNumberDigits('the item number is three want air oh four want zero')).toBe('the item number is three one zero four one zero');
    expect(withItemNumberDigits('the item number is two one zero seven want want')).toBe('the item number is two one zero seven one one');
    expect(withItemNumberDigits('item number for two ate')).toBe('item number four two eight');
  });

  it('leaves words alone where no item number is being read', () => {
    expect(withItemNumberDigits('i want two packs for me')).toBe('i want two packs for me');
  });
});
