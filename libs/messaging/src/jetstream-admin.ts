import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { StreamDefinition } from '@callcart/contracts';
import type { SubjectNamer } from './subjects';

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/**
 * Creates each stream if missing and brings its subjects and limits up to date otherwise.
 * Safe to run from every replica of every service at once: a lost creation race is an update.
 */
export async function ensureStreams(
  jsm: JetStreamManager,
  namer: SubjectNamer,
  streams: readonly StreamDefinition[],
): Promise<void> {
  for (const stream of streams) {
    const config = {
      name: namer.streamName(stream),
      subjects: namer.streamSubjects(stream),
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(stream.maxAgeHours * 3600 * 1000),
      duplicate_window: nanos(stream.duplicateWindowSeconds * 1000),
    };
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
      try {
        await jsm.streams.add(config);
      } catch (raceError) {
        // Another replica created it between our look-up and our add: bring it up to date.
        await jsm.streams.update(config.name, config).catch(() => {
          throw raceError;
        });
      }
    }
  }
}

export interface DurableConsumerSpec {
  readonly stream: string;
  readonly durable: string;
  readonly filterSubject: string;
  /** `all`: a new consumer starts with the stream's first message; `new`: with the next one. */
  readonly deliver: 'all' | 'new';
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
}

/** Creates a durable pull consumer, or updates the settings an existing one may change. */
export async function ensureDurableConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<void> {
  const updatable = {
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    filter_subject: spec.filterSubject,
  };
  try {
    await jsm.consumers.info(spec.stream, spec.durable);
    await jsm.consumers.update(spec.stream, spec.durable, updatable);
    return;
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
  }
  await jsm.consumers.add(spec.stream, {
    ...updatable,
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: spec.deliver === 'all' ? DeliverPolicy.All : DeliverPolicy.New,
  });
}
