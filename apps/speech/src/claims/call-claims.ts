import { Logger } from '@nestjs/common';
import type { KeyValueBucket, Listening } from '@callcart/messaging';

/** What a claim key holds: who recognises the call, renewed every third of the claim TTL. */
export interface CallClaim {
  readonly callId: string;
  readonly workerId: string;
  readonly state: 'held' | 'released';
  readonly renewedAt: string;
}

export interface CallClaimsEvents {
  /** This worker now holds the call (after a takeover; `claim()` callers know their own). */
  onTakeover(callId: string, revision: number): void;
  /** Another worker holds the call now (this one was too slow to renew): stop recognising it. */
  onLost(callId: string): void;
  /** Another worker's claim on a call was seen (its audio need not be kept here). */
  onHeldElsewhere?(callId: string): void;
}

/**
 * Which speech worker recognises which call. Claims are keys in a JetStream key-value bucket
 * written with compare-and-set: the first `create` wins a new call; the holder renews every
 * third of the TTL at its last revision. Every worker watches the bucket; a held claim not
 * renewed for the TTL belongs to a dead worker, and whoever first updates it at its last
 * revision takes the call over (decision 0041).
 */
export class CallClaims {
  private readonly logger = new Logger(CallClaims.name);
  private readonly held = new Map<string, number>();
  private readonly seen = new Map<string, { claim: CallClaim; at: number }>();
  private readonly taking = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private watching: Listening | undefined;

  constructor(
    private readonly bucket: KeyValueBucket<CallClaim>,
    readonly workerId: string,
    private readonly ttlMs: number,
    private readonly events: CallClaimsEvents,
  ) {}

  async start(): Promise<void> {
    this.watching = await this.bucket.watch((callId, claim) => {
      if (claim.state === 'released') this.seen.delete(callId);
      else {
        this.seen.set(callId, { claim, at: Date.now() });
        if (claim.workerId !== this.workerId) this.events.onHeldElsewhere?.(callId);
      }
    });
    this.timers = [
      setInterval(() => void this.renewAll(), Math.max(50, Math.floor(this.ttlMs / 3))),
      setInterval(() => void this.takeOverStale(), Math.max(50, Math.floor(this.ttlMs / 4))),
    ];
  }

  /** Claims a new call: the claim's revision when this worker won it, undefined when another worker did. */
  async claim(callId: string): Promise<number | undefined> {
    const revision = await this.bucket.create(callId, this.value(callId, 'held'));
    if (revision !== undefined) this.held.set(callId, revision);
    return revision;
  }

  holds(callId: string): boolean {
    return this.held.has(callId);
  }

  /** The call ended: mark it released (nobody takes it over) and forget it. */
  async release(callId: string): Promise<void> {
    const revision = this.held.get(callId);
    this.held.delete(callId);
    this.seen.delete(callId);
    if (revision !== undefined) await this.bucket.update(callId, this.value(callId, 'released'), revision);
  }

  /** Stops renewing and watching without releasing (other workers take the calls over). */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.watching?.stop().catch(() => undefined);
  }

  /** Another worker's call, seen as ended (call ended message): no takeover for it. */
  forget(callId: string): void {
    this.seen.delete(callId);
  }

  private value(callId: string, state: CallClaim['state']): CallClaim {
    return { callId, workerId: this.workerId, state, renewedAt: new Date().toISOString() };
  }

  private async renewAll(): Promise<void> {
    await Promise.all(
      [...this.held.entries()].map(async ([callId, revision]) => {
        try {
          const next = await this.bucket.update(callId, this.value(callId, 'held'), revision);
          if (!this.held.has(callId)) return;
          if (next === undefined) {
            this.held.delete(callId);
            this.logger.warn({ msg: 'claim lost to another worker', callId });
            this.events.onLost(callId);
          } else this.held.set(callId, next);
        } catch (error) {
          this.logger.warn({ msg: 'claim renewal failed', callId, err: error });
        }
      }),
    );
  }

  private async takeOverStale(): Promise<void> {
    const now = Date.now();
    for (const [callId, { claim, at }] of this.seen) {
      if (claim.workerId === this.workerId || this.held.has(callId) || this.taking.has(callId) || now - at <= this.ttlMs) continue;
      this.taking.add(callId);
      void this.takeOver(callId).finally(() => this.taking.delete(callId));
    }
  }

  private async takeOver(callId: string): Promise<void> {
    try {
      const current = await this.bucket.get(callId);
      if (current?.value.state === 'released') return void this.seen.delete(callId);
      const revision = current
        ? await this.bucket.update(callId, this.value(callId, 'held'), current.revision)
        : await this.bucket.create(callId, this.value(callId, 'held'));
      if (revision === undefined) return;
      this.held.set(callId, revision);
      this.logger.log({ msg: 'call taken over from a silent worker', callId, from: current?.value.workerId });
      this.events.onTakeover(callId, revision);
    } catch (error) {
      this.logger.warn({ msg: 'takeover attempt failed', callId, err: error });
    }
  }
}
