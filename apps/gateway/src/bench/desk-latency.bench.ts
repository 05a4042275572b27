import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ALL_STREAMS, callStartedV1 } from '@callcart/contracts';
import { GatewayClient } from '@callcart/gateway-client';
import { MessageBus } from '@callcart/messaging';
import { BenchStack, type BenchService } from '@callcart/benchmarking';
import { awaitAssignments, type DeskAgent, releaseAgents, seatAgents } from './desk-agents';
import { type CallerPhrase, phrasesFromCatalogue, phrasesFromQueries } from './desk-phrases';
import { DeskTraffic, phrasesWithMatches, type UtteranceTiming } from './desk-traffic';
import { formatLatencies, type LatencySummary, summarizeLatencies } from './latency-summary';
import { cpuPressureMs, type ProcessActivity, processActivity, runQueueWaitMs, scrapeProcess } from './service-metrics';

/**
 * `npm run bench:desk [-- --calls 200] [--seconds 30] [--interval 2000] [--burst-rounds 3]
 *  [--catalogue FILE] [--queries FILE] [--n-best 2] [--catalogue-replicas 1] [--json]
 *  [--timings FILE] [--profile DIR]`
 *
 * Final transcript → matches on the agent's WebSocket, with every part real: catalogue, orders and
 * gateway run as processes from dist/ on a database and NATS prefix of their own. A catalogue is
 * imported with the catalogue CLI; the admin creates one agent per call, each signs in, opens
 * `/api/live` and becomes available; `calls.call.started.v1` is published for every call and each
 * agent answers its ringing call (`call.ringing`). Then every call says a phone-style product phrase every
 * ~2 s (calls staggered across the interval), published as the speech service publishes a final
 * transcript (recognition itself is not measured), and the time from just before publishing to
 * the `matches` frame for that utterance on the agent's socket is measured (goal p99 ≤ 50 ms).
 * A burst phase (all calls at the same instant) shows the worst case. Where the time goes:
 * publish → matches on NATS (catalogue), matches on NATS → socket (gateway), publish →
 * transcript frame (gateway relay without the catalogue), and each service's CPU, garbage
 * collection and event-loop delay while the calls speak (from their /metrics), how long each
 * waited for a CPU (Linux schedstat) and the machine's CPU pressure (PSI), so that a tail caused
 * by other work on the machine can be told from the services' own. `--timings` writes every
 * utterance's times, `--profile` V8 CPU profiles of the catalogue and gateway. Exits 1 when a
 * matches frame never arrived.
 */
const EVAL_DIR = process.env.CALLCART_EVAL_DIR ?? resolve(process.cwd(), '..', 'shared', 'eval');
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const GOAL_P99_MS = 50;
const ADMIN = { username: 'desk-bench-admin', password: 'desk bench admin password' };

interface DeskOptions {
  calls: number;
  seconds: number;
  interval: number;
  burstRounds: number;
  catalogue: string;
  queries?: string;
  currency: string;
  nBest: number;
  catalogueReplicas: number;
  profile?: string;
  timings?: string;
  json?: boolean;
}

function wholeNumber(min: number) {
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return parsed;
  };
}

