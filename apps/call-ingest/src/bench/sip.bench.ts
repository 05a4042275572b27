import 'reflect-metadata';
import { connect } from '@nats-io/transport-node';
import { Command, InvalidArgumentError } from 'commander';
import { encodeAlaw } from '@callcart/audio';
import { audioFrameV1 } from '@callcart/contracts';
import { BenchStack } from '@callcart/benchmarking';
import { SipLoadGenerator } from './sip-load-generator';

/**
 * `npm run bench:sip [-- --calls 300] [--seconds 20] [--json]`: call-ingest as its own process
 * (built, as in production) with SIP on; this process is the load generator (its own SIP phones
 * and RTP senders, {@link SipLoadGenerator}): it dials N calls (PCMA, 100 a second), sends each
 * 20 ms of audio every 20 ms for `--seconds`, hangs up. Reported: frames sent against frames
 * call-ingest published (its own counter: lost, goal 0 at 300 calls) and against those a NATS
 * subscriber here saw; call set-up INVITE → 180 and → 200 (p50/p99); the RFC 3550 jitter, the
 * longest gap and the shortfall of the RTP callcart sends back (the waiting audio, paced by its
 * media clock: packets a 20 ms clock owed between each call's first and last packet that never
 * came); call-ingest's CPU per call.
 */

interface BenchOptions {
  calls: number;
  seconds: number;
  json?: boolean;
}

