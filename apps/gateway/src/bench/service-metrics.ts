import { readFileSync } from 'node:fs';

/**
 * The few process figures a benchmark reads from a service's `/metrics` (prom-client's default
 * metrics) to tell where time went: CPU, garbage collection and event-loop delay.
 */
export interface ProcessSnapshot {
  readonly cpuSeconds: number;
  /** Seconds spent in garbage collection, by kind (minor, major, incremental, weakcb). */
  readonly gcSeconds: Readonly<Record<string, number>>;
  readonly gcCount: number;
  /** Collections that took longer than 10 ms / 100 ms (from the histogram's buckets). */
  readonly gcOver10ms: number;
  readonly gcOver100ms: number;
  /** Event-loop delay since the previous scrape (prom-client resets it at every scrape), seconds. */
  readonly eventLoopLagP99Seconds: number;
  readonly eventLoopLagMaxSeconds: number;
}

/** One sample line: `name{a="b",c="d"} 1.5` → name, labels, value. */
function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || line.startsWith('#')) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    return [{ name: match[1], labels, value: Number(match[3]) }];
  });
}

export function parseProcessSnapshot(text: string): ProcessSnapshot {
  const all = samples(text);
  const one = (name: string) => all.find((sample) => sample.name === name)?.value ?? Number.NaN;
  const sum = (name: string, where: (labels: Record<string, string>) => boolean = () => true) =>
    all.filter((sample) => sample.name === name && where(sample.labels)).reduce((total, sample) => total + sample.value, 0);
  const gcSeconds: Record<string, number> = {};
  for (const sample of all) if (sample.name === 'nodejs_gc_duration_seconds_sum') gcSeconds[sample.labels.kind ?? '?'] = sample.value;
  const gcCount = sum('nodejs_gc_duration_seconds_count');
  return {
    cpuSeconds: one('process_cpu_seconds_total'),
    gcSeconds,
    gcCount,
    gcOver10ms: gcCount - sum('nodejs_gc_duration_seconds_bucket', (labels) => labels.le === '0.01'),
    gcOver100ms: gcCount - sum('nodejs_gc_duration_seconds_bucket', (labels) => labels.le === '0.1'),
    eventLoopLagP99Seconds: one('nodejs_eventloop_lag_p99_seconds'),
    eventLoopLagMaxSeconds: one('nodejs_eventloop_lag_max_seconds'),
  };
}

/** What a service did between two snapshots `wallMs` apart, in the units a reader wants. */
export interface ProcessActivity {
  readonly cpuPercentOfOneCore: number;
  readonly gcMs: number;
  readonly gcMajorMs: number;
  readonly gcCount: number;
  readonly gcOver10ms: number;
  readonly gcOver100ms: number;
  readonly eventLoopLagP99Ms: number;
  readonly eventLoopLagMaxMs: number;
}

export function processActivity(before: ProcessSnapshot, after: ProcessSnapshot, wallMs: number): ProcessActivity {
  const gcTotal = (snapshot: ProcessSnapshot) => Object.values(snapshot.gcSeconds).reduce((sum, seconds) => sum + seconds, 0);
  const ms = (seconds: number) => Math.round(seconds * 10_000) / 10;
  return {
    cpuPercentOfOneCore: Math.round(((after.cpuSeconds - before.cpuSeconds) * 100_000) / wallMs),
    gcMs: ms(gcTotal(after) - gcTotal(before)),
    gcMajorMs: ms((after.gcSeconds.major ?? 0) - (before.gcSeconds.major ?? 0)),
    gcCount: after.gcCount - before.gcCount,
    gcOver10ms: after.gcOver10ms - before.gcOver10ms,
    gcOver100ms: after.gcOver100ms - before.gcOver100ms,
    eventLoopLagP99Ms: ms(after.eventLoopLagP99Seconds),
    eventLoopLagMaxMs: ms(after.eventLoopLagMaxSeconds),
  };
}

/** Scrapes a service's metrics (its `/metrics` URL: the gateway's is on a port of its own). */
export async function scrapeProcess(metricsUrl: string): Promise<ProcessSnapshot> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`${metricsUrl} answered ${response.status}`);
  return parseProcessSnapshot(await response.text());
}

/**
 * Time a process spent runnable but waiting for a CPU (Linux `/proc/<pid>/schedstat`, second
 * field, ns → ms): a service that waits here is starved by other processes, not slow itself.
 * Undefined where there is no such file.
 */
export function runQueueWaitMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const [, waitNs] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return Number.isFinite(waitNs) ? waitNs / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The machine's CPU pressure (Linux PSI, `/proc/pressure/cpu`, "some" total, µs → ms): time in
 * which at least one runnable task waited for a CPU. Undefined where the kernel has no PSI.
 */
export function cpuPressureMs(): number | undefined {
  try {
    const some = readFileSync('/proc/pressure/cpu', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('some '));
    const total = /total=(\d+)/.exec(some ?? '')?.[1];
    return total === undefined ? undefined : Number(total) / 1000;
  } catch {
    return undefined;
  }
}
