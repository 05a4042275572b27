import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/**
 * The SIP trunk's Prometheus counters, beside call-ingest's call and frame counters (which SIP
 * calls feed too): what was refused and why, what was malformed, and the RTP streams' health.
 */
@Injectable()
export class SipMetrics {
  readonly requests: Counter<'method'>;
  readonly refused: Counter<'status' | 'reason'>;
  readonly malformed: Counter<'kind'>;
  readonly retransmissions: Counter;
  readonly rtpPacketsSent: Counter;
  readonly rtpPacketsLost: Counter;
  readonly rtpPacketsDropped: Counter;
  readonly rtpPacketsForeign: Counter;
  readonly agentFramesDropped: Counter;
  readonly calls: Gauge;

  constructor(@Inject(Registry) registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({ name: 'callcart_sip_requests_total', help: 'SIP requests received (retransmissions excluded), by method', labelNames: ['method'], registers });
    this.refused = new Counter({
      name: 'callcart_sip_refused_total',
      help: 'SIP requests refused, by status and reason (forbidden, busy, no-codec, unavailable, ...)',
      labelNames: ['status', 'reason'],
      registers,
    });
    this.malformed = new Counter({ name: 'callcart_sip_malformed_total', help: 'SIP messages that could not be parsed (answered 400 or dropped), by kind', labelNames: ['kind'], registers });
    this.retransmissions = new Counter({ name: 'callcart_sip_retransmissions_total', help: 'Retransmitted SIP requests answered from the transaction layer', registers });
    this.rtpPacketsSent = new Counter({ name: 'callcart_sip_rtp_packets_sent_total', help: 'RTP packets sent to callers (waiting audio and agent voice), counted as each call ends', registers });
    this.rtpPacketsLost = new Counter({ name: 'callcart_sip_rtp_packets_lost_total', help: 'Caller RTP packets that never arrived (replaced by silence)', registers });
    this.rtpPacketsDropped = new Counter({
      name: 'callcart_sip_rtp_packets_dropped_total',
      help: 'Caller RTP packets dropped: late, duplicate, not RTP, or of a payload type not negotiated',
      registers,
    });
    this.rtpPacketsForeign = new Counter({ name: 'callcart_sip_rtp_packets_foreign_total', help: 'RTP packets from another address than the latched caller (dropped)', registers });
    this.agentFramesDropped = new Counter({ name: 'callcart_sip_agent_frames_dropped_total', help: 'Agent audio frames not sent to the caller (not connected, or queue overflow)', registers });
    this.calls = new Gauge({ name: 'callcart_sip_calls_active', help: 'SIP dialogs in progress on this replica', registers });
  }
}