function parseOptions(argv: string[]): DeskOptions {
  const program = new Command('bench:desk')
    .option('--calls <n>', 'concurrent calls, one agent each (≤ 990: sign-ins per minute from one address)', wholeNumber(1), 200)
    .option('--seconds <n>', 'how long the calls speak', wholeNumber(1), 30)
    .option('--interval <ms>', 'time between one call\'s final transcripts', wholeNumber(100), 2000)
    .option('--burst-rounds <n>', 'rounds of every call speaking at once, after the staggered part (0: none)', wholeNumber(0), 3)
    .option('--catalogue <file>', 'JSONL or CSV catalogue', `${EVAL_DIR}/catalogue-en.jsonl`)
    .option('--queries <file>', 'queries ({noisy, clean} per line); default: the eval set beside the default catalogue, else phrases from product names')
    .option('--currency <code>', "currency of the catalogue's prices", 'USD')
    .option('--n-best <n>', 'alternatives per final transcript: 1 = the noisy text alone, 2 = also the clean one', wholeNumber(1), 2)
    .option('--catalogue-replicas <n>', 'catalogue processes sharing the live matching (queue group)', wholeNumber(1), 1)
    .option('--profile <dir>', 'write V8 CPU profiles of the catalogue and gateway processes into this folder (read with Chrome DevTools)')
    .option('--timings <file>', 'write every utterance\'s timings (ms since the first send) as JSON Lines, to look for patterns')
    .option('--json', 'print one JSON object');
  program.parse(argv, { from: 'user' });
  const options = program.opts<DeskOptions>();
  if (options.calls > 990) throw new Error('--calls: at most 990 (the gateway allows 1,000 sign-ins a minute from one address)');
  if (!existsSync(options.catalogue)) throw new Error(`catalogue ${options.catalogue} not found (set CALLCART_EVAL_DIR or pass --catalogue FILE)`);
  const defaultQueries = `${EVAL_DIR}/queries-en.jsonl`;
  if (!options.queries && resolve(options.catalogue) === resolve(`${EVAL_DIR}/catalogue-en.jsonl`) && existsSync(defaultQueries)) options.queries = defaultQueries;
  if (options.queries && !existsSync(options.queries)) throw new Error(`queries ${options.queries} not found`);
  return options;
}

/**
 * Watches each service's CPU, garbage collection and event-loop delay over a stretch of time
 * (the first scrape also resets prom-client's event-loop histogram, so the delay is the stretch's).
 */
async function watchServices(services: readonly BenchService[]): Promise<() => Promise<{ processes: Record<string, ServiceActivity>; cpuPressurePercent?: number }>> {
  const before = await Promise.all(services.map((service) => scrapeProcess(service.metricsUrl)));
  const waitBefore = services.map((service) => runQueueWaitMs(service.child.pid));
  const pressureBefore = cpuPressureMs();
  const benchBefore = process.cpuUsage();
  const started = performance.now();
  return async () => {
    const wallMs = performance.now() - started;
    const after = await Promise.all(services.map((service) => scrapeProcess(service.metricsUrl)));
    const bench = process.cpuUsage(benchBefore);
    const waited = (i: number) => {
      const now = runQueueWaitMs(services[i].child.pid);
      return now === undefined || waitBefore[i] === undefined ? {} : { runQueueWaitMs: Math.round(now - waitBefore[i]!) };
    };
    const pressureAfter = cpuPressureMs();
    return {
      processes: {
        ...Object.fromEntries(services.map((service, i) => [service.name, { ...processActivity(before[i], after[i], wallMs), ...waited(i) }])),
        bench: { cpuPercentOfOneCore: Math.round((bench.user + bench.system) / 10 / wallMs) },
      },
      ...(pressureBefore === undefined || pressureAfter === undefined ? {} : { cpuPressurePercent: Math.round(((pressureAfter - pressureBefore) * 100) / wallMs) }),
    };
  };
}

/** A service's activity over the measured stretch; the benchmark process itself has its CPU only. */
type ServiceActivity = Partial<ProcessActivity> & { readonly cpuPercentOfOneCore: number; readonly runQueueWaitMs?: number };

interface PhaseFigures extends LatencySummary {
  readonly sent: number;
  readonly matched: number;
  readonly missing: number;
  /** Never answered on NATS: the catalogue published no matches. */
  readonly missingAtCatalogue: number;
  /** Answered on NATS but no frame on the socket: lost between NATS and the agent. */
  readonly missingAtGateway: number;
  readonly frames: number;
}

