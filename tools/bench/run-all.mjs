#!/usr/bin/env node
// `npm run bench [-- --quick] [--only name,name] [--out DIR]`: builds once, runs every benchmark
// in turn as its own process with `--json`, and writes DIR/benchmarks.json and DIR/benchmarks.md
// (default DIR: docs/) with each figure, its goal, the machine, the date and the commit.
//  --quick   smaller sizes and durations, to try the pipeline out; the report says so
//  --only    a comma-separated selection (`--only orders,desk`; `match-eval` selects all four)
//  --out     write the report somewhere else (default docs/; with --quick or --only the default is
//            tmp/bench/, so that only a full run ever replaces the committed report)
// A benchmark that fails or times out is recorded as failed with the end of its output; the
// others still run. Exit code 1 when any failed (the report is written anyway).
// What runs and which figures and goals are reported: apps/gateway/src/bench/benchmark-suite.ts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { measureCpuReference } from './cpu-reference.mjs';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const options = { quick: false, only: [], out: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => {
      const given = inline ?? argv[++i];
      if (given === undefined || given.startsWith('--')) throw new Error(`${flag} needs a value`);
      return given;
    };
    if (flag === '--quick') options.quick = true;
    else if (flag === '--only') options.only = value().split(',').map((name) => name.trim()).filter(Boolean);
    else if (flag === '--out') options.out = resolve(value());
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run bench [-- --quick] [--only name,name] [--out DIR]');
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]} (options: --quick, --only name,name, --out DIR)`);
  }
  options.out ??= options.quick || options.only.length > 0 ? join(root, 'tmp', 'bench') : join(root, 'docs');
  return options;
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

async function machine() {
  let os = `${type()} ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) os = `${pretty}, ${os}`;
  } catch {
    // not Linux: the kernel's name will do
  }
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os,
    node: process.version,
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
    ...cpuPressure(),
    cpuReference: await measureCpuReference(),
  };
}

/** Linux PSI: the share of the last minute in which some runnable task waited for a CPU. */
function cpuPressure() {
  try {
    const avg60 = /^some .*avg60=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1];
    return avg60 === undefined ? {} : { cpuPressureAtStartPercent: Number(avg60) };
  } catch {
    return {};
  }
}

const seconds = (ms) => Math.round(ms / 100) / 10;
/** The end of what a process printed: enough to see why it failed. */
const tail = (text, lines = 40) => text.trimEnd().split('\n').slice(-lines).join('\n').slice(-4000);

let running;

/** Runs one benchmark to its end (or its time limit); never throws. */
function runBenchmark(definition, evalDir) {
  const envText = Object.entries(definition.env ?? {}).map(([name, value]) => `${name}=${value} `).join('');
  const command = `${envText}node ${definition.script} ${definition.args.join(' ')}`;
  const started = performance.now();
  return new Promise((resolveRun) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    // Its own process group, so that a time-out also stops the services it started.
    const child = spawn(process.execPath, [join(root, definition.script), ...definition.args], {
      cwd: root,
      env: { ...process.env, CALLCART_EVAL_DIR: evalDir, ...definition.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running = child;
    child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk.toString()).slice(-64_000)));
    const stopGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const limit = setTimeout(() => {
      timedOut = true;
      stopGroup('SIGTERM');
      setTimeout(() => stopGroup('SIGKILL'), 15_000).unref();
    }, definition.timeoutMinutes * 60_000);
    const finish = (exitCode, error) => {
      clearTimeout(limit);
      running = undefined;
      const output = parseBenchOutput(stdout);
      const printed = tail(`${stderr}\n${output === undefined ? stdout : ''}`);
      resolveRun({
        name: definition.name,
        command,
        seconds: seconds(performance.now() - started),
        exitCode,
        ...(output === undefined ? {} : { output }),
        ...(timedOut ? { error: `stopped after the ${definition.timeoutMinutes} min time limit\n${printed}` } : {}),
        ...(error ? { error: `${error}\n${printed}` } : !timedOut && output === undefined ? { error: `exit ${exitCode} without a JSON result\n${printed}` } : {}),
      });
    };
    child.once('error', (error) => finish(null, `could not start: ${error.message}`));
    child.once('close', (code, signal) => finish(code ?? signal ?? null));
  });
}

