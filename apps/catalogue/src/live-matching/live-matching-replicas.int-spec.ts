import { join } from 'node:path';
import { matchesFoundV1, transcriptUpdatedV1, type MatchesFoundV1, type TranscriptUpdatedV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import {
  createTestDatabase,
  createTestNats,
  eventually,
  startServiceApp,
  testServiceEnv,
  type RunningServiceApp,
  type TestDatabase,
  type TestNats,
} from '@callcart/testing';
import { AppModule } from '../app.module';
import { loadCatalogueConfig } from '../catalogue.config';
import { CatalogueIndex } from '../indexing/catalogue-index';
import { runAnnouncedImport } from '../products/import/announced-import';
import { ProductImport } from '../products/import/product-import.service';
import { LiveMatchingHandler } from './live-matching.handler';

const fixture = (name: string) => join(__dirname, '..', 'products', 'import', 'test-fixtures', name);
const CALLS = Array.from({ length: 8 }, (_, i) => `CAreplica${i}a7f3`);

/** One utterance's transcripts for a call, as a speech worker publishes them: interims, then the final. */
function utterance(callId: string, utteranceId: string, texts: string[], firstSequence: number): TranscriptUpdatedV1[] {
  const common = { callId, utteranceId, startMs: 1000, workerId: 'speech-1', language: 'en' as const };
  return texts.map((text, i): TranscriptUpdatedV1 =>
    i < texts.length - 1
      ? { ...common, kind: 'interim', text, stability: 0.9, sequence: firstSequence + i }
      : { ...common, kind: 'final', text, alternatives: [{ text, confidence: 0.9 }], endMs: 2600, sequence: firstSequence + i },
  );
}

/** Round-robin over the calls, so every replica has work for several calls at once. */
function interleave(perCall: TranscriptUpdatedV1[][]): TranscriptUpdatedV1[] {
  const longest = Math.max(...perCall.map((list) => list.length));
  return Array.from({ length: longest }, (_, i) => perCall.flatMap((list) => (i < list.length ? [list[i]] : []))).flat();
}

describe('live matching with two catalogue replicas (decision 0013)', () => {
  let nats: TestNats;
  let database: TestDatabase;
  const replicas: RunningServiceApp[] = [];
  let bus: MessageBus;
  const found: MatchesFoundV1[] = [];
  const of = (callId: string, utteranceId?: string) => found.filter((match) => match.callId === callId && (!utteranceId || match.utteranceId === utteranceId));
  const owners = (callId: string) => replicas.filter((replica) => replica.app.get(LiveMatchingHandler).ownsCall(callId));

  beforeAll(async () => {
    nats = await createTestNats();
    database = await createTestDatabase();
    const env = testServiceEnv({
      natsUrl: nats.url,
      natsPrefix: nats.prefix,
      databaseUrl: database.url,
      extra: { STABLE_INTERIM_MIN: '0.8', LIVE_MATCHING_HEARTBEAT_MS: '200' },
    });
    replicas.push(await startServiceApp(AppModule.register(loadCatalogueConfig(env))));
    bus = replicas[0].app.get(MessageBus);
    await runAnnouncedImport(replicas[0].app.get(ProductImport), bus, fixture('demo-catalogue.jsonl'), { currency: 'USD' });
    replicas.push(await startServiceApp(AppModule.register(loadCatalogueConfig(env))));
    for (const replica of replicas) await replica.app.get(CatalogueIndex).catchUp();
    await bus.subscribe(matchesFoundV1, (match) => void found.push(match));
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await database?.drop();
    await nats?.cleanup();
  });

  it('gives every call to exactly one replica, and each replica some of them', async () => {
    await eventually(() => CALLS.every((callId) => owners(callId).length === 1), 'one owner per call');
    const shares = replicas.map((replica) => CALLS.filter((callId) => replica.app.get(LiveMatchingHandler).ownsCall(callId)).length);
    expect(shares.every((share) => share > 0)).toBe(true);
  });

  it('publishes one candidate list per utterance, in the order of the transcripts, with their sequence', async () => {
    // u-1: four stable partials and a final with the same candidates: one list. u-2: the
    // candidates change with the final: a second list, after the first.
    const perCall = CALLS.map((callId) => [
      ...utterance(callId, 'u-1', ['seagate barracuda', 'seagate barracuda', 'seagate barracuda', 'seagate barracuda', 'seagate barracuda'], 0),
      ...utterance(callId, 'u-2', ['pringles original', 'pringles original and a seagate barracuda'], 5),
      ...utterance(callId, 'u-3', ['nescafe gold'], 7),
    ]);
    for (const transcript of interleave(perCall)) await bus.publish(transcriptUpdatedV1, transcript);
    // u-3 is matched after everything else of its call by the call's one owner.
    await eventually(() => CALLS.every((callId) => of(callId, 'u-3').length > 0), 'the last utterance of every call', 15_000);

    for (const callId of CALLS) {
      expect(of(callId, 'u-1')).toHaveLength(1);
      expect(of(callId, 'u-1')[0]).toMatchObject({ sequence: 0, hits: [expect.objectContaining({ productId: 'sg-200' })] });
      const sequences = of(callId).map((match) => match.sequence ?? -1);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(of(callId, 'u-2').some((match) => match.sequence === 6)).toBe(true);
      expect(of(callId, 'u-3')).toHaveLength(1);
    }
  });

  it('hands a leaving replica\'s calls to the one that stays', async () => {
    const leaving = replicas.pop()!;
    const itsCalls = CALLS.filter((callId) => leaving.app.get(LiveMatchingHandler).ownsCall(callId));
    expect(itsCalls.length).toBeGreaterThan(0);
    await leaving.close();
    await eventually(() => CALLS.every((callId) => owners(callId).length === 1), 'the staying replica owns every call');
    for (const callId of itsCalls) await bus.publish(transcriptUpdatedV1, utterance(callId, 'u-9', ['nivea creme'], 20)[0]);
    await eventually(() => itsCalls.every((callId) => of(callId, 'u-9').length === 1), 'lists for the handed-over calls');
  });
});
