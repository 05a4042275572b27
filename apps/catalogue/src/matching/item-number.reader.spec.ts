import { itemNumberSpans, readItemNumber } from './item-number.reader';
import { chineseNumeralValue, readEnglishNumberRun } from './spoken-numbers';

describe('readItemNumber', () => {
  it.each([
    ['d c s one one hundred', ['dcs1100']],
    ['m seven oh five', ['m705']],
    ['二三四五', ['2345']],
    ['幺零零八六', ['10086']],
    ['1100#', ['1100']],
    ['*1 2 3#', ['123']],
    ['double five seven', ['557']],
    ['see s sixty one twenty four', ['cs6124']],
    ['item number is x two six seven oh', ['x2670']],
    ['DCS-1100', ['dcs1100']],
  ])('%s', (spoken, readings) => {
    expect(readItemNumber(spoken)).toEqual(readings);
  });

  it('offers the letter O beside zero when "oh" stands alone', () => {
    expect(readItemNumber('x oh one')).toEqual(expect.arrayContaining(['x01']));
    expect(readItemNumber('oh')).toEqual(['0', 'o']);
  });

  it('reads nothing from ordinary words or bad input', () => {
    for (const text of ['hello there', 'seagate drive', '', '😀', "'; DROP TABLE", '#']) expect(readItemNumber(text)).toEqual([]);
  });
});

describe('spoken numbers', () => {
  it('reads English number runs both as values and digit by digit', () => {
    expect(readEnglishNumberRun(['thirty', 'six'])).toEqual(expect.arrayContaining(['36']));
    expect(readEnglishNumberRun(['twenty', 'oh', 'seven'])).toEqual(['2007']);
    expect(readEnglishNumberRun(['one', 'one', 'hundred'])).toEqual(['1100']);
    expect(readEnglishNumberRun(['one', 'hundred'])).toEqual(['100']);
    expect(readEnglishNumberRun(['seagate'])).toEqual([]);
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumeralValue('两')).toBe(2);
    expect(chineseNumeralValue('十二')).toBe(12);
    expect(chineseNumeralValue('二十')).toBe(20);
    expect(chineseNumeralValue('三百零五')).toBe(305);
    expect(chineseNumeralValue('可乐')).toBeUndefined();
  });
});

describe('itemNumberSpans', () => {
  it('reads an item number said inside an utterance, homophones of digits and "double you" included', () => {
    expect(itemNumberSpans('the sku is one eight to three for')).toContain('18234');
    expect(itemNumberSpans('code oh won double six six')).toContain('01666');
    expect(itemNumberSpans('code double you en dee r forty hundred')).toContain('wndr4000');
    expect(itemNumberSpans('it is item five three ate nine')).toContain('5389');
  });

  it('reads what a catalogue-biased recogniser heard for digits: "want" for one, "air oh" for zero, "free" for three', () => {
    expect(itemNumberSpans('the item number is three want air oh four want zero')).toContain('310410');
    expect(itemNumberSpans('the item number is two one zero seven want want')).toContain('210711');
    expect(itemNumberSpans('item number free two ate one')).toContain('3281');
  });

  it('takes no item number from an order that only says "want" and "for" beside a count', () => {
    expect(itemNumberSpans('i want two packs for me')).toEqual([]);
  });

  it('reads "double oh" as zeros or letters, and a long number read aloud after any lead-in', () => {
    expect(itemNumberSpans('i have a code here, one seven one zero five one seven double oh two')).toContain('1710517002');
    expect(itemNumberSpans('stock number five four five double oh double oh won')).toContain('54500001');
    expect(itemNumberSpans('the number on the box is kay five nine eight five six zero two')).toContain('k5985602');
    expect(itemNumberSpans('one oh oh ate p')).toContain('1008p');
  });

  it('takes no item number without a cue from a short run or a model number written in a name', () => {
    expect(itemNumberSpans('i need compatible remanufactured c5011d if not a similar one')).toEqual([]);
    expect(itemNumberSpans('we want the canon pg two ten black ink today')).toEqual([]);
  });

  it('does not read digits inside a spoken product name, nor homophones alone, as an item number', () => {
    expect(itemNumberSpans('some teac ad eight oh zero if you have it')).toEqual([]);
    expect(itemNumberSpans('i am looking for to buy a printer')).toEqual([]);
  });
});