const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const DIAL_BATCH = 10;
const DIAL_BATCH_INTERVAL_MS = 100;

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function metric(metricsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const cpuSeconds = async (metricsUrl: string) => (await metric(metricsUrl, 'process_cpu_user_seconds_total')) + (await metric(metricsUrl, 'process_cpu_system_seconds_total'));

/** A 440 Hz tone frame in A-law, the same for every packet. */
function toneFrame(): Buffer {
  return Buffer.from(encodeAlaw(Int16Array.from({ length: 160 }, (_, n) => Math.round(6000 * Math.sin((2 * Math.PI * 440 * n) / 8000)))));
}

async function bench(options: BenchOptions): Promise<Record<string, number | string>> {
  const stack = new BenchStack({ adminUrl: ADMIN_URL, natsUrl: NATS_URL, label: 'sip' });
  const sipPort = 30000 + Math.floor(Math.random() * 5000);
  const rtpMin = 36000 + 2 * Math.floor(Math.random() * 2000);
  const generator = new SipLoadGenerator({ host: '127.0.0.1', port: sipPort });
  const nc = await connect({ servers: NATS_URL.split(','), user: process.env.NATS_USER, pass: process.env.NATS_PASSWORD });
  try {
    const service = await stack.start('call-ingest', {
      SIP_ENABLED: 'true',
      SIP_BIND: '127.0.0.1',
      SIP_PORT: String(sipPort),
      SIP_MAX_CALLS: String(options.calls + 10),
      RTP_PORT_MIN: String(rtpMin),
      RTP_PORT_MAX: String(rtpMin + 2 * options.calls + 100),
    });
    const framesByCall = new Map<string, number>();
    nc.subscribe(`${stack.prefix}.${audioFrameV1.subject}.*`, {
      callback: (_error, msg) => {
        const callId = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
        framesByCall.set(callId, (framesByCall.get(callId) ?? 0) + 1);
      },
    });
    await nc.flush();
    await generator.open();
    for (let dialled = 0; dialled < options.calls; dialled += DIAL_BATCH) {
      await Promise.all(Array.from({ length: Math.min(DIAL_BATCH, options.calls - dialled) }, () => generator.dial()));
      await sleep(DIAL_BATCH_INTERVAL_MS);
    }
    const answerDeadline = Date.now() + 10_000;
    while (generator.all.some((call) => call.answeredAt === undefined) && Date.now() < answerDeadline) await sleep(50);
    const cpuBefore = await cpuSeconds(service.metricsUrl);
    const publishedBefore = await metric(service.metricsUrl, 'callcart_ingest_frames_published_total');
    const frame = toneFrame();
    const ticks = options.seconds * 50;
    const began = performance.now();
    let lagMax = 0;
    for (let tick = 0; tick < ticks; tick += 1) {
      const due = began + tick * 20;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      lagMax = Math.max(lagMax, performance.now() - due);
      generator.tick(frame);
    }
    const streamedSeconds = (performance.now() - began) / 1000;
    const cpu = (await cpuSeconds(service.metricsUrl)) - cpuBefore;
    const sent = generator.all.reduce((sum, call) => sum + call.packetsSent, 0);
    // call-ingest's own counter decides what was lost (as bench:ingest does); the NATS subscriber
    // here shares this process with the phones and may fall behind on a busy machine.
    const received = () => [...framesByCall.values()].reduce((sum, count) => sum + count, 0);
    const publishedSince = async () => (await metric(service.metricsUrl, 'callcart_ingest_frames_published_total')) - publishedBefore;
    const settleUntil = Date.now() + 30_000;
    while ((await publishedSince()) < sent && received() < sent && Date.now() < settleUntil) await sleep(100);
    generator.hangUpAll();
    const byeDeadline = Date.now() + 5000;
    while (generator.all.some((call) => call.toTag && !call.byeAnswered) && Date.now() < byeDeadline) await sleep(50);
    // Counted when each call ends: read after the BYEs.
    const rtpLost = await metric(service.metricsUrl, 'callcart_sip_rtp_packets_lost_total');
    const rtpSentByIngest = await metric(service.metricsUrl, 'callcart_sip_rtp_packets_sent_total');
    // A frame counts as delivered when call-ingest counted it published or the subscriber saw it.
    const publishedByIngest = await publishedSince();
    const delivered = Math.max(publishedByIngest, received());
    const calls = generator.all;
    const answered = calls.filter((call) => call.answeredAt !== undefined);
    const ringing = calls.filter((call) => call.ringingAt !== undefined).map((call) => call.ringingAt! - call.inviteSentAt);
    const answering = answered.map((call) => call.answeredAt! - call.inviteSentAt);
    const jitters = answered.map((call) => call.jitterMs);
    const activeCalls = answered.length;
    // What a 20 ms clock owed each caller between the first and the last packet it sent them.
    const owed = answered.reduce((sum, call) => sum + (call.firstArrival === undefined ? 0 : Math.round((call.lastArrival! - call.firstArrival) / 20) + 1), 0);
    const receivedBack = answered.reduce((sum, call) => sum + call.packetsReceived, 0);
    return {
      calls: options.calls,
      seconds: options.seconds,
      callsAnswered: activeCalls,
      callsEndedByBye: calls.filter((call) => call.byeAnswered).length,
      framesSent: sent,
      framesPublishedByIngest: publishedByIngest,
      framesReceivedOnNats: received(),
      framesLost: sent - delivered,
      rtpPacketsLostAtIngest: rtpLost,
      setupRingingP50Ms: round(percentile(ringing, 50)),
      setupRingingP99Ms: round(percentile(ringing, 99)),
      setupAnsweredP99Ms: round(percentile(answering, 99)),
      callcartRtpJitterMeanMs: round(jitters.reduce((sum, value) => sum + value, 0) / Math.max(1, jitters.length)),
      callcartRtpJitterMaxMs: round(Math.max(...jitters)),
      callcartRtpLongestGapMs: round(Math.max(...answered.map((call) => call.maxGapMs))),
      callcartRtpPacketsSent: rtpSentByIngest,
      callcartRtpPacketsReceived: receivedBack,
      callcartRtpPacketsOwed: owed,
      callcartRtpShortfallPercent: round((Math.max(0, owed - receivedBack) / Math.max(1, owed)) * 100, 3),
      generatorTickLagMaxMs: round(lagMax, 1),
      ingestCpuSeconds: round(cpu),
      ingestCpuPercentOfCorePerCall: round((cpu / streamedSeconds / Math.max(1, activeCalls)) * 100, 3),
      ingestCallsPerCore: Math.floor(activeCalls / (cpu / streamedSeconds)),
    };
  } finally {
    generator.close();
    await nc.drain().catch(() => undefined);
    await stack.dispose();
  }
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('bench:sip')
    .option('--calls <n>', 'concurrent calls', positiveInt, 300)
    .option('--seconds <n>', 'seconds of audio per call', positiveInt, 20)
    .option('--json', 'print one JSON object');
  program.parse(argv, { from: 'user' });
  const options = program.opts<BenchOptions>();
  const result = await bench(options);
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else for (const [name, value] of Object.entries(result)) process.stdout.write(`${name.padEnd(32)} ${value}\n`);
  return result.framesLost === 0 && result.callsAnswered === options.calls ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:sip: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
