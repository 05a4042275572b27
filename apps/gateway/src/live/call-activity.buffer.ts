import { Injectable } from '@nestjs/common';
import type { Cart, CallerIdentifiedV1, FinalTranscriptV1, InterimTranscriptV1, MatchesFoundV1 } from '@callcart/contracts';

/** The most recent events of one call, as the agent's screen needs them when it (re)opens. */
export interface CallActivity {
  /** The agent holding the call, as this replica last learned it; undefined when not known yet. */
  agentId?: string | null;
  /** The registered customer on the line (returning, or registered during the call). */
  customerId?: string;
  caller?: CallerIdentifiedV1;
  /** The agent `caller` was last pushed to: a caller identified before the call was routed is pushed at assignment. */
  callerSentTo?: string;
  finals: FinalTranscriptV1[];
  interim?: InterimTranscriptV1;
  matches: MatchesFoundV1[];
  keypad: string;
  cart?: Cart;
  ended: boolean;
}

const MAX_CALLS = 2000;
const MAX_FINALS = 100;
const MAX_MATCHES = 20;
const MAX_KEYPAD = 64;

/**
 * A bounded in-memory record of recent calls (each replica sees every call's events), so the
 * call state route answers without asking three services. The oldest call is forgotten first;
 * what is forgotten is re-read from its owner (the cart) or simply missing (old transcript).
 */
@Injectable()
export class CallActivityBuffer {
  private readonly calls = new Map<string, CallActivity>();

  get(callId: string): CallActivity | undefined {
    return this.calls.get(callId);
  }

  /** The call's record, created empty when new. */
  of(callId: string): CallActivity {
    let activity = this.calls.get(callId);
    if (!activity) {
      activity = { finals: [], matches: [], keypad: '', ended: false };
      this.calls.set(callId, activity);
      if (this.calls.size > MAX_CALLS) this.calls.delete(this.calls.keys().next().value!);
    }
    return activity;
  }

  addTranscript(update: InterimTranscriptV1 | FinalTranscriptV1): void {
    const activity = this.of(update.callId);
    if (update.kind === 'interim') {
      activity.interim = update;
      return;
    }
    if (activity.interim?.utteranceId === update.utteranceId) activity.interim = undefined;
    activity.finals = [...activity.finals.filter((final) => final.utteranceId !== update.utteranceId), update].slice(-MAX_FINALS);
  }

  addMatches(found: MatchesFoundV1): void {
    const activity = this.of(found.callId);
    activity.matches = [...activity.matches, found].slice(-MAX_MATCHES);
  }

  addDigit(callId: string, digit: string): void {
    const activity = this.of(callId);
    activity.keypad = (activity.keypad + digit).slice(-MAX_KEYPAD);
  }

  /** The calls (known here, not ended) with this customer on the line. */
  callsWithCustomer(customerId: string): [string, CallActivity][] {
    return [...this.calls].filter(([, activity]) => activity.customerId === customerId && !activity.ended);
  }
}
