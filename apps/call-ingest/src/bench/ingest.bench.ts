import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Command, InvalidArgumentError } from 'commander';
import { Registry } from 'prom-client';
import { encodeMulaw } from '@callcart/audio';
import { audioFrameV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createServiceApp } from '@callcart/service-kit';
import { AppModule } from '../app.module';
import { loadCallIngestConfig } from '../call-ingest.config';
import { mulawFrames, TwilioMediaClient } from '@callcart/telephony';

/**
 * `npm run bench:ingest -- --calls 500 [--seconds 10] [--url ws://host:port/media] [--json]`:
 * that many concurrent simulated calls at real-time pace (one 20 ms frame per call every 20 ms)
 * through call-ingest (started in this process unless --url is given) and NATS. Prints frames
 * sent by the callers, published by call-ingest (its own counter), received by a NATS
 * subscriber, lost, out of order, how late the 20 ms ticks ran, and CPU per second of audio.
 * CPU is this whole process: with call-ingest in process it includes the callers and the
 * subscriber, so it is an upper bound for call-ingest alone.
 */

interface BenchOptions {
  calls: number;
  seconds: number;
  url?: string;
  json?: boolean;
}

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
}

const PUBLISHED = 'callcart_ingest_frames_published_total';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One second of a 440 Hz tone as 50 µ-law frames, reused by every caller. */
function toneFrames(): Uint8Array[] {
  const pcm = Int16Array.from({ length: 8000 }, (_, n) => Math.round(6000 * Math.sin((2 * Math.PI * 440 * n) / 8000)));
  return mulawFrames(encodeMulaw(pcm));
}