function phaseFigures(timings: readonly UtteranceTiming[]): PhaseFigures {
  const arrived = timings.filter((timing) => timing.socketMatchesAt !== undefined);
  return {
    sent: timings.length,
    matched: arrived.length,
    missing: timings.length - arrived.length,
    missingAtCatalogue: timings.filter((timing) => timing.socketMatchesAt === undefined && timing.natsMatchesAt === undefined).length,
    missingAtGateway: timings.filter((timing) => timing.socketMatchesAt === undefined && timing.natsMatchesAt !== undefined).length,
    frames: timings.reduce((sum, timing) => sum + timing.socketMatchesFrames, 0),
    ...summarizeLatencies(arrived.map((timing) => timing.socketMatchesAt! - timing.sentAt)),
  };
}

function stageFigures(timings: readonly UtteranceTiming[]) {
  const both = timings.filter((timing) => timing.socketMatchesAt !== undefined && timing.natsMatchesAt !== undefined);
  return {
    catalogue: summarizeLatencies(timings.flatMap((timing) => (timing.natsMatchesAt === undefined ? [] : [timing.natsMatchesAt - timing.sentAt]))),
    gatewayToSocket: summarizeLatencies(both.map((timing) => timing.socketMatchesAt! - timing.natsMatchesAt!)),
    transcriptRelay: summarizeLatencies(timings.flatMap((timing) => (timing.socketTranscriptAt === undefined ? [] : [timing.socketTranscriptAt - timing.sentAt]))),
  };
}

