import { createRequire } from 'node:module';

/** The part of koffi used here (its own typings are ESM-only, which this CommonJS build cannot import). */
interface KoffiLibrary {
  func(signature: string): unknown;
}
const koffi = createRequire(__filename)('koffi') as { load(path: string): KoffiLibrary };

/**
 * The few functions of Debian's pocketsphinx 5prealpha (`libpocketsphinx.so.3`, with
 * `libsphinxbase.so.3` for the command line) that the recogniser needs, bound with koffi so
 * nothing is compiled at install time. Calls that decode (`ps_init`, `ps_process_raw`,
 * `ps_end_utt`, hypotheses) go through koffi's `.async`, which runs them on the libuv thread
 * pool: the event loop never waits for the decoder. One decoder must only ever be used by one
 * call at a time (the session serialises its calls).
 */
export type DecoderHandle = unknown;

type AsyncFn = { async: (...args: unknown[]) => void };
type Fn = ((...args: unknown[]) => unknown) & AsyncFn;

interface Bindings {
  cmdLnParse: Fn;
  psArgs: Fn;
  psInit: Fn;
  psFree: Fn;
  psStartUtt: Fn;
  psProcessRaw: Fn;
  psEndUtt: Fn;
  psGetHyp: Fn;
  psGetProb: Fn;
  psGetInSpeech: Fn;
  psGetLogmath: Fn;
  logmathExp: Fn;
  psNbest: Fn;
  psNbestNext: Fn;
  psNbestHyp: Fn;
  psNbestFree: Fn;
  errSetLogfp: Fn;
  logmathInit: Fn;
  logmathFree: Fn;
  ngramModelRead: Fn;
  ngramModelWrite: Fn;
  ngramModelFree: Fn;
}

let bindings: Bindings | undefined;

function load(): Bindings {
  if (bindings) return bindings;
  const sphinxbase = koffi.load('libsphinxbase.so.3');
  const ps = koffi.load('libpocketsphinx.so.3');
  const fn = (lib: KoffiLibrary, signature: string) => lib.func(signature) as unknown as Fn;
  bindings = {
    cmdLnParse: fn(sphinxbase, 'void *cmd_ln_parse_r(void *inout, void *defn, int argc, const char **argv, int strict)'),
    psArgs: fn(ps, 'void *ps_args()'),
    errSetLogfp: fn(sphinxbase, 'void err_set_logfp(void *stream)'),
    logmathInit: fn(sphinxbase, 'void *logmath_init(double base, int shift, int use_table)'),
    logmathFree: fn(sphinxbase, 'int logmath_free(void *lmath)'),
    ngramModelRead: fn(sphinxbase, 'void *ngram_model_read(void *config, const char *file_name, int file_type, void *lmath)'),
    ngramModelWrite: fn(sphinxbase, 'int ngram_model_write(void *model, const char *file_name, int format)'),
    ngramModelFree: fn(sphinxbase, 'int ngram_model_free(void *model)'),
    psInit: fn(ps, 'void *ps_init(void *config)'),
    psFree: fn(ps, 'int ps_free(void *ps)'),
    psStartUtt: fn(ps, 'int ps_start_utt(void *ps)'),
    psProcessRaw: fn(ps, 'int ps_process_raw(void *ps, const int16_t *data, size_t n, int no_search, int full_utt)'),
    psEndUtt: fn(ps, 'int ps_end_utt(void *ps)'),
    psGetHyp: fn(ps, 'const char *ps_get_hyp(void *ps, _Out_ int32_t *score)'),
    psGetProb: fn(ps, 'int32_t ps_get_prob(void *ps)'),
    psGetInSpeech: fn(ps, 'uint8_t ps_get_in_speech(void *ps)'),
    psGetLogmath: fn(ps, 'void *ps_get_logmath(void *ps)'),
    logmathExp: fn(sphinxbase, 'double logmath_exp(void *lmath, int logb_p)'),
    psNbest: fn(ps, 'void *ps_nbest(void *ps)'),
    psNbestNext: fn(ps, 'void *ps_nbest_next(void *nbest)'),
    psNbestHyp: fn(ps, 'const char *ps_nbest_hyp(void *nbest, _Out_ int32_t *score)'),
    psNbestFree: fn(ps, 'void ps_nbest_free(void *nbest)'),
  };
  // sphinxbase logs through one process-wide FILE*; `-logfn` per decoder would close and reopen it
  // from whichever libuv thread initialises a decoder, racing the others. Logging goes off once, here.
  bindings.errSetLogfp(null);
  return bindings;
}

function callAsync<T>(f: Fn, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    f.async(...args, (error: unknown, result: T) => (error ? reject(error) : resolve(result)));
  });
}

/** A hypothesis as the decoder gives it: raw words (with `(2)`, `<sil>`, …) and its score. */
export interface RawHypothesis {
  readonly text: string;
  readonly score: number;
}

/** sphinxbase's language model formats (`ngram_file_type_t`). */
const NGRAM_ARPA = 1;
const NGRAM_BIN = 2;
/** The log base pocketsphinx decodes with (its `-logbase` default), so the binary model's scores match. */
const LOG_BASE = 1.0001;