/** A counter of call-ingest's own registry (in process) or its /metrics (remote). */
async function ingestMetric(app: INestApplication | undefined, httpUrl: string, name: string): Promise<number> {
  if (app) {
    const metric = app.get(Registry).getSingleMetric(name);
    return metric ? ((await metric.get()).values[0]?.value ?? 0) : 0;
  }
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

async function ingestCpuSeconds(app: INestApplication | undefined, httpUrl: string): Promise<number> {
  const [user, system] = await Promise.all(['process_cpu_user_seconds_total', 'process_cpu_system_seconds_total'].map((name) => ingestMetric(app, httpUrl, name)));
  return user + system;
}

/** Counts audio frames on NATS per call and checks each call's sequence numbers only grow. */
async function frameCounter(nc: NatsConnection, subject: string) {
  const lastSequence = new Map<string, number>();
  const counts = { received: 0, outOfOrder: 0 };
  nc.subscribe(subject, {
    callback: (_error, msg) => {
      counts.received += 1;
      const header = msg.headers?.get('Callcart-Envelope');
      if (!header) return;
      const { header: meta } = JSON.parse(header) as { header: { callId: string; sequenceNumber: number } };
      const last = lastSequence.get(meta.callId) ?? 0;
      if (meta.sequenceNumber <= last) counts.outOfOrder += 1;
      lastSequence.set(meta.callId, meta.sequenceNumber);
    },
  });
  await nc.flush();
  return counts;
}

async function bench(options: BenchOptions): Promise<Record<string, number | string>> {
  const natsUrl = process.env.NATS_URL || 'nats://127.0.0.1:4222';
  let app: INestApplication | undefined;
  let mediaUrl = options.url;
  let prefix = process.env.NATS_PREFIX || undefined;
  if (!mediaUrl) {
    prefix = `bench_ingest_${randomBytes(4).toString('hex')}`;
    const config = loadCallIngestConfig({ ...process.env, NATS_URL: natsUrl, NATS_PREFIX: prefix, HTTP_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    app = await createServiceApp(AppModule.register(config));
    await app.listen(0, '127.0.0.1');
    mediaUrl = `${(await app.getUrl()).replace(/^http/, 'ws').replace('[::1]', '127.0.0.1')}/media`;
  }
  const httpUrl = mediaUrl.replace(/^ws/, 'http').replace(/\/media$/, '');
  const nc = await connect({ servers: natsUrl.split(','), user: process.env.NATS_USER, pass: process.env.NATS_PASSWORD });
  const subject = `${prefix ? `${prefix}.` : ''}${audioFrameV1.subject}.*`;
  const counts = await frameCounter(nc, subject);
  const frames = toneFrames();
  try {
    const clients: TwilioMediaClient[] = [];
    for (let i = 0; i < options.calls; i += 50) {
      clients.push(...(await Promise.all(Array.from({ length: Math.min(50, options.calls - i) }, () => TwilioMediaClient.connect(mediaUrl)))));
    }
    const publishedBefore = await ingestMetric(app, httpUrl, PUBLISHED);
    const ingestCpuBefore = await ingestCpuSeconds(app, httpUrl);
    for (const client of clients) {
      client.sendConnected();
      client.sendStart({ from: '+8613812345678', to: '+864001234567' });
    }
    const ticks = options.seconds * 50;
    let sent = 0;
    let maxLagMs = 0;
    let lagSum = 0;
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    for (let tick = 0; tick < ticks; tick += 1) {
      const due = began + tick * 20;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const lag = Math.max(0, performance.now() - due);
      maxLagMs = Math.max(maxLagMs, lag);
      lagSum += lag;
      const frame = frames[tick % frames.length];
      for (const client of clients) {
        if (!client.isOpen) continue;
        client.sendMedia(frame);
        sent += 1;
      }
    }
    const streamedMs = performance.now() - began;
    for (const client of clients) if (client.isOpen) client.sendStop();
    await Promise.all(clients.map((client) => Promise.race([client.closed, sleep(5000)])));
    const settleUntil = Date.now() + 5000;
    while (counts.received < sent && Date.now() < settleUntil) await sleep(50);
    const cpu = process.cpuUsage(cpuBefore);
    const published = (await ingestMetric(app, httpUrl, PUBLISHED)) - publishedBefore;
    const ingestCpu = (await ingestCpuSeconds(app, httpUrl)) - ingestCpuBefore;
    const audioSeconds = sent / 50;
    return {
      calls: options.calls,
      seconds: options.seconds,
      mode: app ? 'in-process' : `remote ${mediaUrl}`,
      framesSent: sent,
      framesPublished: published,
      framesReceived: counts.received,
      framesLost: sent - counts.received,
      framesOutOfOrder: counts.outOfOrder,
      wallSeconds: Number((streamedMs / 1000).toFixed(2)),
      tickLagMeanMs: Number((lagSum / ticks).toFixed(2)),
      tickLagMaxMs: Number(maxLagMs.toFixed(1)),
      benchCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      benchCpuMsPerAudioSecond: Number(((cpu.user + cpu.system) / 1000 / audioSeconds).toFixed(3)),
      ...(app
        ? {}
        : {
            ingestCpuSeconds: Number(ingestCpu.toFixed(2)),
            ingestCpuMsPerAudioSecond: Number(((ingestCpu * 1000) / audioSeconds).toFixed(3)),
            ingestRealtimeCallsPerCore: Math.floor(audioSeconds / ingestCpu),
          }),
    };
  } finally {
    await nc.drain().catch(() => undefined);
    // The bench's own prefix (not one given in NATS_PREFIX): its streams go with it.
    if (app) await app.get(MessageBus).deletePrefixStreams().catch((error: unknown) => console.error(`could not delete the bench's streams: ${(error as Error).message}`));
    await app?.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('bench:ingest')
    .option('--calls <n>', 'concurrent calls', positiveInt, 100)
    .option('--seconds <n>', 'seconds of audio per call', positiveInt, 10)
    .option('--url <url>', "a running call-ingest's media WebSocket (default: start one in this process)")
    .option('--json', 'print one JSON object');
  program.parse(argv, { from: 'user' });
  const result = await bench(program.opts<BenchOptions>());
  if (program.opts<BenchOptions>().json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else for (const [name, value] of Object.entries(result)) process.stdout.write(`${name.padEnd(22)} ${value}\n`);
  return result.framesLost === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:ingest: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
