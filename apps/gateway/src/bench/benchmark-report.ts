import type { BenchFigure, BenchmarkDefinition, Goal } from './benchmark-suite';

/** How one benchmark process ended, as tools/bench/run-all.mjs saw it. */
export interface BenchmarkRun {
  readonly name: string;
  /** The command as run, for the report. */
  readonly command: string;
  readonly seconds: number;
  readonly exitCode: number | string | null;
  /** The benchmark's JSON output; undefined when none could be read. */
  readonly output?: unknown;
  /** Why there is no output (exit code, timeout), with the end of what the process printed. */
  readonly error?: string;
}

export interface Machine {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  /** 1, 5 and 15 minute load averages when the run started: a busy machine shows here. */
  readonly loadAverageAtStart?: readonly number[];
  /** Share of the last minute in which some runnable task waited for a CPU (Linux PSI), at start. */
  readonly cpuPressureAtStartPercent?: number;
  /**
   * A fixed CPU workload timed at the start (tools/bench/cpu-reference.mjs), one thread per CPU
   * at once, medians in ms, fastest first: a figure that moved with these between two reports
   * moved with the machine, not the code.
   */
  readonly cpuReference?: { readonly javascriptMs: readonly number[]; readonly nativeMs: readonly number[] };
}

/** One row of docs/benchmarks.json's `results`. */
export interface ResultRow {
  readonly name: string;
  readonly figure: string;
  readonly value: number | null;
  readonly unit: string;
  readonly goal: Goal | null;
  /** null: no goal was set; false also when the figure is missing or the benchmark failed. */
  readonly met: boolean | null;
  readonly command: string;
  readonly error?: string;
}

export interface BenchmarksDocument {
  readonly date: string;
  readonly quick: boolean;
  /** The `--only` selection, when the run was partial. */
  readonly only?: readonly string[];
  readonly command: string;
  readonly commit: string;
  readonly machine: Machine;
  readonly totalSeconds: number;
  readonly benchmarks: readonly { name: string; title: string; command: string; seconds: number; exitCode: number | string | null; failed: boolean }[];
  readonly results: readonly ResultRow[];
}

export function goalMet(goal: Goal | null, value: number | null): boolean | null {
  if (goal === null) return null;
  if (value === null) return false;
  if (goal.op === '>=') return value >= goal.value;
  if (goal.op === '<=') return value <= goal.value;
  return value === goal.value;
}

/**
 * A benchmark's JSON result from what it printed on stdout: the whole output as one JSON value
 * (some pretty-print it), else the last line that is a JSON object (others log before it).
 */
export function parseBenchOutput(stdout: string): unknown {
  const whole = stdout.trim();
  if (whole === '') return undefined;
  try {
    return JSON.parse(whole) as unknown;
  } catch {
    // not one JSON value: look for the last line that is
  }
  const lines = whole.split('\n').map((line) => line.trim());
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (!lines[i].startsWith('{')) continue;
    try {
      return JSON.parse(lines[i]) as unknown;
    } catch {
      // a log line that only looks like JSON
    }
  }
  return undefined;
}

/** The failure of a run: its error, or a process that printed no JSON. */
function failureOf(run: BenchmarkRun): string | undefined {
  if (run.output !== undefined) return undefined;
  return run.error ?? `exit ${String(run.exitCode)} without a JSON result`;
}