function writeTimings(path: string, timings: readonly UtteranceTiming[]): void {
  const origin = Math.min(...timings.map((timing) => timing.sentAt));
  const since = (at: number | undefined) => (at === undefined ? null : Number((at - origin).toFixed(2)));
  const lines = timings.map((timing) =>
    JSON.stringify({
      callId: timing.callId,
      utteranceId: timing.utteranceId,
      phase: timing.phase,
      sentAt: since(timing.sentAt),
      sentEpochMs: Math.round(performance.timeOrigin + timing.sentAt),
      natsMatchesAt: since(timing.natsMatchesAt),
      socketMatchesAt: since(timing.socketMatchesAt),
      socketTranscriptAt: since(timing.socketTranscriptAt),
    }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function run(options: DeskOptions, log: (line: string) => void, stack: BenchStack): Promise<Record<string, unknown>> {
  const runId = randomBytes(3).toString('hex');
  const loadBefore = loadavg().map((value) => Number(value.toFixed(2)));
  const phraseSource = options.queries ?? `product names of ${options.catalogue}`;
  const candidates: CallerPhrase[] = (options.queries ? phrasesFromQueries(options.queries) : phrasesFromCatalogue(options.catalogue)).map((phrase) => ({
    ...phrase,
    alternatives: phrase.alternatives.slice(0, options.nBest),
  }));
  const setup: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    setup[name] = Number(((performance.now() - started) / 1000).toFixed(1));
    log(`  ${name}: ${setup[name]} s`);
    return result;
  };

  log(`desk latency: ${options.calls} calls, database ${stack.databaseName}, NATS prefix ${stack.prefix}`);
  await stack.createDatabase();
  const imported = await timed('import', () =>
    stack.importCatalogue(options.catalogue, ['--currency', options.currency, '--duplicate-item-numbers', 'assign-new', '--max-rejected', '1']),
  );
  const importSummary = imported.split('\n').find((line) => /created/i.test(line))?.trim() ?? '';
  const services = await timed('services', async () => {
    const profiled = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.profile)}`] : [];
    const catalogues = [await stack.start('catalogue', {}, profiled)];
    for (let i = 1; i < options.catalogueReplicas; i += 1) catalogues.push(await stack.start('catalogue', {}, profiled));
    const [orders, gateway] = await Promise.all([
      stack.start('orders', { REGISTRATION_THRESHOLD: '1h' }),
      stack.start('gateway', { GATEWAY_ADMIN_USERNAME: ADMIN.username, GATEWAY_ADMIN_PASSWORD: ADMIN.password, GATEWAY_SIGN_IN_FREE_FAILURES: '1000', GATEWAY_SIGN_IN_ADDRESS_FREE_FAILURES: '10000' }, profiled),
    ]);
    return { catalogues, orders, gateway };
  });
  const bus = await MessageBus.connect({ servers: NATS_URL, prefix: stack.prefix, serviceName: 'desk-bench', streams: ALL_STREAMS, user: process.env.NATS_USER, password: process.env.NATS_PASSWORD });
  let agents: DeskAgent[] = [];
  try {
    const { kept: phrases, unloadedMs } = await timed('phrases', () => phrasesWithMatches(bus, candidates, runId));
    if (phrases.length === 0) throw new Error(`none of the ${candidates.length} phrases got matches from the catalogue`);
    log(`  ${phrases.length} of ${candidates.length} phrases name a product the catalogue matches; unloaded publish → matches on NATS: ${formatLatencies(summarizeLatencies(unloadedMs))}`);

    const admin = await GatewayClient.signInStaff(services.gateway.url, ADMIN.username, ADMIN.password);
    agents = await timed('agents', () => seatAgents(services.gateway.url, admin, options.calls, runId));
    const callStartedAt = performance.now();
    await timed('assignment', async () => {
      for (let i = 0; i < options.calls; i += 1) {
        const callId = `CAdesk${runId}x${i}`;
        await bus.publish(callStartedV1, {
          callId,
          callerNumber: `+86138${String(i).padStart(8, '0')}`,
          dialledNumber: '+861088886666',
          startedAt: new Date().toISOString(),
          provider: { name: 'twilio', callSid: callId, streamSid: `MZ${callId}` },
        });
      }
      await awaitAssignments(agents, 120_000);
    });
    // Let routing notices, screen pops and queue updates settle before the clock starts.
    await new Promise((settle) => setTimeout(settle, 2000));

    const traffic = await DeskTraffic.listen(bus, agents);
    const activity = await watchServices([...services.catalogues, services.orders, services.gateway]);
    log(`speaking: ${options.calls} calls, a final transcript every ${options.interval} ms each, for ${options.seconds} s`);
    await traffic.staggered(phrases, options.seconds, options.interval, callStartedAt);
    await traffic.settle(10_000);
    const { processes, cpuPressurePercent } = await activity();
    if (options.burstRounds > 0) {
      log(`burst: ${options.burstRounds} × all ${options.calls} calls at once`);
      await traffic.burst(phrases, options.burstRounds, 3000, callStartedAt);
      await traffic.settle(10_000);
    }

    const staggered = traffic.timings('staggered');
    if (options.timings) writeTimings(options.timings, [...staggered, ...traffic.timings('burst')]);
    const figures = phaseFigures(staggered);
    const burst = options.burstRounds > 0 ? phaseFigures(traffic.timings('burst')) : undefined;
    return {
      benchmark: 'desk-latency',
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg().map((value) => Number(value.toFixed(2))),
        cpuPressurePercent,
      },
      settings: {
        calls: options.calls,
        seconds: options.seconds,
        intervalMs: options.interval,
        burstRounds: options.burstRounds,
        nBest: options.nBest,
        catalogueReplicas: options.catalogueReplicas,
        catalogue: options.catalogue,
        imported: importSummary,
        phraseSource,
        phrases: phrases.length,
      },
      transcriptToMatchesMs: { ...figures, goalP99Ms: GOAL_P99_MS, met: figures.missing === 0 && figures.p99 <= GOAL_P99_MS },
      burstMs: burst,
      stagesMs: { ...stageFigures(staggered), catalogueUnloaded: summarizeLatencies(unloadedMs) },
      processes,
      setupSeconds: setup,
    };
  } finally {
    await releaseAgents(agents);
    await bus.close().catch(() => undefined);
  }
}

function printReport(result: Record<string, unknown>): void {
  const figures = result.transcriptToMatchesMs as PhaseFigures & { met: boolean };
  const burst = result.burstMs as PhaseFigures | undefined;
  const stages = result.stagesMs as Record<string, LatencySummary>;
  const settings = result.settings as Record<string, unknown>;
  const machine = result.machine as Record<string, unknown>;
  const lines = [
    `desk latency benchmark (${String(result.date)}, ${String(machine.cpus)} × ${String(machine.cpu)}, Node ${String(machine.node)}, load ${String(machine.loadAverageBefore)} → ${String(machine.loadAverageAfter)})`,
    `  ${String(settings.calls)} calls, a final transcript (${String(settings.nBest)}-best) every ${String(settings.intervalMs)} ms each for ${String(settings.seconds)} s; ${String(settings.phrases)} phrases from ${String(settings.phraseSource)}; ${String(settings.catalogueReplicas)} catalogue process(es)`,
    `  final transcript → matches frame on the agent's socket: ${formatLatencies(figures)}  (goal p99 ≤ ${GOAL_P99_MS} ms: ${figures.met ? 'met' : 'NOT met'})`,
    `  frames: ${figures.matched} of ${figures.sent} utterances answered on the socket, ${figures.missing} missing (${figures.missingAtCatalogue} never matched on NATS, ${figures.missingAtGateway} lost after NATS); ${figures.frames} matches frames in all`,
    ...(burst ? [`  worst case, all calls at once: ${formatLatencies(burst)}; ${burst.missing} of ${burst.sent} missing`] : []),
    `  where the time goes (staggered part):`,
    `    publish → matches on NATS (catalogue):        ${formatLatencies(stages.catalogue)}`,
    `    matches on NATS → socket (gateway + socket):  ${formatLatencies(stages.gatewayToSocket)}`,
    `    publish → transcript frame (no catalogue):    ${formatLatencies(stages.transcriptRelay)}`,
    `    catalogue unloaded (one phrase at a time):    ${formatLatencies(stages.catalogueUnloaded)}`,
    `  while speaking (staggered part), per process:`,
    ...Object.entries(result.processes as Record<string, ServiceActivity>).map(([name, activity]) =>
      activity.gcMs === undefined
        ? `    ${name.padEnd(12)} CPU ${activity.cpuPercentOfOneCore} % of a core`
        : `    ${name.padEnd(12)} CPU ${activity.cpuPercentOfOneCore} % of a core${activity.runQueueWaitMs === undefined ? '' : `, waited ${activity.runQueueWaitMs} ms for a CPU`}; GC ${activity.gcMs} ms (major ${activity.gcMajorMs} ms; ${activity.gcCount} collections, ${activity.gcOver10ms} over 10 ms, ${activity.gcOver100ms} over 100 ms); event-loop delay p99 ${activity.eventLoopLagP99Ms} ms, max ${activity.eventLoopLagMaxMs} ms`,
    ),
    ...(machine.cpuPressurePercent === undefined ? [] : [`    machine: some runnable task waited for a CPU ${String(machine.cpuPressurePercent)} % of the time (PSI; other work on the machine shows here)`]),
    `  set-up: ${Object.entries(result.setupSeconds as Record<string, number>).map(([name, seconds]) => `${name} ${seconds} s`).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  // Progress goes to stderr, so that stdout is the report (or, with --json, the one object).
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stack = new BenchStack({ adminUrl: ADMIN_URL, natsUrl: NATS_URL, label: 'desk' });
  const stop = () => void stack.dispose().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let result: Record<string, unknown>;
  try {
    result = await run(options, log, stack);
  } finally {
    await stack.dispose();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else printReport(result);
  const missing = (result.transcriptToMatchesMs as PhaseFigures).missing + ((result.burstMs as PhaseFigures | undefined)?.missing ?? 0);
  if (missing > 0) {
    process.stderr.write(`\n!!! ${missing} utterances never got their matches frame on the agent's socket: this must be 0 !!!\n\n`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:desk: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
