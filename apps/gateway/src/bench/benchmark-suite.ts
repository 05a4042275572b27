/**
 * Every benchmark `npm run bench` runs: how to run it (a built script with `--json`), which of
 * its figures go into docs/benchmarks.md, and the goal each was given in its issue (null where
 * none was set). Pure data and functions: tools/bench/run-all.mjs runs the processes.
 */

export type GoalOperator = '>=' | '<=' | '=';

export interface Goal {
  readonly op: GoalOperator;
  readonly value: number;
}

/** One figure a benchmark printed, as the report shows it. */
export interface BenchFigure {
  readonly figure: string;
  /** null when the benchmark's JSON did not have it. */
  readonly value: number | null;
  readonly unit: string;
  readonly goal: Goal | null;
}

export interface BenchmarkDefinition {
  /** Short name for `--only` and the report. */
  readonly name: string;
  /** What it measures, one line. */
  readonly title: string;
  /** The script, relative to the repository root (built into dist/ by tools/build.mjs). */
  readonly script: string;
  readonly args: readonly string[];
  /** Environment the script reads (besides the caller's). */
  readonly env?: Readonly<Record<string, string>>;
  /** After this long the run is stopped and recorded as failed. */
  readonly timeoutMinutes: number;
  /** The report's figures from the script's JSON output. */
  figures(output: unknown): BenchFigure[];
}

/** A number at a dotted path of a parsed JSON value, or null. */
export function numberAt(value: unknown, path: string): number | null {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'number' && Number.isFinite(current) ? current : null;
}

const atLeast = (value: number): Goal => ({ op: '>=', value });
const atMost = (value: number): Goal => ({ op: '<=', value });
const exactly = (value: number): Goal => ({ op: '=', value });

const figure = (name: string, value: number | null, unit: string, goal: Goal | null = null): BenchFigure => ({ figure: name, value, unit, goal });
/** A share 0..1 as a percentage with one decimal. */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const rounded = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

/** The four match-eval runs on the evaluation data, with the goals of issue 3. */
function matchEval(evalDir: string, language: 'en' | 'zh', field: 'noisy' | 'clean', top1: Goal | null, top5: Goal | null): BenchmarkDefinition {
  const languageName = language === 'en' ? 'English' : 'Chinese';
  return {
    name: `match-eval-${language}-${field}`,
    title: `matcher accuracy, ${languageName} ${field} queries (${evalDir}/queries-${language}.jsonl)`,
    script: 'dist/apps/catalogue/src/eval/match-eval.main.js',
    args: ['--catalogue', `${evalDir}/catalogue-${language}.jsonl`, '--queries', `${evalDir}/queries-${language}.jsonl`, '--field', field, '--json'],
    timeoutMinutes: 10,
    figures: (output) => [
      figure('top-1', numberAt(output, 'top1Percent'), '%', top1),
      figure('top-5', numberAt(output, 'top5Percent'), '%', top5),
      figure('latency per query p99', numberAt(output, 'latencyP99Ms'), 'ms'),
      figure('queries', numberAt(output, 'queries'), ''),
      figure('products', numberAt(output, 'products'), ''),
    ],
  };
}

