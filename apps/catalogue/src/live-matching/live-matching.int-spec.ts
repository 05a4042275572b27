import { join } from 'node:path';
import { keypadDigitV1, transcriptUpdatedV1, type MatchesFoundV1, type TranscriptUpdatedV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import { eventually } from '@callcart/testing';
import { startMatchingCatalogue, type MatchingCatalogue } from './live-matching.spec-helper';

const fixture = (name: string) => join(__dirname, '..', 'products', 'import', 'test-fixtures', name);
const CALL = 'CA0f3e2d1c0b';

function final(utteranceId: string, texts: string[], language: 'en' | 'zh' = 'en'): TranscriptUpdatedV1 {
  return {
    kind: 'final',
    callId: CALL,
    utteranceId,
    text: texts[0],
    alternatives: texts.map((text, i) => ({ text, confidence: 0.9 - i * 0.2 })),
    startMs: 1000,
    endMs: 2600,
    workerId: 'speech-1',
    language,
  };
}

function interim(utteranceId: string, text: string, stability: number): TranscriptUpdatedV1 {
  return { kind: 'interim', callId: CALL, utteranceId, text, stability, startMs: 1000, workerId: 'speech-1', language: 'en' };
}

describe('live matching of transcripts and keypad digits', () => {
  let catalogue: MatchingCatalogue;
  let bus: MessageBus;
  let found: MatchesFoundV1[];
  const of = (utteranceId: string) => found.filter((match) => match.utteranceId === utteranceId);
  const digits = async (keys: string) => {
    for (const digit of keys) await bus.publish(keypadDigitV1, { callId: CALL, digit, pressedAt: new Date().toISOString() });
  };

  beforeAll(async () => {
    catalogue = await startMatchingCatalogue({
      catalogueFile: fixture('demo-catalogue.jsonl'),
      currency: 'USD',
      callId: CALL,
      env: { KEYPAD_DIGIT_TIMEOUT_MS: '400', STABLE_INTERIM_MIN: '0.8' },
    });
    ({ bus, found } = catalogue);
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  it('publishes the matches of a final transcript: mention, quantity, hits with price, confirmation mode', async () => {
    await bus.publish(transcriptUpdatedV1, final('u-1', ["i'd like two nivea creme please", "i'd like to near the cream please"]));
    await eventually(() => of('u-1').length > 0, 'matches for u-1');
    const [match] = of('u-1');
    expect(match).toMatchObject({ callId: CALL, source: 'speech', confirmationMode: expect.stringMatching(/^(ask|item-number)$/) });
    expect(match.hits[0]).toMatchObject({ productId: 'nv-100', sku: '100234', price: { amountMinor: 590, currency: 'USD' } });
    expect(match.quantity).toBe(2);
  });

  it("matches only the caller's words: the agent's read-back of a product gives no matches", async () => {
    await bus.publish(transcriptUpdatedV1, { ...final('u-agent', ['so that is two nivea creme']), speaker: 'agent' });
    await bus.publish(transcriptUpdatedV1, { ...interim('u-agent-i', 'nivea creme', 0.95), speaker: 'agent' });
    await bus.publish(transcriptUpdatedV1, { ...final('u-caller', ['two nivea creme please']), speaker: 'caller' });
    await eventually(() => of('u-caller').length > 0, 'matches for the caller');
    // A second caller utterance after the first has matched: had the agent's (published before both) matched, they would be here.
    await bus.publish(transcriptUpdatedV1, { ...final('u-caller-2', ['and nescafe gold']), speaker: 'caller' });
    await eventually(() => of('u-caller-2').length > 0, "matches for the caller's second utterance");
    expect([...of('u-agent'), ...of('u-agent-i')]).toEqual([]);
    expect(of('u-caller')[0].hits[0].productId).toBe('nv-100');
  });

  it('matches Chinese speech', async () => {
    await bus.publish(transcriptUpdatedV1, final('u-zh', ['我要两瓶金龙鱼花生油'], 'zh'));
    await eventually(() => of('u-zh').length > 0, 'matches for u-zh');
    expect(of('u-zh')[0].hits[0].productId).toBe('jl-500');
  });

  it('publishes repeated partials of one utterance only when the candidates change, and ignores unstable ones', async () => {
    await bus.publish(transcriptUpdatedV1, interim('u-2', 'seagate barracuda', 0.3));
    for (let i = 0; i < 4; i += 1) await bus.publish(transcriptUpdatedV1, interim('u-2', 'seagate barracuda', 0.9));
    await bus.publish(transcriptUpdatedV1, final('u-2', ['seagate barracuda']));
    await bus.publish(transcriptUpdatedV1, final('u-3', ['pringles original']));
    await eventually(() => of('u-3').length > 0, 'matches for the next utterance');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(of('u-2')).toHaveLength(1);
    expect(of('u-2')[0].hits[0].productId).toBe('sg-200');
    await bus.publish(transcriptUpdatedV1, final('u-2', ['seagate barracuda and a d-link camera']));
    await eventually(() => of('u-2').length > 1, 'the changed candidates');
  });

  it('survives text no product matches: long, emoji, control characters, metacharacters', async () => {
    const texts = ['🧴😀'.repeat(300), "x'; DROP TABLE product; -- .*[(", 'ab\u0000\u0007cd '.repeat(150), 'um uh hmm'];
    for (const [i, text] of texts.entries()) await bus.publish(transcriptUpdatedV1, final(`u-odd-${i}`, [text.slice(0, 2000)]));
    await bus.publish(transcriptUpdatedV1, final('u-after', ['nescafe gold']));
    await eventually(() => of('u-after').length > 0, 'the service still matching afterwards');
    expect(of('u-after')[0].hits[0].productId).toBe('ns-600');
  });

  it('matches an item number keyed in and ended with #, exactly', async () => {
    await digits('100235#');
    await eventually(() => found.some((match) => match.source === 'keypad' && match.mention === '100235'), 'keypad match');
    const match = found.find((candidate) => candidate.source === 'keypad' && candidate.mention === '100235')!;
    expect(match).toMatchObject({ quantity: 1, total: 1, confirmationMode: 'ask', hits: [{ productId: 'nv-101', score: 1 }] });
  });

  it('ends a keypad entry after a pause, and answers an unknown number with no hits', async () => {
    await digits('10023');
    await eventually(() => found.some((match) => match.source === 'keypad' && match.mention === '10023'), 'keypad match after the pause', 3000);
    expect(found.find((match) => match.mention === '10023')).toMatchObject({ hits: [], total: 0 });
  });
});
