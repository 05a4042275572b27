import { header, headerParam, type SipRequest } from './sip-message';
import type { SipFlow } from './sip-transport';

/** RFC 3261 timer values: T1 (round-trip estimate), T2 (longest retransmit interval); 64·T1 is a transaction's life. */
export const T1_MS = 500;
export const T2_MS = 4000;
export const TRANSACTION_LIFE_MS = 64 * T1_MS;

/** Server transactions kept at once; beyond it the oldest are forgotten (a flood must not grow memory). */
const MAX_TRANSACTIONS = 20_000;

/**
 * Sends `send` now and again at T1, 2·T1, … capped at T2 (timers A/E/G) until `stop` is called or
 * 64·T1 have passed (timers B/F/H), then calls `expired`. UDP only: over TCP the transport is reliable.
 */
export function retransmitUntilStopped(send: () => void, flow: SipFlow, expired: () => void = () => undefined): () => void {
  send();
  if (flow.transport !== 'udp') return () => undefined;
  const startedAt = Date.now();
  let interval = T1_MS;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      if (Date.now() - startedAt >= TRANSACTION_LIFE_MS) return expired();
      send();
      interval = Math.min(interval * 2, T2_MS);
      schedule();
    }, interval);
    timer.unref();
  };
  schedule();
  return () => clearTimeout(timer);
}

interface ServerTransaction {
  lastResponse?: Buffer;
  flow: SipFlow;
  expiresAt: number;
  stopRetransmitting?: () => void;
}

/** What the transaction layer made of a request. */
export type TransactionMatch = 'new' | 'retransmission' | 'ack-absorbed' | 'ack-for-dialog';

/**
 * UAS server transactions (RFC 3261 §17.2), keyed by the top Via's branch and method: a
 * retransmitted request gets the last response again and goes no further (so a retransmitted
 * INVITE never starts a second call); a non-2xx final answer to an INVITE is retransmitted
 * (timer G) until its ACK (timer H bounds it); every transaction is remembered for 64·T1 after its
 * final answer (timers I and J), long enough to absorb any retransmission.
 */
export class ServerTransactions {
  private readonly table = new Map<string, ServerTransaction>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(Date.now()), 1000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.table.size;
  }

  /** Matches a request against open transactions; answers retransmissions itself. */
  receive(request: SipRequest, flow: SipFlow): TransactionMatch {
    const key = transactionKey(request, request.method === 'ACK' ? 'INVITE' : request.method);
    const known = this.table.get(key);
    if (request.method === 'ACK') {
      if (!known) return 'ack-for-dialog';
      known.stopRetransmitting?.();
      known.stopRetransmitting = undefined;
      // An ACK to a 2xx has its own branch (so no match); one that matches acknowledged a non-2xx.
      return 'ack-absorbed';
    }
    if (known) {
      if (known.lastResponse) flow.send(known.lastResponse);
      return 'retransmission';
    }
    if (this.table.size >= MAX_TRANSACTIONS) this.table.delete(this.table.keys().next().value!);
    this.table.set(key, { flow, expiresAt: Date.now() + TRANSACTION_LIFE_MS * 2 });
    return 'new';
  }

  /**
   * Sends a response within the request's transaction and remembers it for retransmissions
   * (`send` false: only remember it, for a 2xx to an INVITE that the dialog sends and retransmits).
   */
  respond(request: SipRequest, status: number, bytes: Buffer, send = true): void {
    const transaction = this.table.get(transactionKey(request, request.method));
    if (!transaction) return; // forgotten under a flood: nothing sensible to answer on
    transaction.lastResponse = bytes;
    if (status < 200) {
      transaction.flow.send(bytes);
      return;
    }
    transaction.expiresAt = Date.now() + TRANSACTION_LIFE_MS;
    transaction.stopRetransmitting?.();
    if (!send) return;
    if (request.method === 'INVITE' && status >= 300) {
      transaction.stopRetransmitting = retransmitUntilStopped(() => transaction.flow.send(bytes), transaction.flow);
    } else {
      transaction.flow.send(bytes);
    }
  }

  /** The INVITE transaction a CANCEL names (same branch), if we still know it. */
  hasInvite(cancel: SipRequest): boolean {
    return this.table.has(transactionKey(cancel, 'INVITE'));
  }

  private sweep(now: number): void {
    for (const [key, transaction] of this.table) {
      if (transaction.expiresAt <= now) {
        transaction.stopRetransmitting?.();
        this.table.delete(key);
      }
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const transaction of this.table.values()) transaction.stopRetransmitting?.();
    this.table.clear();
  }
}

/**
 * RFC 3261 §17.2.3: the branch (with the magic cookie) and sent-by identify a transaction; for an
 * RFC 2543 peer without the cookie, the Call-ID, CSeq number, From tag and top Via do.
 */
export function transactionKey(request: SipRequest, method: string): string {
  const via = request.via[0];
  const branch = headerParam(via, 'branch') ?? '';
  const sentBy = via.replace(/;.*$/, '').split(/\s+/).pop() ?? '';
  if (branch.startsWith('z9hG4bK')) return `${branch}|${sentBy}|${method}`;
  const fromTag = headerParam(header(request, 'from') ?? '', 'tag') ?? '';
  return `${request.callId}|${request.cseq.number}|${fromTag}|${via}|${method}`;
}
