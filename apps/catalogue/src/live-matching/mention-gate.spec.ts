import { DEFAULT_MENTION_GATE, isLikelyProductMention, isNumbersOnly, isOneContentWord, isOrderLed } from './mention-gate';

describe('mention gate', () => {
  const { sureScore, orderLedScore } = DEFAULT_MENTION_GATE;
  const text = (topScore: number | undefined, orderLed: boolean, final = true) => ({ kind: 'text' as const, topScore, orderLed, numbersOnly: false, oneContentWord: false, final });

  it('publishes a mention the catalogue explains almost fully, asked for or not', () => {
    expect(isLikelyProductMention(text(sureScore, false))).toBe(true);
    expect(isLikelyProductMention(text(0.9, false, false))).toBe(true);
  });

  it('drops speech forced onto catalogue words: "ten of clubs" heard as "tena cost" (bench, tuning set)', () => {
    expect(isLikelyProductMention(text(0.505, false))).toBe(false);
    expect(isLikelyProductMention(text(sureScore - 0.001, false))).toBe(false);
    expect(isLikelyProductMention(text(undefined, true))).toBe(false);
  });

  it('asks less of a mention the caller led with an order phrase, once the utterance is final', () => {
    expect(isLikelyProductMention(text(orderLedScore, true))).toBe(true);
    expect(isLikelyProductMention(text(orderLedScore - 0.001, true))).toBe(false);
    expect(isLikelyProductMention(text(orderLedScore, true, false))).toBe(false);
  });

  it('always publishes an item number found exactly, and never one that was not found', () => {
    expect(isLikelyProductMention({ kind: 'item-number', topScore: 1, orderLed: false, numbersOnly: true, oneContentWord: false, final: false })).toBe(true);
    expect(isLikelyProductMention({ kind: 'item-number', topScore: undefined, orderLed: true, numbersOnly: false, oneContentWord: false, final: true })).toBe(false);
  });

  it('never publishes a text mention of numbers only: "five five" matched product sizes (bench, held-out cards)', () => {
    expect(isNumbersOnly('five five')).toBe(true);
    expect(isNumbersOnly('two hundred and fifty')).toBe(true);
    expect(isNumbersOnly('four hundred g')).toBe(false);
    expect(isLikelyProductMention({ ...text(0.861, true), numbersOnly: true })).toBe(false);
  });

  it('asks an order phrase of a mention that is one English word besides grammar words: "seven of clubs" heard as "seven up gloves" (bench, tuning cards)', () => {
    expect(isOneContentWord('up gloves')).toBe(true);
    expect(isOneContentWord('folding wheelchair')).toBe(false);
    expect(isOneContentWord('two kg')).toBe(false);
    expect(isOneContentWord('可乐')).toBe(false);
    expect(isLikelyProductMention({ ...text(0.736, false), oneContentWord: true })).toBe(false);
    expect(isLikelyProductMention({ ...text(0.736, true), oneContentWord: true })).toBe(true);
    expect(isLikelyProductMention({ ...text(0.736, false), oneContentWord: false })).toBe(true);
  });

  it('tells an order phrase at the start of an utterance, after a greeting, from one inside small talk', () => {
    expect(isOrderLed("I'd like two packs of Vinda tissues")).toBe(true);
    expect(isOrderLed('hello, do you have the pearl rice?')).toBe(true);
    expect(isOrderLed('and can I get fuji apples')).toBe(true);
    expect(isOrderLed('two packs of yellow millet please')).toBe(true);
    expect(isOrderLed('i need like the vinda been made me herbal himself')).toBe(true);
    expect(isOrderLed('he was not until miss clothes yunnan')).toBe(false);
    expect(isOrderLed('tena cost')).toBe(false);
    expect(isOrderLed('said i want it')).toBe(false);
  });
});
