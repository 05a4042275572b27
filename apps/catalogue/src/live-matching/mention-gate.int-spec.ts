import { join } from 'node:path';
import { transcriptUpdatedV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { startMatchingCatalogue, type MatchingCatalogue } from './live-matching.spec-helper';

const DEMO_CATALOGUE = join(__dirname, '..', '..', '..', 'demo', 'data', 'demo-catalogue.jsonl');
const CALL = 'CAgate0001';

/**
 * What pocketsphinx, biased to the demo catalogue, heard for real people reading sentences that
 * name no product (pocketsphinx-testdata, through the phone channel; `npm run bench:speech --
 * --small-talk --lists`), and what it heard for spoken orders. Before decision 0047 every one of
 * the product-free ones put a candidate list on the agent's screen.
 */
const HEARD_PRODUCT_FREE = [
  'he was not until miss clothes yunnan', // librivox 0880: "he was not an ill disposed young man"
  'tena cost', // cards 001: "ten of clubs"
  'pork we milk want', // cards 002: "four queen of clubs"
  'seven up gloves', // cards 003: "seven of clubs"
  'five five', // cards 004: "five five"
  'hello study rather cold hard it in rather himself that is two the old clothes', // librivox 0890
];
const HEARD_ORDERS: readonly { text: string; productId: string }[] = [
  { text: 'i want yellow millet one kg', productId: 'demo-millet-1kg' },
  { text: 'do you have compression stockings', productId: 'demo-compression-stockings' },
  { text: 'can i get lee kum kee premium light led', productId: 'demo-lkk-light-soy-sauce-500ml' },
];

describe('live matching publishes candidates only for likely product mentions (decision 0047)', () => {
  let catalogue: MatchingCatalogue;

  const say = (utteranceId: string, text: string) =>
    catalogue.bus.publish(transcriptUpdatedV1, { kind: 'final', callId: CALL, utteranceId, text, alternatives: [{ text, confidence: 0.01 }], startMs: 0, endMs: 1000, workerId: 'speech-1', language: 'en' });

  beforeAll(async () => {
    catalogue = await startMatchingCatalogue({ catalogueFile: DEMO_CATALOGUE, currency: 'CNY', callId: CALL });
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  it('publishes nothing for product-free speech forced onto catalogue words, and the orders after it', async () => {
    for (const [i, text] of HEARD_PRODUCT_FREE.entries()) await say(`free-${i}`, text);
    for (const [i, { text }] of HEARD_ORDERS.entries()) await say(`order-${i}`, text);
    // A call's transcripts are matched in order: once the last order's list is out, every product-free one was decided.
    const { found } = catalogue;
    await eventually(() => found.some((match) => match.utteranceId === `order-${HEARD_ORDERS.length - 1}`), 'the last order matched');
    expect(found.filter((match) => match.utteranceId.startsWith('free-')).map((match) => match.mention)).toEqual([]);
    for (const [i, { productId }] of HEARD_ORDERS.entries()) {
      const list = found.find((match) => match.utteranceId === `order-${i}`);
      expect(list?.hits.slice(0, 5).map((hit) => hit.productId)).toContain(productId);
    }
  });
});
