import { Counter, Histogram, type Registry } from 'prom-client';

/** Message counters per contract subject, registered on the service's own registry. */
export class MessagingMetrics {
  readonly published: Counter<'subject'>;
  readonly received: Counter<'subject'>;
  readonly invalid: Counter<'subject'>;
  readonly handlerFailures: Counter<'subject'>;
  readonly requestSeconds: Histogram<'subject' | 'outcome'>;

  constructor(registry?: Registry) {
    const registers = registry ? [registry] : [];
    this.published = new Counter({
      name: 'callcart_messages_published_total',
      help: 'Messages published, by contract subject',
      labelNames: ['subject'],
      registers,
    });
    this.received = new Counter({
      name: 'callcart_messages_received_total',
      help: 'Messages received and valid, by contract subject',
      labelNames: ['subject'],
      registers,
    });
    this.invalid = new Counter({
      name: 'callcart_messages_invalid_total',
      help: 'Messages dropped because they failed their contract schema',
      labelNames: ['subject'],
      registers,
    });
    this.handlerFailures = new Counter({
      name: 'callcart_message_handler_failures_total',
      help: 'Handlers that threw while processing a message',
      labelNames: ['subject'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'callcart_request_duration_seconds',
      help: 'Time from sending a request to its reply, by subject and outcome',
      labelNames: ['subject', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
  }
}
