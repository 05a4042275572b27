import { ALL_STREAMS, fixtures, productChangedV1, vocabularyGetV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestNats, eventually, type TestNats } from '@callcart/testing';
import type { Recogniser, Vocabulary } from '../recognition/recogniser';
import { CatalogueVocabularySource } from './catalogue-vocabulary.source';

/** Records the vocabularies it is given; the recogniser itself is not what is tested here. */
function recordingRecogniser(): Recogniser & { applied: Vocabulary[] } {
  const applied: Vocabulary[] = [];
  return {
    applied,
    async updateVocabulary(vocabulary: Vocabulary) {
      applied.push(vocabulary);
    },
    currentVocabularyVersion: () => applied.at(-1)?.version,
  } as unknown as Recogniser & { applied: Vocabulary[] };
}

describe('the catalogue vocabulary for recognisers', () => {
  let nats: TestNats;
  let catalogue: MessageBus;
  let speech: MessageBus;
  let version = 1;
  const requests: unknown[] = [];

  beforeAll(async () => {
    nats = await createTestNats();
    catalogue = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'catalogue', streams: ALL_STREAMS });
    speech = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'speech', streams: ALL_STREAMS });
    await catalogue.reply(vocabularyGetV1, async (request) => {
      requests.push(request);
      return {
        ok: true,
        version: `v${version}`,
        phrases: version === 1 ? ['nivea creme'] : ['nivea creme', 'pringles original'],
        generatedAt: new Date().toISOString(),
      };
    });
  });

  afterAll(async () => {
    await speech.close();
    await catalogue.close();
    await nats.cleanup();
  });

  it('is fetched at start and refreshed once after a burst of product changes has settled', async () => {
    const recogniser = recordingRecogniser();
    const source = new CatalogueVocabularySource(speech, recogniser, 'en', 300, 5000);
    await source.start();
    try {
      await eventually(() => recogniser.applied.length === 1, 'the first vocabulary');
      expect(recogniser.applied[0]).toEqual({ version: 'v1', language: 'en', phrases: ['nivea creme'] });
      expect(requests[0]).toEqual({ language: 'en', limit: 20_000 });
      version = 2;
      for (let i = 0; i < 20; i += 1) await catalogue.publish(productChangedV1, fixtures.productChanged.payload);
      await eventually(() => recogniser.applied.length === 2, 'the refreshed vocabulary');
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(recogniser.applied.map((vocabulary) => vocabulary.version)).toEqual(['v1', 'v2']);
      expect(recogniser.applied[1].phrases).toContain('pringles original');
    } finally {
      await source.stop();
    }
  });
});
