import { type BenchmarkRun, buildBenchmarksDocument, goalMet, parseBenchOutput, renderBenchmarksMarkdown, resultRows } from './benchmark-report';
import { type BenchmarkDefinition, numberAt } from './benchmark-suite';

const orders: BenchmarkDefinition = {
  name: 'orders',
  title: 'orders service',
  script: 'dist/apps/orders/src/bench/orders.bench.js',
  args: ['--json'],
  timeoutMinutes: 10,
  figures: (output) => [
    { figure: 'orders placed', value: numberAt(output, 'placed'), unit: '/s', goal: { op: '>=', value: 500 } },
    { figure: 'expiry lateness p99', value: numberAt(output, 'lateness'), unit: 'ms', goal: { op: '<=', value: 1000 } },
    { figure: 'wallet payments', value: numberAt(output, 'payments'), unit: '/s', goal: null },
    { figure: 'frames lost', value: numberAt(output, 'lost'), unit: '', goal: { op: '=', value: 0 } },
  ],
};
const command = 'node dist/apps/orders/src/bench/orders.bench.js --json';
const run = (fields: Partial<BenchmarkRun>): BenchmarkRun => ({ name: 'orders', command, seconds: 42.5, exitCode: 0, ...fields });
const machine = { cpuModel: 'AMD EPYC', cpuCount: 2, memoryGb: 23, os: 'Debian GNU/Linux 12', node: 'v20.20.2', loadAverageAtStart: [0.1, 0.2, 0.3] };

