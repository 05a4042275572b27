import { resultRows } from './benchmark-report';
import { benchmarkSuite, numberAt, selectBenchmarks } from './benchmark-suite';

const suite = benchmarkSuite('../shared/eval', false);
const definition = (name: string) => suite.find((candidate) => candidate.name === name)!;
const rows = (name: string, output: unknown) =>
  resultRows(definition(name), { name, command: 'node x --json', seconds: 1, exitCode: 0, output }).map((row) => [row.figure, row.value, row.met]);

describe('benchmark suite', () => {
  it('runs every benchmark of the issues, each with --json', () => {
    expect(suite.map((candidate) => candidate.name)).toEqual([
      'messaging',
      'orders',
      'match-latency',
      'reindex',
      'ingest',
      'sip',
      'speech',
      'speech-merchant',
      'match-eval-en-noisy',
      'match-eval-en-clean',
      'match-eval-zh-noisy',
      'match-eval-zh-clean',
      'desk',
      'voice',
    ]);
    for (const candidate of suite) expect(candidate.args).toContain('--json');
    expect(definition('ingest').args).toEqual(['--calls', '500', '--json']);
    expect(definition('sip').args).toEqual(['--calls', '300', '--seconds', '20', '--json']);
    expect(definition('match-latency').args).toEqual(['--eval-dir', '../shared/eval', '--rounds', '5', '--json']);
    expect(definition('match-latency').figures({ medianOfRounds: { p99Ms: 4.2 } })[0]).toMatchObject({ value: 4.2, goal: { op: '<=', value: 5 } });
    expect(definition('match-eval-zh-noisy').args).toEqual(['--catalogue', '../shared/eval/catalogue-zh.jsonl', '--queries', '../shared/eval/queries-zh.jsonl', '--field', 'noisy', '--json']);
  });

  it('shrinks sizes in quick mode', () => {
    const quick = benchmarkSuite('/data/eval', true);
    expect(quick.find((candidate) => candidate.name === 'ingest')!.args).toEqual(['--calls', '100', '--seconds', '3', '--json']);
    expect(quick.find((candidate) => candidate.name === 'sip')!.args).toEqual(['--calls', '50', '--seconds', '5', '--json']);
    expect(quick.find((candidate) => candidate.name === 'desk')!.args).toEqual(expect.arrayContaining(['--calls', '20']));
    expect(quick.find((candidate) => candidate.name === 'messaging')!.env).toEqual({ BENCH_SECONDS: '2', BENCH_REQUESTS: '500' });
  });

  it('selects by name, a prefix selecting a family, and refuses unknown names', () => {
    expect(selectBenchmarks(suite, []).length).toBe(suite.length);
    expect(selectBenchmarks(suite, ['desk', 'orders']).map((candidate) => candidate.name)).toEqual(['orders', 'desk']);
    expect(selectBenchmarks(suite, ['match-eval']).map((candidate) => candidate.name)).toEqual([
      'match-eval-en-noisy',
      'match-eval-en-clean',
      'match-eval-zh-noisy',
      'match-eval-zh-clean',
    ]);
    expect(() => selectBenchmarks(suite, ['orders', 'speach'])).toThrow(/no benchmark named speach \(benchmarks: messaging, orders/);
  });

  it("reads the orders benchmark's JSON with the issue's goals", () => {
    const output = {
      ordersPlacedPerSecond: { value: 564, goal: '>= 500' },
      walletPaymentsPerSecond: { value: 813 },
      expiryLatenessMs: { p50: 311, p99: 622 },
      callerIdentifiedMs: { p50: 12, p99: 136 },
    };
    expect(rows('orders', output)).toEqual([
      ['orders placed', 564, true],
      ['wallet payments', 813, null],
      ['expiry lateness p50', 311, null],
      ['expiry lateness p99', 622, true],
      ['caller identified p50', 12, null],
      ['caller identified p99', 136, false],
    ]);
  });

  it("turns the speech benchmark's shares into percentages", () => {
    const output = {
      wordErrorRate: 0.2312,
      wordErrorRateByEngine: { flite: 0.1134, 'espeak-ng': 0.4412 },
      medianLatencyMs: 640,
      medianFinalLatencyMs: 900,
      streamsPerCore: 24.37,
      decoderSetupCpuMsPerCall: 41.24,
      greetingCpuMsPerCall: 425.3,
      utterances: 100,
      matching: { top1: 0.71, top5: 0.79 },
      matchingByEngine: { flite: { top1: 0.9, top5: 0.875 }, 'espeak-ng': { top1: 0.5, top5: 0.6 } },
    };
    expect(rows('speech-merchant', output)).toEqual([
      ['product in the top 5, US voices from recordings (flite)', 87.5, true],
      ['product in the top 5, formant voices (espeak-ng)', 60, null],
      ['product in the top 5, all voices', 79, null],
      ['product first', 71, null],
      ['median end of name → transcript', 640, true],
      ['median end of name → first final', 900, null],
      ['real-time streams per core', 24.4, true],
      ['decoder set-up, once per call', 41.2, null],
      ['greeting, once per call', 425.3, null],
      ['word error rate, flite', 11.3, null],
      ['word error rate, espeak-ng', 44.1, null],
      ['utterances', 100, null],
    ]);
  });

  it('holds match-eval, reindex, ingest and desk to their goals', () => {
    expect(rows('match-eval-en-clean', { top1Percent: 98.7, top5Percent: 99.7, latencyP99Ms: 1.8, queries: 300, products: 24627 }).slice(0, 2)).toEqual([
      ['top-1', 98.7, true],
      ['top-5', 99.7, true],
    ]);
    expect(rows('match-eval-zh-clean', { top1Percent: 99, top5Percent: 100 }).slice(0, 2)).toEqual([
      ['top-1', 99, null],
      ['top-5', 100, null],
    ]);
    expect(rows('reindex', { reindex: { seconds: 5.2, products: 24627 }, queriesDuringReindex: { failed: 0, count: 288, p99Ms: 9 }, import: { seconds: 8 } }).filter(([, , met]) => met !== null)).toEqual([
      ['reindex', 5.2, false],
      ['failed searches during the reindex', 0, true],
    ]);
    expect(rows('ingest', { framesLost: 2, framesSent: 250000 })[0]).toEqual(['frames lost', 2, false]);
    expect(rows('sip', { framesLost: 0, framesSent: 300000 })[0]).toEqual(['frames lost', 0, true]);
    expect(rows('desk', { transcriptToMatchesMs: { p99: 42.5, missing: 0 } }).filter(([, , met]) => met !== null)).toEqual([
      ['transcript → matches p99', 42.5, true],
      ['matches frames missing', 0, true],
    ]);
  });

  it('numberAt reads numbers only', () => {
    expect(numberAt({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(numberAt({ a: { b: '2' } }, 'a.b')).toBeNull();
    expect(numberAt({ a: null }, 'a.b')).toBeNull();
    expect(numberAt({ a: Number.NaN }, 'a')).toBeNull();
    expect(numberAt(undefined, 'a')).toBeNull();
  });
});
