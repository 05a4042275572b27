import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { agentAudioFrameV1, ALL_STREAMS, audioFrameV1, voiceSessionOfferV1 } from '@callcart/contracts';
import { BenchStack, percentile, type BenchService } from '@callcart/benchmarking';
import { MessageBus } from '@callcart/messaging';
import { WebRtcAgent } from '@callcart/telephony';
import { parseVoiceBenchOptions, type VoiceBenchOptions } from './voice-bench.options';

/**
 * `npm run bench:voice [-- --calls 100] [--seconds 20] [--json]`: that many bridged calls at
 * once through the voice service (its own process, on a NATS prefix of the bench's own). Per
 * call, every 20 ms the caller's frame is published on NATS and the agent (a werift peer in this
 * process) sends an RTP packet; each carries its tick number in its first bytes, so the other
 * end knows when it left. Measured: the delay each way (caller frame published → RTP at the
 * agent; agent RTP sent → agent frame on NATS), packets lost each way, and the voice service's
 * CPU per bridged call. The agents' DTLS/SRTP runs in this process too, so the delays include
 * its share of the machine: an upper bound for what the voice service adds.
 */

const FRAME_MS = 20;
const WARM_UP_TICKS = 50;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A 160-byte µ-law frame whose first four bytes are the tick (never all 0xff, so never mistaken for silence). */
function taggedFrame(tick: number): Uint8Array {
  const frame = new Uint8Array(160).fill(0x55);
  new DataView(frame.buffer).setUint32(0, tick);
  return frame;
}
const tickOf = (payload: Uint8Array) => new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0);
const isSilence = (payload: Uint8Array) => payload.every((byte) => byte === 0xff);

async function cpuSeconds(service: BenchService): Promise<number> {
  const text = await (await fetch(service.metricsUrl)).text();
  // `process_cpu_user_seconds_total{service="voice"} 1.25`
  const value = (name: string) => Number(text.split('\n').find((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))?.split(' ').pop() ?? Number.NaN);
  return value('process_cpu_user_seconds_total') + value('process_cpu_system_seconds_total');
}

/** Milliseconds some task waited for a CPU since boot (Linux PSI), if the kernel tells. */
function cpuPressureMs(): number | undefined {
  try {
    const total = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1];
    return total === undefined ? undefined : Number(total) / 1000;
  } catch {
    return undefined;
  }
}

interface Direction {
  sentAt: Map<string, number>;
  delays: number[];
  received: Set<string>;
  sent: number;
}
const direction = (): Direction => ({ sentAt: new Map(), delays: [], received: new Set(), sent: 0 });

function summary(measured: Direction) {
  const sorted = [...measured.delays].sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Number(value.toFixed(2)));
  return { sent: measured.sent, received: measured.received.size, lost: measured.sent - measured.received.size, p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)), maxMs: round(sorted[sorted.length - 1] ?? null) };
}

