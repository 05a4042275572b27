import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/**
 * call-ingest's Prometheus counters, on the application's own registry (served at /metrics).
 * `framesPublished` against the provider's sequence numbers is how we show nothing was lost here;
 * `framesMissing` is what the provider never sent us.
 */
@Injectable()
export class IngestMetrics {
  readonly callsStarted: Counter;
  readonly callsEnded: Counter<'reason'>;
  readonly callsActive: Gauge;
  readonly framesPublished: Counter;
  readonly framesMissing: Counter;
  readonly framesOutOfOrder: Counter;
  readonly framesSkipped: Counter<'track'>;
  readonly framesFailed: Counter;
  readonly keypadDigits: Counter;
  readonly ignoredEvents: Counter;
  readonly protocolErrors: Counter<'kind'>;
  readonly durablePublishRetries: Counter<'subject'>;
  readonly signaturesRefused: Counter<'endpoint'>;
  readonly streamsRefused: Counter<'reason'>;
  readonly protocolAnomalies: Counter<'kind'>;

  constructor(@Inject(Registry) registry: Registry) {
    const registers = [registry];
    this.callsStarted = new Counter({ name: 'callcart_ingest_calls_started_total', help: 'Media streams started', registers });
    this.callsEnded = new Counter({
      name: 'callcart_ingest_calls_ended_total',
      help: 'Media streams ended, by reason (stopped, socket-closed, protocol-error)',
      labelNames: ['reason'],
      registers,
    });
    this.callsActive = new Gauge({ name: 'callcart_ingest_calls_active', help: 'Media streams in progress', registers });
    this.framesPublished = new Counter({
      name: 'callcart_ingest_frames_published_total',
      help: 'Inbound audio frames published to NATS',
      registers,
    });
    this.framesMissing = new Counter({
      name: 'callcart_ingest_frames_missing_total',
      help: 'Sequence numbers the provider skipped (messages that never arrived)',
      registers,
    });
    this.framesOutOfOrder = new Counter({
      name: 'callcart_ingest_frames_out_of_order_total',
      help: 'Messages whose sequence number was not above the last one (published as received)',
      registers,
    });
    this.framesSkipped = new Counter({
      name: 'callcart_ingest_frames_skipped_total',
      help: 'Media frames not published because they are not the caller’s (outbound track)',
      labelNames: ['track'],
      registers,
    });
    this.framesFailed = new Counter({
      name: 'callcart_ingest_frames_failed_total',
      help: 'Audio frames NATS refused (connection closed): the only frames we lose',
      registers,
    });
    this.keypadDigits = new Counter({ name: 'callcart_ingest_keypad_digits_total', help: 'DTMF digits published', registers });
    this.ignoredEvents = new Counter({
      name: 'callcart_ingest_ignored_events_total',
      help: 'Media stream messages with an event name we do not handle',
      registers,
    });
    this.protocolErrors = new Counter({
      name: 'callcart_ingest_protocol_errors_total',
      help: 'Media sockets closed by us for breaking the protocol, by kind',
      labelNames: ['kind'],
      registers,
    });
    this.durablePublishRetries = new Counter({
      name: 'callcart_ingest_durable_publish_retries_total',
      help: 'Call started/ended publishes retried after NATS failed to store them',
      labelNames: ['subject'],
      registers,
    });
    this.signaturesRefused = new Counter({
      name: 'callcart_ingest_signatures_refused_total',
      help: 'Requests refused for a missing or bad X-Twilio-Signature, by endpoint (voice webhook, media upgrade)',
      labelNames: ['endpoint'],
      registers,
    });
    this.streamsRefused = new Counter({
      name: 'callcart_ingest_streams_refused_total',
      help: 'Media streams refused at start, by reason (duplicate-stream: the call already has a stream; stream-token: missing, forged or expired)',
      labelNames: ['reason'],
      registers,
    });
    this.protocolAnomalies = new Counter({
      name: 'callcart_ingest_protocol_anomalies_total',
      help: 'Implausible values tolerated but not believed, by kind (sequence-jump: a sequence number far beyond the last one)',
      labelNames: ['kind'],
      registers,
    });
  }
}
