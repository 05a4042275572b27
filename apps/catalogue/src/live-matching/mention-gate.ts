import { isGrammarWord } from '../matching/grammar-words';
import { tokenize } from '../matching/phonetic-keys';
/**
 * Whether a mention found in speech is likely a product the caller asked for, so its candidate
 * list goes to the agent (issue 15, decision 0047). The catalogue-biased recogniser forces speech
 * that names no product onto catalogue words ("ten of clubs" came out as "tena cost", "eight of
 * spades" as "it aid"), and the matcher finds candidates for whatever it is given. Two pieces of
 * evidence tell them apart:
 *
 * - the matcher's: the best hit's score (0..1, the share of an ideal match: how much of the
 *   mention one product's name explains, and how much of that name was said). Words forced onto
 *   the catalogue rarely line up with one product's name;
 * - the utterance's: whether it is led by an order phrase ("I'd like", "do you have", "can I
 *   get", …, {@link isOrderLed}). A caller asking for something says so; a sentence of small
 *   talk forced onto product words does not.
 *
 * A mention the catalogue explains almost fully is published either way; one led by an order
 * phrase needs less. The recogniser's posterior (a final's confidence) was measured and does not
 * separate the two with pocketsphinx (orders 0–0.54, product-free speech 0–0.16, most of both
 * below 0.01), so it is not weighed. An interim is held to the sure bar (its final follows).
 * An item number read out and found exactly is always likely (it was compared exactly); a text
 * mention of number words only never is ({@link isNumbersOnly}), and one of a single English word
 * besides grammar words is sure only when led by an order phrase ({@link isOneContentWord}).
 */
export interface MentionEvidence {
  readonly kind: 'text' | 'item-number';
  /** The best hit's score, 0..1; undefined when there is no hit. */
  readonly topScore: number | undefined;
  /** The utterance opens with an order phrase. */
  readonly orderLed: boolean;
  /** The mention is number words only ({@link isNumbersOnly}). */
  readonly numbersOnly: boolean;
  /** The mention is one English word besides grammar words ({@link isOneContentWord}). */
  readonly oneContentWord: boolean;
  readonly final: boolean;
}

export interface MentionGateThresholds {
  /** A mention whose best hit scores at least this is published. */
  readonly sureScore: number;
  /** A final's mention led by an order phrase needs only this. */
  readonly orderLedScore: number;
}

/** Chosen on the bench's tuning recordings and orders (decision 0047; figures in docs/speech.md). */
export const DEFAULT_MENTION_GATE: MentionGateThresholds = { sureScore: 0.55, orderLedScore: 0.3 };

/** The order phrases a request opens with, after a greeting or "and". */
const ORDER_PHRASE =
  /^(?:(?:hello|hi|yes|yeah|okay|ok|so|and|um|uh|please)\s+)*(?:i'd like|i would like|i'd|do you have|have you got|have you|i want|i wanna|can i get|can i have|could i get|could i have|i need|i'm looking for|i am looking for|give me|get me|send me|i'll take|i will take|i'll have|i will have|put me down for|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few) (?:packs?|packets?|bottles?|box|boxes|bags?|cans?|cartons?|jars?|tubes?|rolls?|tins?) of)\b/;

/** True when the utterance opens with an order phrase. */
export function isOrderLed(utterance: string): boolean {
  return ORDER_PHRASE.test(utterance.toLowerCase().replace(/’/g, "'").replace(/[^a-z' ]+/g, ' ').replace(/\s+/g, ' ').trim());
}

const NUMBER_WORD =
  /^(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|double|triple|point|and|\d+)$/;

/**
 * True when the mention is numbers only ("five five", "eight eight"): not a product's name. A
 * number the caller means as an item number is matched exactly as one (kind `item-number`);
 * as text it would only find products with those numbers in their sizes.
 */
export function isNumbersOnly(mention: string): boolean {
  const words = mention.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.length > 0 && words.every((word) => NUMBER_WORD.test(word));
}

/**
 * True when an English mention is a single word besides grammar words ("up gloves", from "seven
 * of clubs" heard as "seven up gloves"): one word the catalogue explains is what small talk forced
 * onto catalogue words most often comes to, so outside an order phrase it is not sure enough. A
 * mention in Chinese (no spaces between words) is never counted so.
 */
export function isOneContentWord(mention: string): boolean {
  if (/\p{Script=Han}/u.test(mention)) return false;
  return tokenize(mention).filter((word) => !isGrammarWord(word)).length === 1;
}

/** True when the mention's candidate list should be published. */
export function isLikelyProductMention(evidence: MentionEvidence, thresholds: MentionGateThresholds = DEFAULT_MENTION_GATE): boolean {
  if (evidence.topScore === undefined) return false;
  if (evidence.kind === 'item-number') return true;
  if (evidence.numbersOnly) return false;
  if (evidence.topScore >= thresholds.sureScore && (evidence.orderLed || !evidence.oneContentWord)) return true;
  return evidence.final && evidence.orderLed && evidence.topScore >= thresholds.orderLedScore;
}
