import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { LEFTOVER_AGE_MS, runNameCreatedAt, uniqueRunName } from './unique-name';

export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export interface TestNats {
  /** Use as `NATS_PREFIX`: subjects and streams of this run are invisible to every other run. */
  readonly prefix: string;
  readonly url: string;
  /** Deletes this run's JetStream streams. */
  cleanup(): Promise<void>;
}

async function deleteStreams(url: string, shouldDelete: (name: string) => boolean): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const info of jsm.streams.list()) {
      if (shouldDelete(info.config.name)) await jsm.streams.delete(info.config.name).catch(() => undefined);
    }
  } finally {
    await nc.close();
  }
}

/** A NATS subject prefix of its own for one test suite, on the machine's NATS server. */
export async function createTestNats(url = TEST_NATS_URL): Promise<TestNats> {
  const prefix = uniqueRunName();
  await deleteStreams(url, (name) => {
    const createdAt = runNameCreatedAt(name);
    return createdAt !== undefined && Date.now() - createdAt.getTime() > LEFTOVER_AGE_MS;
  });
  return { prefix, url, cleanup: () => deleteStreams(url, (name) => name.startsWith(`${prefix}_`)) };
}