let parseBenchOutput;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const began = performance.now();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  console.log(`bench: building (node tools/build.mjs)…`);
  execFileSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  const suiteModule = require(join(root, 'dist/apps/gateway/src/bench/benchmark-suite.js'));
  const report = require(join(root, 'dist/apps/gateway/src/bench/benchmark-report.js'));
  parseBenchOutput = report.parseBenchOutput;

  // Relative to the repository when it is the default, so the report's commands read the same everywhere.
  const evalDir = process.env.CALLCART_EVAL_DIR ?? '../shared/eval';
  if (!existsSync(resolve(root, evalDir))) console.warn(`bench: evaluation data not found at ${resolve(root, evalDir)} (set CALLCART_EVAL_DIR); the benchmarks that read it will fail`);
  const selected = suiteModule.selectBenchmarks(suiteModule.benchmarkSuite(evalDir, options.quick), options.only);
  const date = new Date();
  const host = await machine();
  console.log(
    `bench: ${selected.length} benchmarks${options.quick ? ' (quick)' : ''} on ${host.cpuCount} × ${host.cpuModel}, load average ${host.loadAverageAtStart.join(' / ')}` +
      (host.cpuPressureAtStartPercent === undefined ? '' : `, CPU pressure ${host.cpuPressureAtStartPercent} %`) +
      ' (other work on the machine slows the figures down)',
  );

  const runs = [];
  for (const [index, definition] of selected.entries()) {
    console.log(`[${index + 1}/${selected.length}] ${definition.name}: ${definition.title}`);
    const run = await runBenchmark(definition, evalDir);
    const rows = report.resultRows(definition, run);
    if (run.output === undefined) {
      console.log(`      FAILED after ${run.seconds} s: ${(run.error ?? '').split('\n')[0]}`);
    } else {
      const goals = rows
        .filter((row) => row.goal !== null)
        .map((row) => `${row.figure} ${row.value === null ? '—' : report.withUnit(row.value, row.unit)} (${row.met ? 'met' : `NOT met: ${report.formatGoal(row.goal, row.unit)}`})`);
      console.log(`      done in ${run.seconds} s${run.exitCode === 0 ? '' : ` (exit ${run.exitCode})`}${goals.length ? `: ${goals.join('; ')}` : ''}`);
    }
    runs.push({ definition, run });
  }

  const totalSeconds = seconds(performance.now() - began);
  const commit = git(['rev-parse', '--short=12', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  const document = report.buildBenchmarksDocument({
    date,
    quick: options.quick,
    only: options.only,
    command,
    commit: dirty ? `${commit} (with uncommitted changes)` : commit,
    machine: host,
    totalSeconds,
    runs,
  });
  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, 'benchmarks.json'), `${JSON.stringify(document, null, 2)}\n`);
  writeFileSync(join(options.out, 'benchmarks.md'), report.renderBenchmarksMarkdown(document));
  const failed = document.benchmarks.filter((benchmark) => benchmark.failed);
  const withGoal = document.results.filter((row) => row.goal !== null);
  console.log(
    `bench: total ${Math.floor(totalSeconds / 60)} min ${Math.round(totalSeconds % 60)} s; goals met ${withGoal.filter((row) => row.met === true).length} of ${withGoal.length}` +
      `${failed.length ? `; FAILED: ${failed.map((benchmark) => benchmark.name).join(', ')}` : ''}; wrote ${join(options.out, 'benchmarks.md')} and benchmarks.json`,
  );
  return failed.length > 0 ? 1 : 0;
}

// Ctrl-C: the running benchmark is in its own process group, so it is told too and may clean up.
process.once('SIGINT', () => {
  if (running?.pid) {
    try {
      process.kill(-running.pid, 'SIGINT');
    } catch {
      // already gone
    }
    running.once('close', () => process.exit(130));
    setTimeout(() => process.exit(130), 20_000).unref();
  } else process.exit(130);
});

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
