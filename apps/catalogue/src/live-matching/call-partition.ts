import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { KeyValueBucket, Listening } from '@callcart/messaging';

/** What a catalogue replica says about itself in the membership bucket, every heartbeat. */
export interface ReplicaHeartbeat {
  readonly replicaId: string;
  /** `joining`: still learning who else is there, owns nothing yet; `leaving`: hands its calls back. */
  readonly state: 'joining' | 'active' | 'leaving';
  readonly at: string;
}

export interface CallPartitionOptions {
  /** How often this replica says it is alive. */
  readonly heartbeatMs: number;
  /** A replica not heard from for this many heartbeats is taken as gone (crashed). */
  readonly missedHeartbeats?: number;
}

/**
 * Which catalogue replica matches which call (decision 0013). Every replica hears every
 * transcript; each handles only the calls it owns, so the state of a call (the lists already
 * published for its utterances) lives in one place and its transcripts are matched in order.
 *
 * Ownership is rendezvous hashing of the call id over the active replicas: each replica
 * computes the same owner from the same membership, and a replica joining or leaving moves only
 * the calls it gains or loses. Membership is a key-value bucket of heartbeats: a new replica
 * listens for one heartbeat period as `joining` before it takes any call, one that stops says
 * `leaving` so the others take its calls at once, and one that crashes is dropped after
 * `missedHeartbeats` silent periods (its calls' transcripts in between are not matched).
 */
export class CallPartition {
  private readonly logger = new Logger(CallPartition.name);
  private readonly members = new Map<string, { state: ReplicaHeartbeat['state']; seenAt: number }>();
  private state: ReplicaHeartbeat['state'] = 'joining';
  private timer: NodeJS.Timeout | undefined;
  private watching: Listening | undefined;

  constructor(
    private readonly bucket: KeyValueBucket<ReplicaHeartbeat>,
    readonly replicaId: string,
    private readonly options: CallPartitionOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Joins: resolves once this replica has heard the others for a heartbeat period and owns its share. */
  async start(): Promise<void> {
    this.watching = await this.bucket.watch((_key, heartbeat) => this.heard(heartbeat));
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs);
    // Every active replica beats within one period: after it, this one knows them all.
    await new Promise((resolve) => setTimeout(resolve, this.options.heartbeatMs + 50));
    this.state = 'active';
    await this.beat();
    this.logger.log({ msg: 'live matching partition joined', replicaId: this.replicaId, replicas: this.activeReplicas() });
  }

  /**
   * Whether this replica matches the call's transcripts now. A leaving replica goes on matching
   * its calls until its subscription ends, so the hand-over duplicates a list rather than loses one.
   */
  owns(callId: string): boolean {
    return this.state !== 'joining' && ownerOf(callId, this.activeReplicas()) === this.replicaId;
  }

  /** The replicas that share the calls now, this one included once it is active. */
  activeReplicas(): string[] {
    const oldest = this.now() - this.options.heartbeatMs * (this.options.missedHeartbeats ?? 3);
    const others = [...this.members].filter(([id, member]) => id !== this.replicaId && member.state === 'active' && member.seenAt >= oldest);
    return [...others.map(([id]) => id), ...(this.state === 'joining' ? [] : [this.replicaId])].sort();
  }

  /** Leaves: the others take this replica's calls as soon as they hear it. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.state = 'leaving';
    await this.beat();
    await this.watching?.stop();
  }

  private heard(heartbeat: ReplicaHeartbeat): void {
    if (typeof heartbeat?.replicaId !== 'string') return;
    const before = this.members.get(heartbeat.replicaId)?.state;
    this.members.set(heartbeat.replicaId, { state: heartbeat.state, seenAt: this.now() });
    if (before !== heartbeat.state && heartbeat.replicaId !== this.replicaId) {
      this.logger.log({ msg: 'live matching replica changed', replicaId: heartbeat.replicaId, state: heartbeat.state });
    }
  }

  private async beat(): Promise<void> {
    try {
      await this.bucket.put(this.replicaId.replace(/[^A-Za-z0-9_-]/g, '_'), { replicaId: this.replicaId, state: this.state, at: new Date(this.now()).toISOString() });
    } catch (error) {
      this.logger.warn({ msg: 'live matching heartbeat not written', replicaId: this.replicaId, err: error });
    }
  }
}

/** Rendezvous hashing: the replica with the highest hash of (replica, call) owns the call. */
export function ownerOf(callId: string, replicas: readonly string[]): string | undefined {
  let best: { replica: string; score: bigint } | undefined;
  for (const replica of replicas) {
    const score = createHash('sha256').update(`${replica}\n${callId}`).digest().readBigUInt64BE(0);
    if (!best || score > best.score || (score === best.score && replica < best.replica)) best = { replica, score };
  }
  return best?.replica;
}
