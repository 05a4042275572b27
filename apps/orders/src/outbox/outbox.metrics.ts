import { Counter, type Registry } from 'prom-client';

/**
 * The outbox relay's counters. `parked` is the one to alert on: a parked event was never
 * published, and its aggregate's later events wait behind it until someone acts (decision 0085).
 */
export class OutboxMetrics {
  readonly publishFailures: Counter<'subject'>;
  readonly parked: Counter<'subject'>;
  readonly pruned: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.publishFailures = new Counter({
      name: 'callcart_outbox_publish_failures_total',
      help: 'Outbox events whose publish attempt failed (each attempt counts), by subject',
      labelNames: ['subject'],
      registers,
    });
    this.parked = new Counter({
      name: 'callcart_outbox_events_parked_total',
      help: 'Outbox events parked after OUTBOX_MAX_ATTEMPTS failed publishes; alert when it grows',
      labelNames: ['subject'],
      registers,
    });
    this.pruned = new Counter({
      name: 'callcart_outbox_rows_pruned_total',
      help: 'Published outbox events and processed inbox messages deleted after OUTBOX_RETENTION',
      registers,
    });
  }
}