async function bench(options: VoiceBenchOptions) {
  const stack = new BenchStack({ adminUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', label: 'voice' });
  const agents: WebRtcAgent[] = [];
  let bus: MessageBus | undefined;
  try {
    const voice = await stack.start('voice', { AGENT_AUDIO_LOSS_MS: '600000' }, process.env.VOICE_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.VOICE_BENCH_PROFILE}`] : []);
    bus = await MessageBus.connect({ servers: stack.env.NATS_URL.split(','), prefix: stack.prefix, serviceName: 'bench-voice', streams: ALL_STREAMS, requestTimeoutMs: 20_000, user: process.env.NATS_USER, password: process.env.NATS_PASSWORD });
    const toAgent = direction();
    const fromAgent = direction();
    let measuring = false;
    let silenceFilled = 0;
    const callIds = Array.from({ length: options.calls }, (_, i) => `CA-bench-voice-${i}`);
    const heardAny = new Set<string>();
    await bus.subscribeBinary(agentAudioFrameV1, (header, body) => {
      if (isSilence(body)) {
        if (measuring) silenceFilled += 1;
        return;
      }
      const key = `${header.callId}/${tickOf(body)}`;
      const sentAt = fromAgent.sentAt.get(key);
      if (sentAt === undefined || fromAgent.received.has(key)) return;
      fromAgent.received.add(key);
      fromAgent.delays.push(performance.now() - sentAt);
    });
    for (let i = 0; i < callIds.length; i += 10) {
      await Promise.all(
        callIds.slice(i, i + 10).map(async (callId) => {
          const agent = new WebRtcAgent();
          agents.push(agent);
          agent.onPacket((packet, receivedAt) => {
            heardAny.add(callId);
            const key = `${callId}/${tickOf(packet.payload)}`;
            const sentAt = toAgent.sentAt.get(key);
            if (sentAt === undefined || toAgent.received.has(key)) return;
            toAgent.received.add(key);
            toAgent.delays.push(receivedAt - sentAt);
          });
          const reply = await bus!.request(voiceSessionOfferV1, { callId, agentId: randomUUID(), sdp: await agent.offer() });
          if (!reply.ok) throw new Error(`offer for ${callId} refused: ${reply.code} ${reply.message}`);
          await agent.accept(reply.sdp, 30_000);
        }),
      );
    }
    const ticks = WARM_UP_TICKS + options.seconds * (1000 / FRAME_MS);
    let cpuBefore = 0;
    let benchCpuBefore = process.cpuUsage();
    let pressureBefore: number | undefined;
    let measureStartedAt = 0;
    let lagMax = 0;
    const began = performance.now();
    for (let tick = 0; tick < ticks; tick += 1) {
      const due = began + tick * FRAME_MS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (tick === WARM_UP_TICKS) {
        measuring = true;
        cpuBefore = await cpuSeconds(voice);
        benchCpuBefore = process.cpuUsage();
        pressureBefore = cpuPressureMs();
        measureStartedAt = performance.now();
      }
      if (measuring) lagMax = Math.max(lagMax, performance.now() - due);
      const frame = taggedFrame(tick);
      for (const [index, callId] of callIds.entries()) {
        const key = `${callId}/${tick}`;
        if (measuring) {
          toAgent.sentAt.set(key, performance.now());
          toAgent.sent += 1;
        }
        bus.publishBinary(audioFrameV1, { callId, sequenceNumber: tick, timestampMs: tick * FRAME_MS, encoding: 'mulaw', sampleRateHz: 8000 }, frame);
        if (measuring) {
          fromAgent.sentAt.set(key, performance.now());
          fromAgent.sent += 1;
        }
        agents[index].send({ sequenceNumber: tick, timestamp: tick * 160, payload: frame });
      }
    }
    const measuredSeconds = (performance.now() - measureStartedAt) / 1000;
    const cpu = (await cpuSeconds(voice)) - cpuBefore;
    const benchCpuUsed = process.cpuUsage(benchCpuBefore);
    const benchCpu = (benchCpuUsed.user + benchCpuUsed.system) / 1e6;
    const pressureAfter = cpuPressureMs();
    const settleUntil = Date.now() + 3000;
    while ((toAgent.received.size < toAgent.sent || fromAgent.received.size < fromAgent.sent) && Date.now() < settleUntil) await sleep(50);
    return {
      calls: options.calls,
      seconds: options.seconds,
      callsConnected: heardAny.size,
      callerToAgent: summary(toAgent),
      agentToCaller: { ...summary(fromAgent), silenceFilledFrames: silenceFilled },
      voiceCpuSeconds: Number(cpu.toFixed(2)),
      voiceCpuPercentPerCall: Number(((cpu / measuredSeconds / options.calls) * 100).toFixed(3)),
      // The bench's own share of the machine: the callers' publishing and the agents' werift peers.
      benchCpuPercentPerCall: Number(((benchCpu / measuredSeconds / options.calls) * 100).toFixed(3)),
      benchTickLagMaxMs: Number(lagMax.toFixed(1)),
      ...(pressureBefore === undefined || pressureAfter === undefined ? {} : { machineCpuPressurePercent: Math.round(((pressureAfter - pressureBefore) / 10) / measuredSeconds) }),
    };
  } finally {
    await Promise.all(agents.map((agent) => agent.close()));
    await bus?.close();
    await stack.dispose();
  }
}

async function main(argv: string[]): Promise<number> {
  let options: VoiceBenchOptions;
  try {
    options = parseVoiceBenchOptions(argv);
  } catch (error) {
    process.stderr.write(`bench:voice: ${(error as Error).message}\n`);
    return 2;
  }
  const result = await bench(options);
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const line = (name: string, value: unknown) => process.stdout.write(`${name.padEnd(30)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}\n`);
    for (const [name, value] of Object.entries(result)) line(name, value);
  }
  return result.callerToAgent.lost === 0 && result.agentToCaller.lost === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:voice: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