/** Spoken orders through pocketsphinx and the catalogue matcher, with one catalogue (its size is the vocabulary). */
function speechBench(name: string, catalogue: string, args: string[], quick: boolean): BenchmarkDefinition {
  return {
    name,
    title: `speech: spoken orders (flite's and espeak-ng's US voices) through pocketsphinx and the catalogue matcher, ${catalogue}`,
    script: 'dist/apps/speech/src/bench/speech.bench.js',
    args: [...args, ...(quick ? ['--n', '14'] : []), '--json'],
    timeoutMinutes: 40,
    figures: (output) => [
      // The goal is held to the US voices built from recordings of people; espeak-ng's formant
      // voices are the hard synthetic case, reported beside it (decision 0044).
      figure('product in the top 5, US voices from recordings (flite)', percent(numberAt(output, 'matchingByEngine.flite.top5')), '%', atLeast(80)),
      figure('product in the top 5, formant voices (espeak-ng)', percent(numberAt(output, 'matchingByEngine.espeak-ng.top5')), '%'),
      figure('product in the top 5, all voices', percent(numberAt(output, 'matching.top5')), '%'),
      figure('product first', percent(numberAt(output, 'matching.top1')), '%'),
      figure('median end of name → transcript', numberAt(output, 'medianLatencyMs'), 'ms', atMost(700)),
      figure('median end of name → first final', numberAt(output, 'medianFinalLatencyMs'), 'ms'),
      figure('real-time streams per core', rounded(numberAt(output, 'streamsPerCore')), '', atLeast(20)),
      // Once per call, outside the steady state above: the decoders' set-up, and the greeting
      // decoded once per speaker warp until the caller's is chosen (decision 0045).
      figure('decoder set-up, once per call', rounded(numberAt(output, 'decoderSetupCpuMsPerCall')), 'CPU ms'),
      figure('greeting, once per call', rounded(numberAt(output, 'greetingCpuMsPerCall')), 'CPU ms'),
      figure('word error rate, flite', percent(numberAt(output, 'wordErrorRateByEngine.flite')), '%'),
      figure('word error rate, espeak-ng', percent(numberAt(output, 'wordErrorRateByEngine.espeak-ng')), '%'),
      figure('utterances', numberAt(output, 'utterances'), ''),
    ],
  };
}

/**
 * The suite in the order it runs. `quick` shrinks sizes and durations for trying the pipeline
 * out; its figures are not comparable with the goals.
 */
