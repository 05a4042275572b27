import { matchesFoundV1, transcriptUpdatedV1, type MatchesFoundV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import type { FinalRecognition } from '../recognition/recogniser';

/** One spoken order of the bench: what was said, which product it names, what the recogniser settled on. */
export interface SpokenOrder {
  readonly index: number;
  /** The synthetic voice it was spoken with (an espeak-ng voice or `flite:<voice>`). */
  readonly voice: string;
  /** The catalogue id of the product whose name was spoken. */
  readonly productId: string;
  /** Ids of other listings of the same real product (the evaluation catalogue's duplicate clusters). */
  readonly sameProductIds: readonly string[];
  /** The whole utterance as spoken, in dictionary words ("i'd like epson fifteen hundred …"). */
  readonly said: string;
  readonly finals: readonly FinalRecognition[];
  /** The quantity the utterance says (1 when none). */
  readonly quantity?: number;
}

/** What the catalogue's live matcher answered for one order: once for what was heard, once for what was said. */
export interface OrderMatches {
  readonly order: SpokenOrder;
  /** `matchesFoundV1` for the recogniser's finals. */
  readonly heard: readonly MatchesFoundV1[];
  /** `matchesFoundV1` for the spoken text itself as a final (a perfect recogniser). */
  readonly said: readonly MatchesFoundV1[];
}

const HEARD_CALL = 'bench-heard';
const SAID_CALL = 'bench-said';

/** Utterance ids as `u<order>-<recogniser's id>`, so every answer can be traced back to its order. */
function orderOf(utteranceId: string): number {
  return Number(/^u(\d+)/.exec(utteranceId)?.[1] ?? -1);
}

/**
 * Sends the orders through the catalogue service exactly as a call does: each final (with its
 * n-best) as `transcriptUpdatedV1` for a synthetic call, collecting the `matchesFoundV1` the live
 * matcher publishes; and the spoken text as a final of a second call, to tell recognition misses
 * from matching misses. The matcher publishes nothing for text without a mention, so collection
 * ends once nothing has arrived for `quietMs` after the last transcript went out.
 */
export async function matchThroughCatalogue(bus: MessageBus, orders: readonly SpokenOrder[], quietMs = 3000, timeoutMs = 180_000): Promise<OrderMatches[]> {
  const heard = new Map<number, MatchesFoundV1[]>();
  const said = new Map<number, MatchesFoundV1[]>();
  let lastActivity = Date.now();
  const listening = await bus.subscribe(matchesFoundV1, (found) => {
    lastActivity = Date.now();
    const into = found.callId === HEARD_CALL ? heard : found.callId === SAID_CALL ? said : undefined;
    const index = orderOf(found.utteranceId);
    if (!into || index < 0) return;
    into.set(index, [...(into.get(index) ?? []), found]);
  });
  try {
    for (const order of orders) {
      for (const final of order.finals) {
        if (final.text.trim() === '') continue;
        await bus.publish(transcriptUpdatedV1, {
          callId: HEARD_CALL,
          utteranceId: `u${order.index}-${final.utteranceId}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
          kind: 'final',
          text: final.text,
          alternatives: final.alternatives.slice(0, 10).map((alternative) => ({ ...alternative })),
          startMs: final.startMs,
          endMs: final.endMs,
          workerId: 'speech-bench',
          language: 'en',
        });
      }
      await bus.publish(transcriptUpdatedV1, {
        callId: SAID_CALL,
        utteranceId: `u${order.index}`,
        kind: 'final',
        text: order.said,
        alternatives: [{ text: order.said, confidence: 1 }],
        startMs: 0,
        endMs: 0,
        workerId: 'speech-bench',
        language: 'en',
      });
      lastActivity = Date.now();
    }
    const deadline = Date.now() + timeoutMs;
    while (Date.now() - lastActivity < quietMs && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await listening.stop();
  }
  return orders.map((order) => ({ order, heard: heard.get(order.index) ?? [], said: said.get(order.index) ?? [] }));
}

/** True when, in any mention, one of `ids` is among the first `k` candidates. */
export function foundIn(mentions: readonly MatchesFoundV1[], ids: readonly string[], k: number): boolean {
  return mentions.some((mention) => mention.hits.slice(0, k).some((hit) => ids.includes(hit.productId)));
}

export interface MatchingFigures {
  readonly utterances: number;
  /** Share (0..1) with the spoken product's own id first / among the first five, from the recogniser's finals. */
  readonly top1: number;
  readonly top5: number;
  /** The same, also counting other listings of the same real product. */
  readonly top5SameProduct: number;
  /** From the spoken text itself (a perfect recogniser): the ceiling matching alone allows. */
  readonly saidTop1: number;
  readonly saidTop5: number;
  /** Top-5 misses where the spoken text would have matched: recognition lost the product. */
  readonly missesFromRecognition: number;
  /** Top-5 misses where even the spoken text does not match: the matcher (or an ambiguous name) lost it. */
  readonly missesFromMatching: number;
}

export function matchingFigures(results: readonly OrderMatches[]): MatchingFigures {
  const share = (predicate: (result: OrderMatches) => boolean) => (results.length ? results.filter(predicate).length / results.length : NaN);
  const own = (result: OrderMatches) => [result.order.productId];
  const misses = results.filter((result) => !foundIn(result.heard, own(result), 5));
  return {
    utterances: results.length,
    top1: share((result) => foundIn(result.heard, own(result), 1)),
    top5: share((result) => foundIn(result.heard, own(result), 5)),
    top5SameProduct: share((result) => foundIn(result.heard, [...own(result), ...result.order.sameProductIds], 5)),
    saidTop1: share((result) => foundIn(result.said, own(result), 1)),
    saidTop5: share((result) => foundIn(result.said, own(result), 5)),
    missesFromRecognition: misses.filter((result) => foundIn(result.said, own(result), 5)).length,
    missesFromMatching: misses.filter((result) => !foundIn(result.said, own(result), 5)).length,
  };
}

/** One line per top-5 miss: the cause, what was said, what was heard, and what the matcher offered. */
export function describeMisses(results: readonly OrderMatches[], productName: (id: string) => string): string[] {
  const offered = (mentions: readonly MatchesFoundV1[]) =>
    mentions.length === 0
      ? '(no mention)'
      : mentions.map((mention) => `"${mention.mention}" → ${mention.hits.slice(0, 3).map((hit) => hit.name.slice(0, 40)).join(' | ') || '(no hits)'}`).join('; ');
  return results
    .filter((result) => !foundIn(result.heard, [result.order.productId], 5))
    .map((result) => {
      const cause = foundIn(result.said, [result.order.productId], 5) ? 'recognition' : 'matching';
      const heardText = result.order.finals.map((final) => final.text).join(' / ') || '(nothing)';
      return [
        `#${result.order.index} [${cause}] ${result.order.productId} "${productName(result.order.productId)}"`,
        `    said:  ${result.order.said}`,
        `    heard: ${heardText}`,
        `    heard → ${offered(result.heard)}`,
        ...(cause === 'matching' ? [`    said  → ${offered(result.said)}`] : []),
      ].join('\n');
    });
}

/** `--lists`: every candidate list published for what was heard, with the evidence the gate weighs. */
export function describeLists(results: readonly OrderMatches[]): string[] {
  return results.flatMap((result) =>
    result.heard.map((found) => {
      const final = result.order.finals.find((candidate) => found.utteranceId.endsWith(`-${candidate.utteranceId}`));
      const right = result.order.productId === '' ? 'FREE' : found.hits.slice(0, 5).some((hit) => hit.productId === result.order.productId) ? 'HIT' : 'MISS';
      return `list ${right} #${result.order.index} ${result.order.voice} conf=${final?.alternatives[0]?.confidence ?? '?'} top=${found.hits[0]?.score.toFixed(3) ?? '-'} n=${found.hits.length} q=${found.quantity} mention="${found.mention}" heard="${final?.text ?? '?'}"`;
    }),
  );
}
