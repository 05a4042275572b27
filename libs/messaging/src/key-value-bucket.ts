import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Listening } from './message-bus';
import type { SubjectNamer } from './subjects';

/** A key's value and its revision (the stream sequence that stored it). */
export interface KeyValueEntry<T> {
  readonly key: string;
  readonly value: T;
  readonly revision: number;
}

export interface KeyValueOptions {
  /** A key not written again within this time disappears (the stream's max age). */
  readonly ttlMs: number;
}

const KEY = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * A small JetStream key-value bucket with compare-and-set, for leases such as speech call
 * claims: one message per key (a stream with one message per subject and a max age),
 * `create` succeeds only for an absent key and `update` only at the expected revision, so
 * exactly one of several racing writers wins. Works on nats-server 2.9 (no per-message TTL:
 * the whole bucket has one TTL). Prefix-aware like every stream and subject here; values are
 * JSON. `watch` sees every write live, on core NATS.
 *
 * The stream is stored on file, so the leases survive a NATS server restart (a memory stream
 * vanished with the server and every later claim failed until the process restarted); should the
 * stream still go missing (deleted by hand), the next operation creates it again.
 */
export class KeyValueBucket<T> {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly namer: SubjectNamer,
    readonly bucket: string,
    private readonly options: KeyValueOptions,
  ) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(bucket)) throw new Error(`bucket name "${bucket}" must be 1-32 letters, digits, "-" or "_"`);
  }

  private get stream(): string {
    return this.namer.streamName({ name: `KV_${this.bucket.toUpperCase()}`, subjects: [], maxAgeHours: 0, duplicateWindowSeconds: 0 });
  }

  private subject(key: string): string {
    if (!KEY.test(key)) throw new Error(`key "${key}" must be 1-128 letters, digits, "-" or "_"`);
    return this.namer.streamSubjects({ name: '', subjects: [`kv.${this.bucket}.${key}`], maxAgeHours: 0, duplicateWindowSeconds: 0 })[0];
  }

  /** Creates the bucket's stream if missing (idempotent, race-safe); the other methods call it. */
  ensure(): Promise<void> {
    this.ready ??= (async () => {
      const config = {
        name: this.stream,
        subjects: [this.subject('x').replace(/\.x$/, '.>')],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        discard: DiscardPolicy.Old,
        max_msgs_per_subject: 1,
        max_age: nanos(this.options.ttlMs),
        duplicate_window: nanos(Math.min(this.options.ttlMs, 120_000)),
      };
      await this.jsm.streams.add(config).catch(async (error: unknown) => {
        if (!(error instanceof JetStreamApiError)) throw error;
        await this.jsm.streams.update(config.name, config).catch(async (updateError: unknown) => {
          // A bucket made by an older version in memory cannot be moved to file in place; its
          // leases last seconds, so it is replaced (holders re-claim on their next renewal).
          if (!(updateError instanceof JetStreamApiError) || !/storage/i.test(updateError.message)) throw updateError;
          await this.jsm.streams.delete(config.name);
          await this.jsm.streams.add(config);
        });
      });
    })();
    this.ready.catch(() => (this.ready = undefined)); // a failed creation is tried again next time
    return this.ready;
  }

  /** Runs `operation` on the stream; if the stream has gone missing, creates it again and retries once. */
  private async onStream<R>(operation: () => Promise<R>): Promise<R> {
    await this.ensure();
    try {
      return await operation();
    } catch (error) {
      if (!streamMissing(error)) throw error;
      this.ready = undefined;
      await this.ensure();
      return operation();
    }
  }

  /** Writes `value` only if `key` has no value; returns the new revision, or undefined if it had one. */
  create(key: string, value: T): Promise<number | undefined> {
    return this.write(key, value, 0);
  }

  /** Writes `value` only if `key` is still at `revision`; returns the new revision, or undefined. */
  update(key: string, value: T, revision: number): Promise<number | undefined> {
    return this.write(key, value, revision);
  }

  /** Writes `value` whatever the key holds (a heartbeat, where the last writer is the only writer); returns the new revision. */
  async put(key: string, value: T): Promise<number> {
    return this.onStream(async () => (await this.js.publish(this.subject(key), JSON.stringify(value))).seq);
  }

  private async write(key: string, value: T, lastRevision: number): Promise<number | undefined> {
    return this.onStream(async () => {
      try {
        const ack = await this.js.publish(this.subject(key), JSON.stringify(value), { expect: { lastSubjectSequence: lastRevision } });
        return ack.seq;
      } catch (error) {
        if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence) return undefined;
        throw error;
      }
    });
  }

  /** The key's current entry, or undefined when it has none (never written, expired or deleted). */
  async get(key: string): Promise<KeyValueEntry<T> | undefined> {
    return this.onStream(async () => {
      try {
        const message = await this.jsm.streams.getMessage(this.stream, { last_by_subj: this.subject(key) });
        if (!message) return undefined;
        return { key, value: message.json<T>(), revision: message.seq };
      } catch (error) {
        if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound) return undefined;
        throw error;
      }
    });
  }

  /** Removes the key's value: the next `create` for it succeeds. */
  async delete(key: string): Promise<void> {
    await this.onStream(() => this.jsm.streams.purge(this.stream, { filter: this.subject(key) }));
  }

  /** Calls `onWrite` for every write from now on (live, core NATS); resolves once subscribed. */
  async watch(onWrite: (key: string, value: T) => void): Promise<Listening> {
    await this.ensure();
    const base = this.subject('x').replace(/x$/, '');
    const sub = this.nc.subscribe(`${base}>`, {
      callback: (error, msg) => {
        if (error) return;
        try {
          onWrite(msg.subject.slice(base.length), msg.json<T>());
        } catch {
          // A value that is not JSON was not written by this class: ignore it.
        }
      },
    });
    await this.nc.flush();
    return { stop: async () => sub.unsubscribe() };
  }
}

/** The stream is not there: the server says so, or (for a publish) nobody stores the subject. */
function streamMissing(error: unknown): boolean {
  if (error instanceof JetStreamApiError) return error.code === JetStreamApiCodes.StreamNotFound;
  const { name, cause } = error as { name?: string; cause?: { name?: string } };
  return name === 'NoRespondersError' || cause?.name === 'NoRespondersError' || /no responders/i.test((error as Error).message ?? '');
}
