import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

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
  readonly outboundFramesSent: Counter<'source'>;
  readonly outboundFramesDropped: Counter<'reason'>;
  readonly outboundClears: Counter;
  readonly playoutLag: Histogram;
  readonly callControlCommands: Counter<'command'>;

  constructor(@Inject(Registry) registry: Registry) {
    const registers = [registry];
    this.callsStarted = new Counter({ name: 'callcart_ingest_calls_started_total', help: 'Media streams started', registers });
    this.callsEnded = new Counter({
      name: 'callcart_ingest_calls_ended_total',
      help: 'Media streams ended, by reason (stopped, socket-closed, protocol-error, hung-up, shutdown)',
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
    this.outboundFramesSent = new Counter({
      name: 'callcart_ingest_outbound_frames_sent_total',
      help: 'Audio frames sent back to the caller, by source (agent: the agent’s voice; prompt: greeting and waiting audio)',
      labelNames: ['source'],
      registers,
    });
    this.outboundFramesDropped = new Counter({
      name: 'callcart_ingest_outbound_frames_dropped_total',
      help: 'Agent frames not sent to the caller, by reason (not-connected: on hold or before connect; queue-full: arriving faster than real time for over a second; cleared: queued at hold or hang-up; socket-backlog: the carrier does not read; unsupported: not 8 kHz G.711 in 20 ms frames)',
      labelNames: ['reason'],
      registers,
    });
    this.outboundClears = new Counter({
      name: 'callcart_ingest_outbound_clears_total',
      help: '`clear` messages sent (the carrier drops the audio it buffered): on connect, hold and hang-up',
      registers,
    });
    this.playoutLag = new Histogram({
      name: 'callcart_ingest_playout_lag_seconds',
      help: 'How long after its scheduled play-out time the carrier reported a mark played (echoed `mark`): the carrier’s buffering plus the network',
      buckets: [0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56],
      registers,
    });
    this.callControlCommands = new Counter({
      name: 'callcart_ingest_call_control_commands_total',
      help: 'Call control commands acted on by the replica holding the call, by command (connect, hold, hangup)',
      labelNames: ['command'],
      registers,
    });
  }
}