/** A benchmark's rows: one per figure, or a single failed row when it produced no result. */
export function resultRows(definition: BenchmarkDefinition, run: BenchmarkRun): ResultRow[] {
  const failure = failureOf(run);
  if (failure !== undefined) {
    return [{ name: definition.name, figure: 'run', value: null, unit: '', goal: null, met: false, command: run.command, error: failure }];
  }
  let figures: BenchFigure[];
  try {
    figures = definition.figures(run.output);
  } catch (error) {
    const message = `its JSON could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return [{ name: definition.name, figure: 'run', value: null, unit: '', goal: null, met: false, command: run.command, error: message }];
  }
  return figures.map((figure) => ({ name: definition.name, ...figure, met: goalMet(figure.goal, figure.value), command: run.command }));
}

export function buildBenchmarksDocument(input: {
  readonly date: Date;
  readonly quick: boolean;
  readonly only: readonly string[];
  readonly command: string;
  readonly commit: string;
  readonly machine: Machine;
  readonly totalSeconds: number;
  readonly runs: readonly { definition: BenchmarkDefinition; run: BenchmarkRun }[];
}): BenchmarksDocument {
  return {
    date: input.date.toISOString(),
    quick: input.quick,
    ...(input.only.length > 0 ? { only: input.only } : {}),
    command: input.command,
    commit: input.commit,
    machine: input.machine,
    totalSeconds: input.totalSeconds,
    benchmarks: input.runs.map(({ definition, run }) => ({
      name: definition.name,
      title: definition.title,
      command: run.command,
      seconds: run.seconds,
      exitCode: run.exitCode,
      failed: failureOf(run) !== undefined,
    })),
    results: input.runs.flatMap(({ definition, run }) => resultRows(definition, run)),
  };
}

const OPERATORS: Record<Goal['op'], string> = { '>=': '≥', '<=': '≤', '=': '=' };

/** `564/s`, `1.7 s`, `88.3 %`, `24,627`. */
export function withUnit(value: number, unit: string): string {
  const number = Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  if (unit === '') return number;
  return unit.startsWith('/') ? `${number}${unit}` : `${number} ${unit}`;
}

export function formatGoal(goal: Goal | null, unit: string): string {
  return goal === null ? '—' : `${OPERATORS[goal.op]} ${withUnit(goal.value, unit)}`;
}

function formatMet(met: boolean | null): string {
  if (met === null) return '—';
  return met ? 'yes' : '**no**';
}

/** Text for a Markdown table cell (no pipes or line breaks). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function duration(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** docs/benchmarks.md: the machine, the date, the command, then a table per benchmark. */
export function renderBenchmarksMarkdown(document: BenchmarksDocument): string {
  const { machine } = document;
  const withGoal = document.results.filter((row) => row.goal !== null);
  const failed = document.benchmarks.filter((benchmark) => benchmark.failed);
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench\` — not edited by hand; run the command again to update it (\`npm run bench -- --out DIR\` writes elsewhere).`,
    '',
  ];
  if (document.quick) lines.push('> **Quick run** (`--quick`): smaller sizes and shorter durations to try the pipeline out. These figures are not comparable with the goals.', '');
  if (document.only) lines.push(`> **Partial run**: only ${document.only.join(', ')}.`, '');
  lines.push(
    `- date: ${document.date}`,
    `- command: \`${document.command}\``,
    `- commit: ${document.commit}`,
    `- machine: ${machine.cpuCount} × ${machine.cpuModel}, ${machine.memoryGb} GB memory, ${machine.os}, Node ${machine.node}` +
      (machine.loadAverageAtStart ? `; load average at start ${machine.loadAverageAtStart.join(' / ')}` : '') +
      (machine.cpuPressureAtStartPercent === undefined ? '' : `; CPU pressure at start ${machine.cpuPressureAtStartPercent} % (tasks waiting for a CPU over the last minute)`),
    ...(machine.cpuReference
      ? [
          `- CPU reference at start (one thread per CPU at once): JavaScript ${machine.cpuReference.javascriptMs.join(' / ')} ms, native ${machine.cpuReference.nativeMs.join(' / ')} ms ` +
            '(tools/bench/cpu-reference.mjs; lower is faster: compare two reports by these before comparing their figures)',
        ]
      : []),
    `- total time: ${duration(document.totalSeconds)}; goals met: ${withGoal.filter((row) => row.met === true).length} of ${withGoal.length}` +
      (failed.length > 0 ? `; **${failed.length} benchmark(s) failed**: ${failed.map((benchmark) => benchmark.name).join(', ')}` : ''),
    '',
  );
  if (withGoal.length > 0) {
    lines.push('## Goals', '', '| benchmark | figure | value | goal | met |', '|---|---|---|---|---|');
    for (const row of withGoal) lines.push(`| ${row.name} | ${cell(row.figure)} | ${row.value === null ? '—' : withUnit(row.value, row.unit)} | ${formatGoal(row.goal, row.unit)} | ${formatMet(row.met)} |`);
    lines.push('');
  }
  for (const benchmark of document.benchmarks) {
    const rows = document.results.filter((row) => row.name === benchmark.name);
    lines.push(`## ${benchmark.name}`, '', `${benchmark.title}. \`${benchmark.command}\` (${duration(benchmark.seconds)})`, '');
    if (benchmark.failed) {
      lines.push(`**Failed** (exit ${String(benchmark.exitCode)}):`, '', '```', ...(rows[0]?.error ?? '').split('\n'), '```', '');
      continue;
    }
    if (benchmark.exitCode !== 0) lines.push(`Exited ${String(benchmark.exitCode)} after printing its figures (a benchmark exits non-zero when a must-be-zero figure is not).`, '');
    lines.push('| figure | value | goal | met |', '|---|---|---|---|');
    for (const row of rows) lines.push(`| ${cell(row.figure)} | ${row.value === null ? '—' : withUnit(row.value, row.unit)} | ${formatGoal(row.goal, row.unit)} | ${formatMet(row.met)} |`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
