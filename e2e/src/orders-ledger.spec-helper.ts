import { Client } from 'pg';

/** What the orders service's own tables (schema `orders`, see its migration) hold about one order. */
export interface OrderRecord {
  readonly state: string;
  readonly totalMinor: number;
  /** Payment rows: the key allows one, the events below show whether it was announced once. */
  readonly payments: { method: string; amountMinor: number }[];
  readonly walletDebits: number;
  readonly shipments: { paymentMethod: string; amountToCollectMinor: number }[];
  /** Outbox events about the order by subject, and how many of them are still unpublished. */
  readonly events: Record<string, number>;
  readonly unpublishedEvents: number;
}

/** The record of an order settled exactly once (by `method`) and ready to ship, each step announced once. */
export function settledOnce(totalMinor: number, method: 'wallet' | 'cash-on-delivery'): OrderRecord {
  return {
    state: 'ready_to_ship',
    totalMinor,
    payments: [{ method, amountMinor: totalMinor }],
    walletDebits: method === 'wallet' ? 1 : 0,
    shipments: [{ paymentMethod: method, amountToCollectMinor: method === 'wallet' ? 0 : totalMinor }],
    events: { 'orders.order.placed.v1': 1, 'orders.payment.settled.v1': 1, 'orders.shipment.ready.v1': 1 },
    unpublishedEvents: 0,
  };
}

/**
 * Reads the orders schema of the suite's database directly: the durable truth behind the live
 * frames (exactly one order, payment and shipment, the wallet's balance equal to its ledger).
 */
export class OrdersLedger {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<OrdersLedger> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new OrdersLedger(client);
  }

  async ordersOf(customerId: string): Promise<{ id: string; state: string }[]> {
    const { rows } = await this.client.query<{ id: string; state: string }>(
      `SELECT "id", "state" FROM orders.customer_order WHERE "customer_id" = $1 ORDER BY "placed_at"`,
      [customerId],
    );
    return rows;
  }

  async order(orderId: string): Promise<OrderRecord> {
    // One connection answers one query at a time.
    const order = await this.client.query<{ state: string; total_minor: string }>(`SELECT "state", "total_minor" FROM orders.customer_order WHERE "id" = $1`, [orderId]);
    const payments = await this.client.query<{ method: string; amount_minor: string }>(`SELECT "method", "amount_minor" FROM orders.payment WHERE "order_id" = $1`, [orderId]);
    const debits = await this.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders.wallet_entry WHERE "order_id" = $1 AND "kind" = 'payment'`, [orderId]);
    const shipments = await this.client.query<{ payment_method: string; amount_to_collect_minor: string }>(
      `SELECT "payment_method", "amount_to_collect_minor" FROM orders.shipment WHERE "order_id" = $1`,
      [orderId],
    );
    const events = await this.client.query<{ subject: string; n: number; unpublished: number }>(
      `SELECT "subject", count(*)::int AS n, count(*) FILTER (WHERE "published_at" IS NULL)::int AS unpublished
       FROM orders.outbox_event
       WHERE "payload"->>'orderId' = $1 OR "payload"->'order'->>'id' = $1
       GROUP BY "subject"`,
      [orderId],
    );
    if (order.rows.length !== 1) throw new Error(`order ${orderId}: ${order.rows.length} rows in orders.customer_order`);
    return {
      state: order.rows[0].state,
      totalMinor: Number(order.rows[0].total_minor),
      payments: payments.rows.map((row) => ({ method: row.method, amountMinor: Number(row.amount_minor) })),
      walletDebits: debits.rows[0].n,
      shipments: shipments.rows.map((row) => ({ paymentMethod: row.payment_method, amountToCollectMinor: Number(row.amount_to_collect_minor) })),
      events: Object.fromEntries(events.rows.map((row) => [row.subject, row.n])),
      unpublishedEvents: events.rows.reduce((sum, row) => sum + row.unpublished, 0),
    };
  }

  /** The wallet's balance and the sum of its ledger (they must always agree). */
  async wallet(customerId: string): Promise<{ balanceMinor: number; ledgerSumMinor: number; entries: number }> {
    const { rows } = await this.client.query<{ balance: string; ledger: string | null; entries: number }>(
      `SELECT w."balance_minor" AS balance,
              (SELECT sum(e."amount_minor") FROM orders.wallet_entry e WHERE e."customer_id" = w."customer_id") AS ledger,
              (SELECT count(*)::int FROM orders.wallet_entry e WHERE e."customer_id" = w."customer_id") AS entries
       FROM orders.wallet w WHERE w."customer_id" = $1`,
      [customerId],
    );
    if (rows.length !== 1) throw new Error(`customer ${customerId} has no wallet`);
    return { balanceMinor: Number(rows[0].balance), ledgerSumMinor: Number(rows[0].ledger ?? 0), entries: rows[0].entries };
  }

  /** Whether orders knows the call as `active` or `ended` (its call started / ended facts). */
  async callStatus(callId: string): Promise<string | undefined> {
    const { rows } = await this.client.query<{ status: string }>(`SELECT "status" FROM orders.call_session WHERE "call_id" = $1`, [callId]);
    return rows[0]?.status;
  }

  /** How the customer came to be registered (`call-threshold`, `agent`, `web`). */
  async registeredVia(customerId: string): Promise<string | undefined> {
    const { rows } = await this.client.query<{ registered_via: string }>(`SELECT "registered_via" FROM orders.customer WHERE "id" = $1`, [customerId]);
    return rows[0]?.registered_via;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
