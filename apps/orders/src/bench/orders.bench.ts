/**
 * `npm run bench:orders [-- --json] [--orders 2000] [--expiring 1000] [--calls 200]`
 *
 * Runs the orders service in this process on a fresh database of its own (dropped afterwards)
 * and the machine's NATS under a prefix of its own, with a stand-in catalogue, and prints:
 * orders placed per second (goal ≥ 500), wallet payments per second, expiry lateness p50/p99 for
 * orders whose windows end together (goal p99 ≤ 1 s), and caller-identified latency (goal 100 ms).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { ALL_STREAMS, callerIdentifiedV1, callStartedV1, orderPlaceV1, productGetV1, walletPayV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createServiceApp } from '@callcart/service-kit';
import { AppModule } from '../app.module';
import { loadOrdersConfig } from '../orders.config';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const json = args.includes('--json');
const ORDERS = option('orders', 2000);
const EXPIRING = option('expiring', 1000);
const CALLS = option('calls', 200);
const CONCURRENCY = option('concurrency', 32);
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const log = (line: string) => {
  if (!json) process.stderr.write(`${line}\n`);
};

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Customers with an address, a funded wallet and a one-line cart, written straight into the tables. */
async function seedCustomers(db: Client, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const address = { recipient: '李桂兰', phone: '+8613800138000', region: '北京市', city: '北京市', street: '朝阳路 1 号', country: 'CN' };
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db.query(
      `INSERT INTO orders.customer ("id", "phone", "default_address", "registered_via")
       SELECT id, '+86139' || lpad((random() * 1e8)::bigint::text, 8, '0') || '' || n, $2, 'agent' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [chunk, JSON.stringify(address)],
    );
    await db.query(`INSERT INTO orders.wallet ("customer_id", "balance_minor", "currency") SELECT id, 1000000, 'CNY' FROM unnest($1::uuid[]) AS id`, [chunk]);
    await db.query(
      `INSERT INTO orders.wallet_entry ("id", "customer_id", "kind", "amount_minor", "balance_after_minor", "currency", "reason", "staff_id", "idempotency_key")
       SELECT gen_random_uuid(), id, 'top-up', 1000000, 1000000, 'CNY', 'benchmark', 'bench', gen_random_uuid()::text FROM unnest($1::uuid[]) AS id`,
      [chunk],
    );
    await db.query(`INSERT INTO orders.cart ("id", "customer_id", "status") SELECT gen_random_uuid(), id, 'active' FROM unnest($1::uuid[]) AS id`, [chunk]);
    await db.query(
      `INSERT INTO orders.cart_line ("cart_id", "product_id", "sku", "name", "unit_price_minor", "currency", "quantity")
       SELECT c."id", 'tea-100', '100234', 'Lipton Yellow Label Tea 100 bags', 2590, 'CNY', 2 FROM orders.cart c WHERE c."customer_id" = ANY($1)`,
      [chunk],
    );
  }
  return ids;
}

async function main(): Promise<void> {
  const prefix = `bench${Date.now()}`;
  const database = `cc_bench_orders_${Date.now()}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const env = {
    NATS_URL,
    NATS_PREFIX: prefix,
    DATABASE_URL: url.toString(),
    DATABASE_POOL_SIZE: '20',
    LOG_LEVEL: 'warn',
    PAYMENT_WINDOW: '30m',
    REGISTRATION_THRESHOLD: '5m',
    TIMER_POLL_INTERVAL: '200ms',
  };
  const app = await createServiceApp(AppModule.register(loadOrdersConfig(env)));
  await app.init();
  const client = await MessageBus.connect({ servers: NATS_URL, prefix, serviceName: 'bench', streams: ALL_STREAMS });
  await client.reply(productGetV1, async () => ({
    ok: true,
    product: { id: 'tea-100', sku: '100234', name: 'Lipton Yellow Label Tea 100 bags', price: { amountMinor: 2590, currency: 'CNY' }, active: true, language: 'en' as const },
  }));
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  try {
    log(`seeding ${ORDERS + EXPIRING} customers…`);
    const customers = await seedCustomers(db, ORDERS + EXPIRING);

    const placing = customers.slice(0, ORDERS);
    const orderIds: { orderId: string; customerId: string }[] = [];
    let started = Date.now();
    await pool(placing, CONCURRENCY, async (customerId) => {
      const reply = await client.request(orderPlaceV1, { customerId, idempotencyKey: randomUUID(), placedBy: 'agent' }, { timeoutMs: 30_000 });
      if (!reply.ok) throw new Error(`place: ${reply.code} ${reply.message}`);
      orderIds.push({ orderId: reply.order.id, customerId });
    });
    const placeSeconds = (Date.now() - started) / 1000;

    started = Date.now();
    await pool(orderIds, CONCURRENCY, async ({ orderId, customerId }) => {
      const reply = await client.request(walletPayV1, { orderId, customerId, idempotencyKey: randomUUID() }, { timeoutMs: 30_000 });
      if (!reply.ok) throw new Error(`pay: ${reply.code} ${reply.message}`);
    });
    const paySeconds = (Date.now() - started) / 1000;

    log(`placing ${EXPIRING} orders whose windows end together…`);
    const expiringIds: string[] = [];
    await pool(customers.slice(ORDERS), CONCURRENCY, async (customerId) => {
      const reply = await client.request(orderPlaceV1, { customerId, idempotencyKey: randomUUID(), placedBy: 'agent' }, { timeoutMs: 30_000 });
      if (!reply.ok) throw new Error(`place: ${reply.code} ${reply.message}`);
      expiringIds.push(reply.order.id);
    });
    await db.query(`UPDATE orders.customer_order SET "payment_due_at" = now() + interval '2 seconds' WHERE "id" = ANY($1)`, [expiringIds]);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [{ pending }] = (await db.query(`SELECT count(*)::int AS pending FROM orders.customer_order WHERE "id" = ANY($1) AND "state" = 'awaiting_payment'`, [expiringIds])).rows;
      if (pending === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lateness = (
      await db.query(
        `SELECT extract(epoch FROM p."settled_at" - o."payment_due_at") * 1000 AS late FROM orders.payment p JOIN orders.customer_order o ON o."id" = p."order_id" WHERE o."id" = ANY($1)`,
        [expiringIds],
      )
    ).rows.map((row: { late: string }) => Number(row.late));

    const identifiedAt = new Map<string, number>();
    await client.subscribe(callerIdentifiedV1, (identified) => void identifiedAt.set(identified.callId, Date.now()));
    const sentAt = new Map<string, number>();
    for (let i = 0; i < CALLS; i += 1) {
      const callId = `CAbench${i}x${Date.now()}`;
      sentAt.set(callId, Date.now());
      await client.publish(callStartedV1, {
        callId,
        callerNumber: i % 2 ? '+8613800138000' : `+86137${String(i).padStart(8, '0')}`,
        dialledNumber: '+861088886666',
        startedAt: new Date().toISOString(),
        provider: { name: 'twilio', callSid: callId, streamSid: callId },
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const callDeadline = Date.now() + 15_000;
    while (identifiedAt.size < CALLS && Date.now() < callDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const identifyMs = [...sentAt].filter(([callId]) => identifiedAt.has(callId)).map(([callId, at]) => identifiedAt.get(callId)! - at);

    const result = {
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
      date: new Date().toISOString(),
      ordersPlacedPerSecond: { value: Math.round(ORDERS / placeSeconds), goal: '>= 500', orders: ORDERS, concurrency: CONCURRENCY },
      walletPaymentsPerSecond: { value: Math.round(ORDERS / paySeconds), payments: ORDERS },
      expiryLatenessMs: { p50: Math.round(percentile(lateness, 50)), p99: Math.round(percentile(lateness, 99)), goalP99: '<= 1000', orders: lateness.length },
      callerIdentifiedMs: { p50: percentile(identifyMs, 50), p99: percentile(identifyMs, 99), goal: '<= 100', calls: identifyMs.length },
    };
    if (json) {
      console.log(JSON.stringify(result));
    } else {
      console.log(`orders benchmark (${result.date}, ${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node})`);
      console.log(`  orders placed:        ${result.ordersPlacedPerSecond.value}/s  (goal ≥ 500; ${ORDERS} orders, ${CONCURRENCY} in flight)`);
      console.log(`  wallet payments:      ${result.walletPaymentsPerSecond.value}/s`);
      console.log(`  expiry lateness:      p50 ${result.expiryLatenessMs.p50} ms, p99 ${result.expiryLatenessMs.p99} ms  (goal p99 ≤ 1000 ms; ${lateness.length} windows ending together)`);
      console.log(`  caller identified:    p50 ${result.callerIdentifiedMs.p50} ms, p99 ${result.callerIdentifiedMs.p99} ms  (goal 100 ms; ${identifyMs.length} calls)`);
    }
  } finally {
    await app.close();
    await client.deletePrefixStreams().catch((error: unknown) => console.error(`could not delete the bench's streams: ${(error as Error).message}`));
    await client.close();
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
