import type { Recognition, Recogniser, RecognitionListener, Vocabulary } from './recogniser';
import { toFrames } from './telephone-speech';

/** What a recogniser under the contract suite needs from its test file. */
export interface RecogniserUnderContract {
  /** A fresh recogniser with `vocabulary` applied. */
  create(vocabulary: Vocabulary): Promise<Recogniser>;
  /** Telephone audio of one utterance (8 kHz µ-law) with silence after it, and words its transcript must contain. */
  utterance(): Promise<{ audio: Uint8Array; expectedWords: readonly string[] }>;
}

/** Collects a session's results. */
export class RecognitionRecorder implements RecognitionListener {
  readonly results: Recognition[] = [];
  readonly errors: Error[] = [];
  onRecognition(recognition: Recognition): void {
    this.results.push(recognition);
  }
  onError(error: Error): void {
    this.errors.push(error);
  }
  finals() {
    return this.results.filter((result) => result.kind === 'final');
  }
  transcript(): string {
    return this.finals()
      .map((final) => final.text)
      .join(' ');
  }
}

async function feed(session: { write(frame: Uint8Array): void }, audio: Uint8Array): Promise<void> {
  for (const [index, frame] of toFrames(audio).entries()) {
    session.write(frame);
    // Let the event loop breathe now and then, as a real stream does.
    if (index % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The behaviour every recogniser implementation has, whatever its engine: the service depends
 * on exactly this. Run from each implementation's spec with its own set-up.
 */
export function describeRecogniserContract(name: string, subject: RecogniserUnderContract): void {
  describe(`recogniser contract: ${name}`, () => {
    const vocabulary: Vocabulary = { version: 'v1', language: 'en', phrases: ['go forward ten meters', 'nivea hand cream'] };
    let recogniser: Recogniser;

    beforeAll(async () => {
      recogniser = await subject.create(vocabulary);
    });
    afterAll(async () => {
      await recogniser.close();
    });

    it('turns an utterance into interim results and then a final with n-best and times', async () => {
      const { audio, expectedWords } = await subject.utterance();
      const recorder = new RecognitionRecorder();
      const session = await recogniser.start('CA-contract-1', recorder);
      expect(session.vocabularyVersion).toBe('v1');
      await feed(session, audio);
      await session.end();
      expect(recorder.errors).toEqual([]);
      const finals = recorder.finals();
      expect(finals.length).toBeGreaterThanOrEqual(1);
      for (const word of expectedWords) expect(recorder.transcript()).toContain(word);
      for (const final of finals) {
        expect(final.alternatives[0].text).toBe(final.text);
        expect(final.text).not.toMatch(/<sil>|\(\d\)|\(NULL\)/);
        expect(final.endMs).toBeGreaterThanOrEqual(final.startMs);
        for (const alternative of final.alternatives) {
          expect(alternative.confidence).toBeGreaterThanOrEqual(0);
          expect(alternative.confidence).toBeLessThanOrEqual(1);
        }
      }
      const interims = recorder.results.filter((result) => result.kind === 'interim');
      expect(interims.length).toBeGreaterThanOrEqual(1);
      const finalIds = new Set(finals.map((final) => final.utteranceId));
      for (const interim of interims) {
        expect(interim.stability).toBeGreaterThanOrEqual(0);
        expect(interim.stability).toBeLessThanOrEqual(1);
      }
      // Every final's interims came before it, under the same utterance id.
      const firstFinal = recorder.results.findIndex((result) => result.kind === 'final');
      expect(recorder.results.slice(0, firstFinal).some((result) => finalIds.has(result.utteranceId))).toBe(true);
    });

    it('keeps a call in progress on its vocabulary while new calls get the new one', async () => {
      const { audio, expectedWords } = await subject.utterance();
      const before = new RecognitionRecorder();
      const running = await recogniser.start('CA-contract-2', before);
      const half = Math.floor(audio.length / 2);
      await feed(running, audio.subarray(0, half));
      await recogniser.updateVocabulary({ ...vocabulary, version: 'v2', phrases: [...vocabulary.phrases, 'pringles'] });
      expect(recogniser.currentVocabularyVersion()).toBe('v2');
      const after = new RecognitionRecorder();
      const fresh = await recogniser.start('CA-contract-3', after);
      expect(fresh.vocabularyVersion).toBe('v2');
      expect(running.vocabularyVersion).toBe('v1');
      await feed(running, audio.subarray(half));
      await feed(fresh, audio);
      await Promise.all([running.end(), fresh.end()]);
      expect(before.errors).toEqual([]);
      expect(after.errors).toEqual([]);
      for (const word of expectedWords) {
        expect(before.transcript()).toContain(word);
        expect(after.transcript()).toContain(word);
      }
    });

    it('delivers nothing after end() has resolved', async () => {
      const { audio } = await subject.utterance();
      const recorder = new RecognitionRecorder();
      const session = await recogniser.start('CA-contract-4', recorder);
      await feed(session, audio);
      await session.end();
      const count = recorder.results.length;
      session.write(audio.subarray(0, 160));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(recorder.results.length).toBe(count);
    });
  });
}