/**
 * Writes an ARPA language model in sphinxbase's binary form, which a decoder loads several times
 * faster (a 12,500-word catalogue model: 30 ms instead of 210 ms per decoder). Parsing runs on
 * the libuv pool.
 */
export async function writeBinaryLanguageModel(arpaPath: string, binaryPath: string): Promise<void> {
  const native = load();
  const logmath = native.logmathInit(LOG_BASE, 0, 0);
  try {
    const model = await callAsync<unknown>(native.ngramModelRead, null, arpaPath, NGRAM_ARPA, logmath);
    if (!model) throw new Error(`sphinxbase could not read the language model ${arpaPath}`);
    try {
      const written = await callAsync<number>(native.ngramModelWrite, model, binaryPath, NGRAM_BIN);
      if (written !== 0) throw new Error(`sphinxbase could not write the binary language model ${binaryPath}`);
    } finally {
      native.ngramModelFree(model);
    }
  } finally {
    native.logmathFree(logmath);
  }
}

/**
 * Decoders are initialised one at a time, process-wide: sphinxbase keeps the frequency warp's
 * parameters of the decoder being set up in process-wide variables, so two set up at once on the
 * libuv pool could build their filter banks with each other's warp.
 */
let initialising: Promise<unknown> = Promise.resolve();

/** What one decoding step reports. */
export interface ProcessResult {
  readonly inSpeech: boolean;
  /** The current partial hypothesis while in speech (empty otherwise). */
  readonly partial: string;
}

/** One pocketsphinx decoder. Create with {@link PocketsphinxDecoder.create}; `free()` when done. */
export class PocketsphinxDecoder {
  private constructor(
    private readonly native: Bindings,
    private handle: DecoderHandle | null,
  ) {}

  /** Parses the command-line style options and initialises a decoder on the libuv pool. */
  static async create(options: Record<string, string>): Promise<PocketsphinxDecoder> {
    const native = load();
    const argv = Object.entries(options).flatMap(([name, value]) => [`-${name}`, value]);
    const config = native.cmdLnParse(null, native.psArgs(), argv.length, argv, 1);
    if (!config) throw new Error(`pocketsphinx refused its options: ${argv.join(' ')}`);
    const initialised = initialising.then(() => callAsync<DecoderHandle>(native.psInit, config));
    initialising = initialised.catch(() => undefined);
    const handle = await initialised;
    if (!handle) throw new Error('pocketsphinx could not initialise a decoder (model, dictionary or language model missing?)');
    return new PocketsphinxDecoder(native, handle);
  }

  private get ps(): DecoderHandle {
    if (!this.handle) throw new Error('pocketsphinx decoder already freed');
    return this.handle;
  }

  startUtterance(): void {
    if ((this.native.psStartUtt(this.ps) as number) < 0) throw new Error('ps_start_utt failed');
  }

  /** Decodes 16 kHz 16-bit samples off the event loop; reports speech state and the partial. */
  async process(samples: Int16Array): Promise<ProcessResult> {
    const ps = this.ps;
    const rc = await callAsync<number>(this.native.psProcessRaw, ps, samples, samples.length, 0, 0);
    if (rc < 0) throw new Error('ps_process_raw failed');
    const inSpeech = (this.native.psGetInSpeech(ps) as number) !== 0;
    const partial = inSpeech ? ((await callAsync<string | null>(this.native.psGetHyp, ps, [0])) ?? '') : '';
    return { inSpeech, partial };
  }

  /**
   * Ends the utterance and reads its result: the n-best (best first, at most `maxAlternatives`,
   * as raw text with scores) and the best one's posterior probability (0..1).
   */
  async endUtterance(maxAlternatives: number): Promise<{ hypotheses: RawHypothesis[]; posterior: number }> {
    const ps = this.ps;
    await callAsync<number>(this.native.psEndUtt, ps);
    const score = [0];
    const best = ((this.native.psGetHyp(ps, score) as string | null) ?? '').trim();
    if (!best) return { hypotheses: [], posterior: 0 };
    const lmath = this.native.psGetLogmath(ps);
    const posterior = Math.min(1, Math.max(0, this.native.logmathExp(lmath, this.native.psGetProb(ps)) as number));
    const hypotheses: RawHypothesis[] = [{ text: best, score: score[0] }];
    let nbest = this.native.psNbest(ps);
    for (let i = 0; nbest && i < 20 && hypotheses.length < maxAlternatives; i += 1) {
      nbest = this.native.psNbestNext(nbest);
      if (!nbest) break;
      const out = [0];
      const text = ((this.native.psNbestHyp(nbest, out) as string | null) ?? '').trim();
      if (text) hypotheses.push({ text, score: out[0] });
    }
    if (nbest) this.native.psNbestFree(nbest);
    return { hypotheses, posterior };
  }

  /** Converts a log-domain score difference to a ratio with the decoder's log base. */
  ratio(logDifference: number): number {
    return this.native.logmathExp(this.native.psGetLogmath(this.ps), logDifference) as number;
  }

  free(): void {
    if (this.handle) this.native.psFree(this.handle);
    this.handle = null;
  }
}
