import type { MatchesFoundV1 } from '@callcart/contracts';
import { describeMisses, foundIn, matchingFigures, type OrderMatches } from './live-product-matching';

function mention(ids: string[]): MatchesFoundV1 {
  return {
    callId: 'bench-heard',
    utteranceId: 'u0-u1',
    mention: 'something',
    quantity: 1,
    hits: ids.map((productId) => ({ productId, sku: `sku-${productId}`, name: `name ${productId}`, price: null, score: 0.5 })),
    total: ids.length,
    confirmationMode: 'ask',
    source: 'speech',
  };
}

function result(index: number, heard: string[][], said: string[][], sameProductIds: string[] = []): OrderMatches {
  return {
    order: { index, voice: 'en-us', productId: 'P', sameProductIds, said: 'i want p', finals: [] },
    heard: heard.map(mention),
    said: said.map(mention),
  };
}

describe('scoring the live matcher', () => {
  it('counts a hit when the product is within the first k candidates of any mention', () => {
    expect(foundIn([mention(['a', 'b']), mention(['c', 'P'])], ['P'], 2)).toBe(true);
    expect(foundIn([mention(['a', 'b']), mention(['c', 'P'])], ['P'], 1)).toBe(false);
    expect(foundIn([mention(['a', 'b', 'c', 'd', 'e', 'P'])], ['P'], 5)).toBe(false);
    expect(foundIn([], ['P'], 5)).toBe(false);
  });

  it('gives top-1, top-5 and the cause of each miss', () => {
    const figures = matchingFigures([
      result(0, [['P']], [['P']]),
      result(1, [['x', 'P']], [['P']]),
      result(2, [['x']], [['P']]),
      result(3, [], [['x']]),
      result(4, [['Q']], [['P']], ['Q']),
    ]);
    expect(figures).toEqual({
      utterances: 5,
      top1: 0.2,
      top5: 0.4,
      top5SameProduct: 0.6,
      saidTop1: 0.8,
      saidTop5: 0.8,
      missesFromRecognition: 2,
      missesFromMatching: 1,
    });
  });

  it('lists only the misses, with their cause', () => {
    const lines = describeMisses([result(0, [['P']], [['P']]), result(1, [['x']], [['P']]), result(2, [], [])], () => 'the product');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^#1 \[recognition\] P "the product"/);
    expect(lines[1]).toMatch(/^#2 \[matching\]/);
    expect(lines[1]).toContain('(no mention)');
  });
});
