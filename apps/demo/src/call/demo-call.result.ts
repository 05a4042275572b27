import type { Money } from '@callcart/contracts';

/** How the agent found a product the caller named: the candidates from speech, or the desk's search box. */
export type FoundBy = 'speech' | 'desk search' | 'not found';

export interface SpokenProductOutcome {
  readonly said: string;
  /** The recogniser's final transcripts of the sentence. */
  readonly heard: readonly string[];
  /** How many spoken-mention candidate lists reached the desk for the sentence. */
  readonly matchesFrames: number;
  readonly foundBy: FoundBy;
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
}

export function emptyResult(): DemoCallResult {
  return { ok: false, missing: [], paymentSettledOnDesk: false, shipmentReadyOnDesk: false, callEndedOnDesk: false };
}

/** Marks the result whole when nothing is missing and the money adds up. */
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
  if (result.balanceBefore && result.balanceAfter && result.order) {
    need(result.balanceBefore.amountMinor - result.order.total.amountMinor === result.balanceAfter.amountMinor, 'the wallet balance reduced by the order total');
  }
  return { ...result, missing, ok: missing.length === 0 };
}
