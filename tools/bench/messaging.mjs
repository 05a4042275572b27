#!/usr/bin/env node
// `npm run bench:messaging`: what the typed message bus costs on the machine's real NATS.
//  - request/reply round trip (schema checks on both ends), sequential, p50/p99;
//  - audio fan-in: N simultaneous calls sending a 160-byte frame every 20 ms for a few seconds,
//    one subscriber for all of them: frames delivered, publish→handler latency p50/p99.
// Prints its figures (`--json`: one JSON object); each run uses its own subject prefix.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const { MessageBus } = require(join(root, 'dist/libs/messaging/src'));
const { ALL_STREAMS, audioFrameV1, productGetV1 } = require(join(root, 'dist/libs/contracts/src'));

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value) => `${value.toFixed(2)} ms`;

const prefix = `bench${Date.now()}`;
const connect = (serviceName) => MessageBus.connect({ servers: NATS_URL, prefix, serviceName, streams: ALL_STREAMS });
const server = await connect('catalogue');
const client = await connect('orders');
const product = {
  id: randomUUID(), sku: '100234', name: 'Nivea Creme 150 ml', brand: 'Nivea', category: 'Skin care',
  price: { amountMinor: 599, currency: 'USD' }, active: true, language: 'en',
};
await server.reply(productGetV1, async () => ({ ok: true, product }));
for (let i = 0; i < 100; i += 1) await client.request(productGetV1, { productId: product.id });
const rtts = [];
for (let i = 0; i < REQUESTS; i += 1) {
  const started = process.hrtime.bigint();
  const reply = await client.request(productGetV1, { productId: product.id });
  if (!reply.ok) throw new Error(`request failed: ${reply.code}`);
  rtts.push(Number(process.hrtime.bigint() - started) / 1e6);
}
rtts.sort((a, b) => a - b);

const listener = await connect('speech');
const sender = await connect('call-ingest');
const latencies = [];
let received = 0;
await listener.subscribeBinary(audioFrameV1, (header) => {
  received += 1;
  latencies.push(Date.now() - header.timestampMs);
});
let sent = 0;
const frame = new Uint8Array(160).fill(0xff);
const callIds = Array.from({ length: CALLS }, (_, i) => `bench-call-${i}`);
const sequence = new Array(CALLS).fill(0);
const until = Date.now() + SECONDS * 1000;
await new Promise((resolve) => {
  const tick = setInterval(() => {
    if (Date.now() >= until) return clearInterval(tick), resolve();
    const now = Date.now();
    for (let c = 0; c < CALLS; c += 1) {
      sequence[c] += 1;
      sender.publishBinary(audioFrameV1, { callId: callIds[c], sequenceNumber: sequence[c], timestampMs: now, encoding: 'mulaw', sampleRateHz: 8000 }, frame);
      sent += 1;
    }
  }, 20);
});
await new Promise((resolve) => setTimeout(resolve, 500));
latencies.sort((a, b) => a - b);
await server.deletePrefixStreams();
await Promise.all([server, client, listener, sender].map((bus) => bus.close()));

if (process.argv.includes('--json')) {
  const round = (value) => Number(value.toFixed(3));
  console.log(
    JSON.stringify({
      date: new Date().toISOString(),
      node: process.version,
      requestReply: { requests: REQUESTS, p50Ms: round(percentile(rtts, 50)), p99Ms: round(percentile(rtts, 99)), perSecond: Math.round(REQUESTS / (rtts.reduce((a, b) => a + b, 0) / 1000)) },
      audio: { calls: CALLS, seconds: SECONDS, sent, received, deliveredPercent: Number(((100 * received) / sent).toFixed(2)), framesPerSecond: Math.round(received / SECONDS), latencyP50Ms: percentile(latencies, 50), latencyP99Ms: percentile(latencies, 99) },
    }),
  );
} else {
  console.log(`messaging benchmark (${new Date().toISOString()}, ${process.version}, NATS ${NATS_URL})`);
  console.log(`  request/reply, ${REQUESTS} sequential: p50 ${ms(percentile(rtts, 50))}, p99 ${ms(percentile(rtts, 99))}, ${(REQUESTS / (rtts.reduce((a, b) => a + b, 0) / 1000)).toFixed(0)} req/s`);
  console.log(`  audio, ${CALLS} calls × 50 frames/s for ${SECONDS} s: sent ${sent}, received ${received} (${((100 * received) / sent).toFixed(2)} %), ${(received / SECONDS).toFixed(0)} frames/s`);
  console.log(`  audio publish→handler latency: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms (ms clock)`);
}
