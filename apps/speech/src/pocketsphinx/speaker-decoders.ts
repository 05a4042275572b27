import type { PocketsphinxDecoder, ProcessResult, RawHypothesis } from './pocketsphinx-native';

/** One decoder of a call and the frequency warp its features are computed with. */
export interface WarpedDecoder {
  readonly warp: number;
  readonly decoder: PocketsphinxDecoder;
}

/**
 * The decoders of one call: speaker normalisation by frequency warping (VTLN). Until the caller
 * has said something, each chunk of audio is decoded once per warp — a warp above 1 compresses
 * the spectrum of a shorter vocal tract (higher formants: most women, children) toward the
 * acoustic model's average speaker, one below 1 stretches a longer one. At the end of the first
 * utterance with words, the warp whose best path scores highest (the most likely fit of this
 * voice) is kept and the other decoders are freed; the rest of the call is decoded once. Until
 * then partials come from the decoder nearest to no warp.
 */
export class SpeakerDecoders {
  private candidates: WarpedDecoder[];
  private chosen: WarpedDecoder | undefined;
  /** The decoder nearest to no warp: the call follows it until the choice. */
  private readonly neutral: WarpedDecoder;

  constructor(
    candidates: readonly WarpedDecoder[],
    private readonly release: (decoder: PocketsphinxDecoder) => void,
  ) {
    if (candidates.length === 0) throw new Error('a call needs at least one decoder');
    this.candidates = [...candidates];
    this.neutral = candidates.reduce((best, next) => (Math.abs(next.warp - 1) < Math.abs(best.warp - 1) ? next : best));
    if (candidates.length === 1) this.chosen = candidates[0];
  }

  /** The warp chosen for this caller, once chosen. */
  get warp(): number | undefined {
    return this.chosen?.warp;
  }

  /** The decoder whose speech state and partials the call follows. */
  private get lead(): WarpedDecoder {
    return this.chosen ?? this.neutral;
  }

  startUtterance(): void {
    for (const { decoder } of this.candidates) decoder.startUtterance();
  }

  /** Decodes the chunk with every decoder still in the running (in parallel on the libuv pool). */
  async process(samples: Int16Array): Promise<ProcessResult> {
    const lead = this.lead;
    const results = await Promise.all(this.candidates.map(({ decoder }) => decoder.process(samples)));
    return results[this.candidates.indexOf(lead)];
  }

  /** Ends the utterance everywhere; at the first one with words, keeps the best-scoring warp. */
  async endUtterance(maxAlternatives: number): Promise<{ hypotheses: RawHypothesis[]; posterior: number }> {
    const ended = await Promise.all(this.candidates.map(async (candidate) => ({ candidate, result: await candidate.decoder.endUtterance(maxAlternatives) })));
    if (this.chosen) return ended[0].result;
    const heard = ended.filter(({ result }) => result.hypotheses.length > 0);
    if (heard.length === 0) return ended[this.candidates.indexOf(this.lead)].result;
    const best = heard.reduce((top, next) => (next.result.hypotheses[0].score > top.result.hypotheses[0].score ? next : top));
    this.chosen = best.candidate;
    for (const candidate of this.candidates) if (candidate !== best.candidate) this.release(candidate.decoder);
    this.candidates = [best.candidate];
    return best.result;
  }

  /** Converts a log-domain score difference to a ratio (the followed decoder's log base). */
  ratio(logDifference: number): number {
    return this.lead.decoder.ratio(logDifference);
  }

  /** Frees every decoder still held (the call ended). */
  free(): void {
    for (const { decoder } of this.candidates.splice(0)) this.release(decoder);
  }
}
