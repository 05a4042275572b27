import { decodeMulaw, Upsampler8kTo16k } from '@callcart/audio';
import type { FinalRecognition, RecognitionListener, RecognitionSession } from '../recognition/recogniser';
import type { SpeakerDecoders } from './speaker-decoders';
import { cleanHypothesis } from './spoken-text';

const SAMPLES_PER_MS = 16;
/** Audio handed to the decoder per call: 100 ms keeps the thread-pool hops few and partials fresh. */
const CHUNK_SAMPLES = 1600;
/** The decoder keeps this much audio before speech starts and after it stops (its VAD settings). */
const PRESPEECH_MS = 200;
const POSTSPEECH_MS = 300;
const MAX_ALTERNATIVES = 5;

/** Words the previous and the current partial share, as a stand-in for the stability pocketsphinx lacks. */
function stabilityOf(previous: string, current: string): number {
  const before = previous.split(' ');
  const now = current.split(' ');
  let same = 0;
  while (same < before.length && same < now.length && before[same] === now[same]) same += 1;
  return Math.min(0.9, Math.max(0.1, same / Math.max(1, now.length)));
}

/**
 * One call on its pocketsphinx decoders (one per speaker warp until the caller's fit is chosen,
 * then one: {@link SpeakerDecoders}). Audio is decoded and upsampled on arrival, cut into
 * 100 ms chunks and decoded strictly in order on the libuv pool; the decoder's voice activity
 * detection cuts utterances at pauses: partials while the caller speaks, a final at each pause.
 */
export class PocketsphinxSession implements RecognitionSession {
  private readonly upsampler = new Upsampler8kTo16k();
  private pending: Int16Array[] = [];
  private pendingSamples = 0;
  private processedSamples = 0;
  private work: Promise<void> = Promise.resolve();
  private inSpeech = false;
  private utteranceStartSample = 0;
  private utteranceNumber = 0;
  private lastPartial = '';
  private ended = false;
  private failed = false;

  constructor(
    readonly callId: string,
    readonly vocabularyVersion: string,
    private readonly decoders: SpeakerDecoders,
    private readonly listener: RecognitionListener,
  ) {
    decoders.startUtterance();
  }

  write(mulaw8k: Uint8Array): void {
    if (this.ended || this.failed) return;
    this.writePcm16k(this.upsampler.process(decodeMulaw(mulaw8k)));
  }

  /** Queues 16 kHz audio directly (tests with wide-band recordings use it). */
  writePcm16k(samples: Int16Array): void {
    if (this.ended || this.failed || samples.length === 0) return;
    this.pending.push(samples);
    this.pendingSamples += samples.length;
    while (this.pendingSamples >= CHUNK_SAMPLES) this.schedule(this.take(CHUNK_SAMPLES));
  }

  /** The frequency warp chosen for this caller (decision 0045), once chosen. */
  get speakerWarp(): number | undefined {
    return this.decoders.warp;
  }

  /** Resolves when the audio written so far has been decoded (the benchmark paces itself with it). */
  drained(): Promise<void> {
    return this.work;
  }

  async end(): Promise<void> {
    if (this.ended) return this.work;
    const flushed = this.upsampler.flush();
    if (flushed.length > 0) this.writePcm16k(flushed);
    this.ended = true;
    const tail = this.pendingSamples > 0 ? this.take(this.pendingSamples) : undefined;
    if (tail) this.schedule(tail);
    this.work = this.work.then(async () => {
      if (!this.failed) await this.finishUtterance(true);
    });
    await this.work;
    this.decoders.free();
  }

  private take(count: number): Int16Array {
    const chunk = new Int16Array(count);
    let filled = 0;
    while (filled < count) {
      const head = this.pending[0];
      const used = Math.min(head.length, count - filled);
      chunk.set(head.subarray(0, used), filled);
      filled += used;
      if (used === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(used);
    }
    this.pendingSamples -= count;
    return chunk;
  }

  private schedule(chunk: Int16Array): void {
    this.work = this.work.then(() => (this.failed ? undefined : this.decode(chunk))).catch((error: unknown) => this.fail(error));
  }

  private async decode(chunk: Int16Array): Promise<void> {
    const { inSpeech, partial } = await this.decoders.process(chunk);
    this.processedSamples += chunk.length;
    if (inSpeech && !this.inSpeech) {
      this.inSpeech = true;
      this.utteranceNumber += 1;
      this.utteranceStartSample = Math.max(0, this.processedSamples - chunk.length - PRESPEECH_MS * SAMPLES_PER_MS);
      this.lastPartial = '';
    }
    if (inSpeech) {
      const text = cleanHypothesis(partial);
      if (text && text !== this.lastPartial) {
        this.listener.onRecognition({
          kind: 'interim',
          utteranceId: `u${this.utteranceNumber}`,
          text,
          stability: stabilityOf(this.lastPartial, text),
          startMs: Math.round(this.utteranceStartSample / SAMPLES_PER_MS),
        });
        this.lastPartial = text;
      }
    } else if (this.inSpeech) {
      await this.finishUtterance(false);
    }
  }

  /** Ends the decoder's utterance, reports its final (if it heard words), and starts the next. */
  private async finishUtterance(last: boolean): Promise<void> {
    const wasInSpeech = this.inSpeech;
    this.inSpeech = false;
    const { hypotheses, posterior } = await this.decoders.endUtterance(MAX_ALTERNATIVES);
    if (!last) this.decoders.startUtterance();
    // After an utterance without speech the decoder may repeat a stale hypothesis: ignore it.
    if (!wasInSpeech) return;
    const final = this.toFinal(hypotheses, posterior, last);
    if (final) this.listener.onRecognition(final);
  }

  private toFinal(hypotheses: { text: string; score: number }[], posterior: number, last: boolean): FinalRecognition | undefined {
    const seen = new Set<string>();
    const alternatives: { text: string; confidence: number }[] = [];
    const best = hypotheses[0];
    for (const hypothesis of hypotheses) {
      const text = cleanHypothesis(hypothesis.text);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      const confidence = alternatives.length === 0 ? posterior : posterior * this.decoders.ratio(hypothesis.score - best.score);
      alternatives.push({ text, confidence: Math.min(1, Math.max(0, Number(confidence.toFixed(4)))) });
    }
    if (alternatives.length === 0) return undefined;
    const endSample = last ? this.processedSamples : Math.max(this.utteranceStartSample, this.processedSamples - POSTSPEECH_MS * SAMPLES_PER_MS);
    return {
      kind: 'final',
      utteranceId: `u${this.utteranceNumber}`,
      text: alternatives[0].text,
      alternatives,
      startMs: Math.round(this.utteranceStartSample / SAMPLES_PER_MS),
      endMs: Math.round(endSample / SAMPLES_PER_MS),
    };
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.listener.onError(error instanceof Error ? error : new Error(String(error)));
  }
}
