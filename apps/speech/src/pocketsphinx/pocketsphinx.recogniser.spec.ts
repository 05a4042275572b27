import { describeRecogniserContract, RecognitionRecorder } from '../recognition/recogniser.contract';
import { readFileSync } from 'node:fs';
import { concatAudio, speakToTelephone, telephoneSilence, toFrames } from '../recognition/telephone-speech';
import { PocketsphinxRecogniser } from './pocketsphinx.recogniser';
import type { PocketsphinxSession } from './pocketsphinx.session';

const TEST_DATA = '/usr/share/pocketsphinx/test/data';

describeRecogniserContract('pocketsphinx', {
  create: async (vocabulary) => {
    const recogniser = new PocketsphinxRecogniser();
    await recogniser.updateVocabulary(vocabulary);
    return recogniser;
  },
  utterance: async () => ({
    audio: concatAudio(telephoneSilence(300), await speakToTelephone("I'd like the nivea hand cream"), telephoneSilence(800)),
    expectedWords: ['nivea', 'hand cream'],
  }),
});

describe('pocketsphinx recogniser', () => {
  const recogniser = new PocketsphinxRecogniser();
  const built: { generatedWords: number; unpronounceable: readonly string[] }[] = [];
  const catalogue = ['go forward ten meters', 'nivea hand cream', 'nescafe gold instant coffee', 'pringles sour cream and onion', 'epson projector lamp elplp12', 'draper infrared remote transmitter'];

  beforeAll(async () => {
    const withReport = new PocketsphinxRecogniser({ onSearchBuilt: (search) => built.push(search) });
    await withReport.updateVocabulary({ version: 'cat-1', language: 'en', phrases: catalogue });
    await withReport.close();
    await recogniser.updateVocabulary({ version: 'cat-1', language: 'en', phrases: catalogue });
  });
  afterAll(() => recogniser.close());

  async function transcribe(audio: Uint8Array): Promise<RecognitionRecorder> {
    const recorder = new RecognitionRecorder();
    const session = await recogniser.start('CA-ps-1', recorder);
    for (const frame of toFrames(audio)) session.write(frame);
    await session.end();
    expect(recorder.errors).toEqual([]);
    return recorder;
  }

  it('gives brand names missing from the CMU dictionary generated pronunciations', () => {
    expect(built[0].generatedWords).toBeGreaterThanOrEqual(3); // nivea, nescafe, pringles, elplp, …
    expect(built[0].unpronounceable).toEqual([]);
  });

  it('recognises a real human recording ("go forward ten meters", 16 kHz) with partials on the way', async () => {
    const raw = readFileSync(`${TEST_DATA}/goforward.raw`);
    const recorder = new RecognitionRecorder();
    // A recogniser of its own keeps this wide-band recording apart from the telephone cases below
    // (each call gets fresh decoders, never reused ones, so this is for independence, not hygiene).
    const wideBand = new PocketsphinxRecogniser();
    await wideBand.updateVocabulary({ version: 'cat-1', language: 'en', phrases: catalogue });
    const session = (await wideBand.start('CA-ps-2', recorder)) as PocketsphinxSession;
    session.writePcm16k(new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)));
    session.writePcm16k(new Int16Array(16000));
    await session.end();
    await wideBand.close();
    expect(recorder.transcript()).toContain('go forward ten meters');
    expect(recorder.results.filter((result) => result.kind === 'interim').map((result) => result.text)).toContain('go forward');
  });

  it('recognises two product orders spoken by espeak-ng over a telephone channel as two utterances', async () => {
    const said = await speakToTelephone("I'd like pringles sour cream and onion");
    const asked = await speakToTelephone('do you have nescafe gold instant coffee', { voice: 'en-us+m3' });
    const recorder = await transcribe(concatAudio(telephoneSilence(300), said, telephoneSilence(900), asked, telephoneSilence(900)));
    expect(recorder.finals().length).toBe(2);
    // espeak-ng through a phone line is hard on pocketsphinx (decision 0040 has the rates):
    // the product's distinctive words must come through, not necessarily every one.
    expect(recorder.transcript()).toContain('cream and onion');
    expect(recorder.transcript()).toContain('coffee');
    const [first, second] = recorder.finals();
    expect(first.utteranceId).not.toBe(second.utteranceId);
    expect(second.startMs).toBeGreaterThanOrEqual(first.endMs);
  });

  // flite's US voices are built from recordings of people: the nearer stand-in for a caller,
  // and the recogniser is expected to get the whole product name right (decision 0044).
  it.each([
    ['flite:kal16', "I'd like the nivea hand cream", 'nivea hand cream'],
    ['flite:rms', 'do you have nescafe gold instant coffee', 'nescafe gold instant coffee'],
    ['flite:slt', 'can I get pringles sour cream and onion', 'pringles sour cream and onion'],
  ])('recognises a product order spoken by %s over a telephone channel word for word', async (voice, order, product) => {
    const recorder = await transcribe(concatAudio(telephoneSilence(300), await speakToTelephone(order, { voice }), telephoneSilence(900)));
    expect(recorder.finals().length).toBe(1);
    expect(recorder.transcript()).toContain(product);
  });

  it("fits each caller's speaker warp on the first words: above 1 for a woman's voice, at most 1 for men's", async () => {
    const chosen: Record<string, number | undefined> = {};
    for (const voice of ['flite:slt', 'flite:kal16', 'flite:rms']) {
      const session = (await recogniser.start(`CA-warp-${voice}`, new RecognitionRecorder())) as PocketsphinxSession;
      expect(session.speakerWarp).toBeUndefined();
      const greeting = concatAudio(telephoneSilence(300), await speakToTelephone('hello, I want to place an order', { voice }), telephoneSilence(900));
      for (const frame of toFrames(greeting)) session.write(frame);
      await session.end();
      chosen[voice] = session.speakerWarp;
    }
    expect(chosen['flite:slt']).toBeGreaterThan(1);
    expect(chosen['flite:kal16']).toBeLessThanOrEqual(1);
    expect(chosen['flite:rms']).toBeLessThanOrEqual(1);
  });

  it('decodes with one decoder and no warp when speaker normalisation is off', async () => {
    const plain = new PocketsphinxRecogniser({ warps: [1] });
    await plain.updateVocabulary({ version: 'cat-1', language: 'en', phrases: catalogue });
    const recorder = new RecognitionRecorder();
    const session = (await plain.start('CA-ps-plain', recorder)) as PocketsphinxSession;
    expect(session.speakerWarp).toBe(1);
    for (const frame of toFrames(concatAudio(telephoneSilence(300), await speakToTelephone("I'd like the nivea hand cream", { voice: 'flite:kal16' }), telephoneSilence(900)))) session.write(frame);
    await session.end();
    await plain.close();
    expect(recorder.transcript()).toContain('nivea hand cream');
  });

  it('refuses a vocabulary in a language it has no model for', async () => {
    await expect(recogniser.updateVocabulary({ version: 'zh-1', language: 'zh', phrases: ['金龙鱼花生油'] })).rejects.toThrow(/google/);
  });
});