describe('benchmark report', () => {
  it('turns a benchmark JSON into rows with the goal beside each figure and whether it was met', () => {
    const rows = resultRows(orders, run({ output: { placed: 564, lateness: 1200, payments: 813, lost: 0 } }));
    expect(rows).toEqual([
      { name: 'orders', figure: 'orders placed', value: 564, unit: '/s', goal: { op: '>=', value: 500 }, met: true, command },
      { name: 'orders', figure: 'expiry lateness p99', value: 1200, unit: 'ms', goal: { op: '<=', value: 1000 }, met: false, command },
      { name: 'orders', figure: 'wallet payments', value: 813, unit: '/s', goal: null, met: null, command },
      { name: 'orders', figure: 'frames lost', value: 0, unit: '', goal: { op: '=', value: 0 }, met: true, command },
    ]);
  });

  it('counts a figure the JSON lacks as not met when it has a goal, and as no goal otherwise', () => {
    const rows = resultRows(orders, run({ output: { lateness: 'soon' } }));
    expect(rows.map((row) => [row.figure, row.value, row.met])).toEqual([
      ['orders placed', null, false],
      ['expiry lateness p99', null, false],
      ['wallet payments', null, null],
      ['frames lost', null, false],
    ]);
  });

  it('records a benchmark without a result as one failed row carrying the error', () => {
    const rows = resultRows(orders, run({ exitCode: 1, error: 'exit 1 without a JSON result\nError: connect ECONNREFUSED 127.0.0.1:5432' }));
    expect(rows).toEqual([{ name: 'orders', figure: 'run', value: null, unit: '', goal: null, met: false, command, error: expect.stringContaining('ECONNREFUSED') }]);
    expect(resultRows(orders, run({ exitCode: 'SIGKILL' }))[0]).toMatchObject({ met: false, error: 'exit SIGKILL without a JSON result' });
  });

  it('records a result its figures cannot be read from as failed, not as a crash of the report', () => {
    const broken: BenchmarkDefinition = { ...orders, figures: () => { throw new Error('no such field'); } };
    expect(resultRows(broken, run({ output: {} }))[0]).toMatchObject({ figure: 'run', met: false, error: expect.stringContaining('no such field') });
  });

  it('compares goals as ≥, ≤ and =', () => {
    expect(goalMet({ op: '>=', value: 95 }, 95)).toBe(true);
    expect(goalMet({ op: '>=', value: 95 }, 94.9)).toBe(false);
    expect(goalMet({ op: '<=', value: 50 }, 50.1)).toBe(false);
    expect(goalMet({ op: '=', value: 100 }, 100)).toBe(true);
    expect(goalMet({ op: '=', value: 0 }, 3)).toBe(false);
    expect(goalMet(null, 3)).toBeNull();
  });

  it('reads the JSON whether a benchmark prints it alone, pretty-printed, or after log lines', () => {
    expect(parseBenchOutput('{"a":1}\n')).toEqual({ a: 1 });
    expect(parseBenchOutput('{\n  "a": {\n    "b": 2\n  }\n}\n')).toEqual({ a: { b: 2 } });
    expect(parseBenchOutput('{"level":"error","msg":"x"\nbuild: 3 files\n{"placed":564}\n')).toEqual({ placed: 564 });
    expect(parseBenchOutput('orders benchmark\n  orders placed: 564/s\n')).toBeUndefined();
    expect(parseBenchOutput('')).toBeUndefined();
  });

  it('writes the JSON document: date, machine, commit, quick and one row per figure of every run', () => {
    const document = buildBenchmarksDocument({
      date: new Date('2026-11-24T21:30:00Z'),
      quick: true,
      only: [],
      command: 'npm run bench -- --quick',
      commit: 'f26bb80a1b2c',
      machine,
      totalSeconds: 123.4,
      runs: [
        { definition: orders, run: run({ output: { placed: 564, lateness: 622, payments: 813, lost: 0 } }) },
        { definition: { ...orders, name: 'desk' }, run: run({ name: 'desk', exitCode: 1, error: 'boom' }) },
      ],
    });
    expect(document).toMatchObject({ date: '2026-11-24T21:30:00.000Z', quick: true, commit: 'f26bb80a1b2c', machine, totalSeconds: 123.4 });
    expect(document).not.toHaveProperty('only');
    expect(document.benchmarks.map((benchmark) => [benchmark.name, benchmark.failed])).toEqual([
      ['orders', false],
      ['desk', true],
    ]);
    expect(document.results).toHaveLength(5);
    expect(document.results[4]).toMatchObject({ name: 'desk', figure: 'run', met: false, error: 'boom' });
  });

  it('renders Markdown with the machine, the date, the command, a goals table and a table per benchmark, failures with their output', () => {
    const document = buildBenchmarksDocument({
      date: new Date('2026-11-24T21:30:00Z'),
      quick: false,
      only: ['orders', 'desk'],
      command: 'npm run bench -- --only orders,desk',
      commit: 'f26bb80a1b2c (with uncommitted changes)',
      machine,
      totalSeconds: 754,
      runs: [
        { definition: orders, run: run({ output: { placed: 1564, lateness: 1200, payments: 813.5, lost: 0 } }) },
        { definition: { ...orders, name: 'desk', title: 'desk latency' }, run: run({ name: 'desk', seconds: 3, exitCode: 1, error: 'exit 1 without a JSON result\nError: catalogue | not healthy' }) },
      ],
    });
    const markdown = renderBenchmarksMarkdown(document);
    expect(markdown).toContain('Produced by `npm run bench` — not edited by hand');
    expect(markdown).toContain('- date: 2026-11-24T21:30:00.000Z');
    expect(markdown).toContain('- command: `npm run bench -- --only orders,desk`');
    expect(markdown).toContain('- commit: f26bb80a1b2c (with uncommitted changes)');
    expect(markdown).toContain('- machine: 2 × AMD EPYC, 23 GB memory, Debian GNU/Linux 12, Node v20.20.2; load average at start 0.1 / 0.2 / 0.3');
    expect(markdown).toContain('- total time: 12 min 34 s; goals met: 2 of 3; **1 benchmark(s) failed**: desk');
    expect(markdown).toContain('> **Partial run**: only orders, desk.');
    expect(markdown).not.toContain('Quick run');
    expect(markdown).toContain('| orders | orders placed | 1,564/s | ≥ 500/s | yes |');
    expect(markdown).toContain('| expiry lateness p99 | 1,200 ms | ≤ 1,000 ms | **no** |');
    expect(markdown).toContain('| wallet payments | 813.5/s | — | — |');
    expect(markdown).toContain('| frames lost | 0 | = 0 | yes |');
    expect(markdown).toContain(`orders service. \`${command}\` (43 s)`);
    expect(markdown).toMatch(/## desk\n\ndesk latency\. `.*` \(3 s\)\n\n\*\*Failed\*\* \(exit 1\):\n\n```\nexit 1 without a JSON result\nError: catalogue \| not healthy\n```/);
  });

  it('marks a quick run as not comparable with the goals, and shows how busy and how fast the machine was', () => {
    const busy = { ...machine, cpuPressureAtStartPercent: 23.5, cpuReference: { javascriptMs: [61.5, 64], nativeMs: [78.25, 80] } };
    const document = buildBenchmarksDocument({ date: new Date(), quick: true, only: [], command: 'npm run bench -- --quick', commit: 'x', machine: busy, totalSeconds: 1, runs: [] });
    const markdown = renderBenchmarksMarkdown(document);
    expect(markdown).toContain('**Quick run** (`--quick`)');
    expect(markdown).toContain('; CPU pressure at start 23.5 % (tasks waiting for a CPU over the last minute)');
    expect(markdown).toContain('- CPU reference at start (one thread per CPU at once): JavaScript 61.5 / 64 ms, native 78.25 / 80 ms');
    expect(renderBenchmarksMarkdown(buildBenchmarksDocument({ date: new Date(), quick: true, only: [], command: 'x', commit: 'x', machine, totalSeconds: 1, runs: [] }))).not.toContain(
      'CPU reference',
    );
  });
});
