// A fixed CPU workload timed at the start of `npm run bench`, so reports made on different
// machines (or on one machine on a busy and a quiet day) can be compared: a figure that moved
// with the reference moved with the machine, not with the code. Two parts, as the benchmarks
// spend their time in both: JavaScript arithmetic (V8, like the matcher and the media paths) and
// native code (SHA-256 in OpenSSL, like pocketsphinx and PostgreSQL).
//
// One worker thread per CPU, all at once, each reporting its own medians: the CPUs of one VM
// need not be alike (on 2026-12-05 this 2-vCPU machine ran the JavaScript part in 48 ms pinned to
// one CPU and 71 ms pinned to the other), and the benchmarks use them all.
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

const RUNS = 5;
/** V8 compiles the loop in tiers; fewer warm-up rounds sometimes measured the slower tier. */
const WARM_UP_RUNS = 10;
const SAMPLES = 4_000_000;
const TAPS = 16;
const HASHED_BYTES = 32 * 2 ** 20;

/** A 16-tap FIR filter over 4 M samples (allocated once): about 0.05 s of V8 arithmetic. */
function javascriptWorkload(input, taps) {
  let checksum = 0;
  for (let i = TAPS; i < SAMPLES; i += 1) {
    let sum = 0;
    for (let k = 0; k < TAPS; k += 1) sum += input[i - k] * taps[k];
    checksum += sum;
  }
  return checksum;
}

/** SHA-256 of the same 32 MiB, four times over: about 0.08 s in OpenSSL. */
function nativeWorkload(hashed) {
  const hash = createHash('sha256');
  for (let pass = 0; pass < 4; pass += 1) hash.update(hashed);
  return hash.digest('hex');
}

function medianMs(work) {
  const times = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(RUNS / 2)] * 10) / 10;
}

function measureThisThread() {
  const input = new Float64Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i += 1) input[i] = ((i * 7919) % 2003) / 2003 - 0.5;
  const taps = Float64Array.from({ length: TAPS }, (_, i) => 1 / (i + 1));
  const hashed = Buffer.alloc(HASHED_BYTES, 0x5a);
  for (let run = 0; run < WARM_UP_RUNS; run += 1) javascriptWorkload(input, taps);
  return { javascriptMs: medianMs(() => javascriptWorkload(input, taps)), nativeMs: medianMs(() => nativeWorkload(hashed)) };
}

/**
 * The reference's times in milliseconds, one entry per CPU, fastest first (lower is a faster
 * machine): `{ javascriptMs: [48.1, 70.9], nativeMs: [...] }`.
 */
export async function measureCpuReference() {
  const threads = Math.max(1, cpus().length);
  const results = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url));
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const sorted = (key) => results.map((result) => result[key]).sort((a, b) => a - b);
  return { javascriptMs: sorted('javascriptMs'), nativeMs: sorted('nativeMs') };
}

if (!isMainThread) parentPort.postMessage(measureThisThread());
