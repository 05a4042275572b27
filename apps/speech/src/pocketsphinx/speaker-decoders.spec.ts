import type { PocketsphinxDecoder, RawHypothesis } from './pocketsphinx-native';
import { SpeakerDecoders } from './speaker-decoders';

/** A decoder that answers each utterance with the next scripted hypothesis (none: heard nothing). */
function scripted(name: string, utterances: (RawHypothesis | undefined)[]) {
  const calls: string[] = [];
  const decoder = {
    startUtterance: () => calls.push('start'),
    process: (samples: Int16Array) => {
      calls.push(`process ${samples.length}`);
      return Promise.resolve({ inSpeech: true, partial: name });
    },
    endUtterance: () => {
      calls.push('end');
      const next = utterances.shift();
      return Promise.resolve({ hypotheses: next ? [next] : [], posterior: 0.5 });
    },
    ratio: (difference: number) => Math.exp(difference),
  };
  return { decoder: decoder as unknown as PocketsphinxDecoder, calls };
}

describe('speaker decoders: one per warp until the caller has said something', () => {
  it('decodes with every warp, follows the unwarped one, then keeps the best-scoring warp and frees the rest', async () => {
    const low = scripted('low', [{ text: 'hello there', score: -900 }, { text: 'low again', score: -1 }]);
    const plain = scripted('plain', [{ text: 'hello there', score: -800 }]);
    const high = scripted('high', [{ text: 'hello there', score: -500 }, { text: 'nivea hand cream', score: -400 }]);
    const freed: PocketsphinxDecoder[] = [];
    const decoders = new SpeakerDecoders(
      [
        { warp: 0.9, decoder: low.decoder },
        { warp: 1, decoder: plain.decoder },
        { warp: 1.2, decoder: high.decoder },
      ],
      (decoder) => freed.push(decoder),
    );
    decoders.startUtterance();
    await expect(decoders.process(new Int16Array(1600))).resolves.toEqual({ inSpeech: true, partial: 'plain' });
    expect(decoders.warp).toBeUndefined();

    const first = await decoders.endUtterance(5);
    expect(first.hypotheses[0]).toEqual({ text: 'hello there', score: -500 });
    expect(decoders.warp).toBe(1.2);
    expect(freed).toEqual([low.decoder, plain.decoder]);

    decoders.startUtterance();
    await expect(decoders.process(new Int16Array(1600))).resolves.toEqual({ inSpeech: true, partial: 'high' });
    await expect(decoders.endUtterance(5)).resolves.toMatchObject({ hypotheses: [{ text: 'nivea hand cream' }] });
    expect(low.calls.filter((call) => call.startsWith('process'))).toHaveLength(1);

    decoders.free();
    expect(freed).toEqual([low.decoder, plain.decoder, high.decoder]);
    decoders.free();
    expect(freed).toHaveLength(3);
  });

  it('keeps every warp while the caller has said nothing a decoder could put into words', async () => {
    const plain = scripted('plain', [undefined, { text: 'yes', score: -300 }]);
    const high = scripted('high', [undefined, { text: 'yes', score: -350 }]);
    const freed: PocketsphinxDecoder[] = [];
    const decoders = new SpeakerDecoders(
      [
        { warp: 1, decoder: plain.decoder },
        { warp: 1.1, decoder: high.decoder },
      ],
      (decoder) => freed.push(decoder),
    );
    await expect(decoders.endUtterance(5)).resolves.toEqual({ hypotheses: [], posterior: 0.5 });
    expect(decoders.warp).toBeUndefined();
    expect(freed).toEqual([]);
    await decoders.endUtterance(5);
    expect(decoders.warp).toBe(1);
    expect(freed).toEqual([high.decoder]);
  });

  it('needs no choice with a single warp, and refuses none', () => {
    const only = scripted('only', []);
    expect(new SpeakerDecoders([{ warp: 1, decoder: only.decoder }], () => undefined).warp).toBe(1);
    expect(() => new SpeakerDecoders([], () => undefined)).toThrow(/at least one decoder/);
  });
});