export function benchmarkSuite(evalDir: string, quick: boolean): BenchmarkDefinition[] {
  return [
    {
      name: 'messaging',
      title: 'typed message bus on NATS: request round trip, audio fan-in of 200 calls',
      script: 'tools/bench/messaging.mjs',
      args: ['--json'],
      env: quick ? { BENCH_SECONDS: '2', BENCH_REQUESTS: '500' } : {},
      timeoutMinutes: 5,
      figures: (output) => [
        figure('request/reply round trip p50', numberAt(output, 'requestReply.p50Ms'), 'ms'),
        figure('request/reply round trip p99', numberAt(output, 'requestReply.p99Ms'), 'ms'),
        figure('audio frames delivered, 200 calls', numberAt(output, 'audio.deliveredPercent'), '%'),
        figure('audio publish → handler p99', numberAt(output, 'audio.latencyP99Ms'), 'ms'),
      ],
    },
    {
      name: 'orders',
      title: 'orders service: placing, paying, payment windows ending together, caller identification',
      script: 'dist/apps/orders/src/bench/orders.bench.js',
      args: ['--json', ...(quick ? ['--orders', '300', '--expiring', '200', '--calls', '50'] : [])],
      timeoutMinutes: 10,
      figures: (output) => [
        figure('orders placed', numberAt(output, 'ordersPlacedPerSecond.value'), '/s', atLeast(500)),
        figure('wallet payments', numberAt(output, 'walletPaymentsPerSecond.value'), '/s'),
        figure('expiry lateness p50', numberAt(output, 'expiryLatenessMs.p50'), 'ms'),
        figure('expiry lateness p99', numberAt(output, 'expiryLatenessMs.p99'), 'ms', atMost(1000)),
        figure('caller identified p50', numberAt(output, 'callerIdentifiedMs.p50'), 'ms'),
        figure('caller identified p99', numberAt(output, 'callerIdentifiedMs.p99'), 'ms', atMost(100)),
      ],
    },
    {
      name: 'match-latency',
      title: `matcher time per query, in-process: every English text of match-eval's suite on ${evalDir}/catalogue-en.jsonl, each matched ${quick ? 2 : 5} times`,
      script: 'dist/apps/catalogue/src/bench/match-latency.bench.js',
      args: ['--eval-dir', evalDir, '--rounds', quick ? '2' : '5', '--json'],
      timeoutMinutes: 10,
      figures: (output) => [
        figure('p99 per query (its median over the rounds)', numberAt(output, 'medianOfRounds.p99Ms'), 'ms', atMost(5)),
        figure('p50 per query (its median over the rounds)', numberAt(output, 'medianOfRounds.p50Ms'), 'ms'),
        figure('slowest query (its median over the rounds)', numberAt(output, 'medianOfRounds.maxMs'), 'ms'),
        figure('p99 per query, first pass alone', numberAt(output, 'firstPass.p99Ms'), 'ms'),
        figure('texts', numberAt(output, 'texts'), ''),
      ],
    },
    {
      name: 'reindex',
      title: `catalogue reindex under search load (${evalDir}/catalogue-en.jsonl)`,
      script: 'dist/apps/catalogue/src/bench/reindex.bench.js',
      args: ['--catalogue', `${evalDir}/catalogue-en.jsonl`, '--json'],
      timeoutMinutes: 10,
      figures: (output) => [
        figure('reindex', numberAt(output, 'reindex.seconds'), 's', atMost(5)),
        figure('products reindexed', numberAt(output, 'reindex.products'), ''),
        figure('failed searches during the reindex', numberAt(output, 'queriesDuringReindex.failed'), '', exactly(0)),
        figure('searches during the reindex', numberAt(output, 'queriesDuringReindex.count'), ''),
        figure('search p99 during the reindex', numberAt(output, 'queriesDuringReindex.p99Ms'), 'ms'),
        figure('import', numberAt(output, 'import.seconds'), 's'),
      ],
    },
    {
      name: 'ingest',
      title: `call-ingest: ${quick ? 100 : 500} real-time media streams`,
      script: 'dist/apps/call-ingest/src/bench/ingest.bench.js',
      args: ['--calls', quick ? '100' : '500', ...(quick ? ['--seconds', '3'] : []), '--json'],
      timeoutMinutes: 5,
      figures: (output) => [
        figure('frames lost', numberAt(output, 'framesLost'), '', exactly(0)),
        figure('frames sent', numberAt(output, 'framesSent'), ''),
        figure('frames out of order', numberAt(output, 'framesOutOfOrder'), ''),
        figure('20 ms tick lag max', numberAt(output, 'tickLagMaxMs'), 'ms'),
        figure('CPU per audio second (whole bench process)', numberAt(output, 'benchCpuMsPerAudioSecond'), 'ms'),
      ],
    },
    {
      name: 'sip',
      title: `SIP trunk: ${quick ? 50 : 300} concurrent calls with real-time RTP (PCMA)`,
      script: 'dist/apps/call-ingest/src/bench/sip.bench.js',
      args: ['--calls', quick ? '50' : '300', '--seconds', quick ? '5' : '20', '--json'],
      timeoutMinutes: 5,
      figures: (output) => [
        figure('frames lost', numberAt(output, 'framesLost'), '', exactly(0)),
        figure('frames sent', numberAt(output, 'framesSent'), ''),
        figure('calls answered', numberAt(output, 'callsAnswered'), ''),
        figure('call set-up INVITE → 180 p99', numberAt(output, 'setupRingingP99Ms'), 'ms'),
        figure('jitter of callcart’s RTP (RFC 3550, mean)', numberAt(output, 'callcartRtpJitterMeanMs'), 'ms'),
        figure('callcart’s RTP to callers: packets owed by a 20 ms clock and never sent', numberAt(output, 'callcartRtpShortfallPercent'), '%', atMost(1)),
        figure('call-ingest CPU per call', numberAt(output, 'ingestCpuPercentOfCorePerCall'), '% of a core'),
      ],
    },
    speechBench('speech', `${evalDir}/catalogue-en.jsonl (5,000 of its products imported)`, ['--catalogue', `${evalDir}/catalogue-en.jsonl`], quick),
    speechBench('speech-merchant', 'the 222-product demo catalogue, a merchant-sized vocabulary', ['--catalogue', 'apps/demo/data/demo-catalogue.jsonl', '--products', '222'], quick),
    matchEval(evalDir, 'en', 'noisy', atLeast(85), atLeast(95)),
    matchEval(evalDir, 'en', 'clean', atLeast(98), atLeast(99.7)),
    matchEval(evalDir, 'zh', 'noisy', atLeast(97), exactly(100)),
    matchEval(evalDir, 'zh', 'clean', null, null),
    {
      name: 'desk',
      title: `final transcript → matches on the agent's WebSocket, ${quick ? 20 : 200} concurrent calls`,
      script: 'dist/apps/gateway/src/bench/desk-latency.bench.js',
      args: ['--catalogue', `${evalDir}/catalogue-en.jsonl`, ...(quick ? ['--calls', '20', '--seconds', '8', '--burst-rounds', '1'] : []), '--json'],
      timeoutMinutes: 10,
      figures: (output) => [
        figure('transcript → matches p50', numberAt(output, 'transcriptToMatchesMs.p50'), 'ms'),
        figure('transcript → matches p90', numberAt(output, 'transcriptToMatchesMs.p90'), 'ms'),
        figure('transcript → matches p99', numberAt(output, 'transcriptToMatchesMs.p99'), 'ms', atMost(50)),
        figure('transcript → matches max', numberAt(output, 'transcriptToMatchesMs.max'), 'ms'),
        figure('matches frames missing', numberAt(output, 'transcriptToMatchesMs.missing'), '', exactly(0)),
        figure('final transcripts measured', numberAt(output, 'transcriptToMatchesMs.sent'), ''),
        figure('worst case (all calls at once) p99', numberAt(output, 'burstMs.p99'), 'ms'),
        figure('catalogue CPU while measuring', numberAt(output, 'processes.catalogue.cpuPercentOfOneCore'), '% of a core'),
        figure('catalogue waited for a CPU while measuring', numberAt(output, 'processes.catalogue.runQueueWaitMs'), 'ms'),
        figure('machine CPU pressure while measuring', numberAt(output, 'machine.cpuPressurePercent'), '%'),
      ],
    },
    {
      name: 'voice',
      title: `voice: ${quick ? 10 : 100} bridged calls (caller frames on NATS ↔ a WebRTC agent in Node) through the voice service`,
      script: 'dist/apps/voice/src/bench/voice.bench.js',
      args: ['--calls', quick ? '10' : '100', ...(quick ? ['--seconds', '5'] : []), '--json'],
      timeoutMinutes: 10,
      figures: (output) => [
        figure('caller frame → agent RTP p50', numberAt(output, 'callerToAgent.p50Ms'), 'ms'),
        figure('caller frame → agent RTP p99', numberAt(output, 'callerToAgent.p99Ms'), 'ms', atMost(60)),
        figure('agent RTP → agent frame p50', numberAt(output, 'agentToCaller.p50Ms'), 'ms'),
        figure('agent RTP → agent frame p99', numberAt(output, 'agentToCaller.p99Ms'), 'ms', atMost(60)),
        figure('caller frames lost', numberAt(output, 'callerToAgent.lost'), '', exactly(0)),
        figure('agent packets lost', numberAt(output, 'agentToCaller.lost'), '', exactly(0)),
        figure('voice CPU per bridged call', numberAt(output, 'voiceCpuPercentPerCall'), '% of a core'),
        figure('the bench’s own CPU per call (its callers and werift agents)', numberAt(output, 'benchCpuPercentPerCall'), '% of a core'),
        figure('machine CPU pressure while measuring', numberAt(output, 'machineCpuPressurePercent'), '%'),
      ],
    },
  ];
}

/** The definitions `--only a,b` names (a name also selects every benchmark it prefixes: `match-eval`). */
export function selectBenchmarks(suite: readonly BenchmarkDefinition[], only: readonly string[]): BenchmarkDefinition[] {
  if (only.length === 0) return [...suite];
  const unknown = only.filter((name) => !suite.some((definition) => definition.name === name || definition.name.startsWith(`${name}-`)));
  if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')} (benchmarks: ${suite.map((definition) => definition.name).join(', ')})`);
  return suite.filter((definition) => only.some((name) => definition.name === name || definition.name.startsWith(`${name}-`)));
}
