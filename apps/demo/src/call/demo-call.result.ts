import type { MatchesFoundV1, Money } from '@callcart/contracts';
import type { AgentLineHeard } from './demo-agent-voice';

/** How the agent found a product the caller named: the candidates from speech, or the desk's search box. */
export type FoundBy = 'speech' | 'desk search' | 'not found';

export interface SpokenProductOutcome {
  readonly said: string;
  /** The recogniser's final transcripts of the sentence. */
  readonly heard: readonly string[];
  /** How many spoken-mention candidate lists reached the desk for the sentence. */
  readonly matchesFrames: number;
  readonly foundBy: FoundBy;
  /** Lists that repeated the one before them for the same mention of an utterance (two catalogue replicas each publishing it). */
  readonly repeatedLists: number;
  /** Lists older (lower `sequence`) than one already received for their utterance. */
  readonly outOfOrderLists: number;
  /** The candidate list the agent worked from (speech or search). */
  readonly total?: number;
  readonly confirmationMode?: 'ask' | 'item-number';
}

/**
 * What happened in the demo call, step by step, for the exit code, `--json` and the tests:
 * `ok` only when every step of the story happened; `missing` says what did not.
 */
export interface DemoCallResult {
  ok: boolean;
  missing: string[];
  /** The one-line problem that stopped the story early, if one did. */
  problem?: string;
  callId?: string;
  callerStatus?: string;
  firstProduct?: SpokenProductOutcome & { readonly productId: string; readonly quantity: number };
  secondProduct?: SpokenProductOutcome;
  keypad?: { readonly keyed: string; readonly digitsOnDesk: string; readonly productId?: string };
  order?: { readonly orderId: string; readonly total: Money };
  payment?: { readonly method: string; readonly amount: Money };
  balanceBefore?: Money;
  balanceAfter?: Money;
  paymentSettledOnDesk: boolean;
  shipmentReadyOnDesk: boolean;
  callEndedOnDesk: boolean;
  /** The agent's own voice on the call (a WebRTC connection as the desk's softphone makes), and what the caller heard of each line. */
  agentVoice?: { readonly connected: boolean; readonly lines: AgentLineHeard[] };
  /** What the caller said, split by how the agent found it: from speech's candidates, or by typing into the desk search. */
  recognition?: { readonly bySpeech: string[]; readonly byDeskSearch: string[]; readonly notFound: string[] };
}

/** Counts the lists of one sentence that repeat the previous list of their mention, or arrive older than one already seen. */
export function listDiscipline(lists: readonly MatchesFoundV1[]): Pick<SpokenProductOutcome, 'repeatedLists' | 'outOfOrderLists'> {
  const lastByMention = new Map<string, string>();
  const newestByUtterance = new Map<string, number>();
  let repeatedLists = 0;
  let outOfOrderLists = 0;
  for (const list of lists) {
    const signature = `${list.quantity}|${list.hits.map((hit) => hit.productId).join(',')}`;
    const mention = `${list.utteranceId}|${list.mention}`;
    if (lastByMention.get(mention) === signature) repeatedLists += 1;
    lastByMention.set(mention, signature);
    if (list.sequence === undefined) continue;
    const newest = newestByUtterance.get(list.utteranceId);
    if (newest !== undefined && list.sequence < newest) outOfOrderLists += 1;
    else newestByUtterance.set(list.utteranceId, list.sequence);
  }
  return { repeatedLists, outOfOrderLists };
}

/** The spoken products by how they were found, for the report: speech's own successes apart from the desk search's rescues. */
export function recognitionOf(result: Pick<DemoCallResult, 'firstProduct' | 'secondProduct'>): NonNullable<DemoCallResult['recognition']> {
  const outcomes = [result.firstProduct, result.secondProduct].filter((outcome): outcome is SpokenProductOutcome => outcome !== undefined);
  const said = (foundBy: FoundBy) => outcomes.filter((outcome) => outcome.foundBy === foundBy).map((outcome) => outcome.said);
  return { bySpeech: said('speech'), byDeskSearch: said('desk search'), notFound: said('not found') };
}

export function emptyResult(): DemoCallResult {
  return { ok: false, missing: [], paymentSettledOnDesk: false, shipmentReadyOnDesk: false, callEndedOnDesk: false };
}

/** Marks the result whole when nothing is missing and the money adds up. */
/** Share of a line's frames that must reach the caller with sound in them (the start of a line may be lost while the bridge settles). */
const LINE_HEARD_SHARE = 0.5;

/** The agent's headset connected and the caller heard most of every line the agent said. */
function agentHeard(result: DemoCallResult): boolean {
  const voice = result.agentVoice;
  return voice !== undefined && voice.connected && voice.lines.length > 0 && voice.lines.every((line) => line.framesHeardByCaller >= line.framesSent * LINE_HEARD_SHARE);
}

export function concludeResult(result: DemoCallResult): DemoCallResult {
  const missing = [...result.missing];
  const need = (done: boolean, what: string) => {
    if (!done && !missing.includes(what)) missing.push(what);
  };
  need(result.callId !== undefined, 'the call');
  need(result.callerStatus === 'returning', 'a returning caller identified');
  need(result.firstProduct !== undefined && result.firstProduct.foundBy !== 'not found', 'the first product in the cart');
  need(result.keypad?.productId !== undefined, 'the item number keyed in and matched');
  need(result.order !== undefined, 'the order placed');
  need(result.payment?.method === 'wallet', 'the wallet payment');
  need(result.paymentSettledOnDesk, 'payment.settled on the desk');
  need(result.shipmentReadyOnDesk, 'shipment.ready on the desk');
  need(result.callEndedOnDesk, 'call.ended on the desk');
  need(agentHeard(result), "the agent's voice heard by the caller");
  if (result.balanceBefore && result.balanceAfter && result.order) {
    need(result.balanceBefore.amountMinor - result.order.total.amountMinor === result.balanceAfter.amountMinor, 'the wallet balance reduced by the order total');
  }
  return { ...result, missing, ok: missing.length === 0, recognition: recognitionOf(result) };
}
