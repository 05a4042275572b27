import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { buildRequest, header, headerParam, parseSipMessage, type HeaderLines, type SipResponse } from '../sip/sip-message';
import { parseRtpPacket, serialiseRtpPacket } from '../rtp/rtp-packet';

/** One load call's life as the generator sees it, with its measurements. */
export interface LoadCall {
  readonly sipCallId: string;
  readonly fromTag: string;
  readonly rtp: Socket;
  readonly rtpPort: number;
  inviteSentAt: number;
  ringingAt?: number;
  /** A 100 Trying came: the INVITE arrived (no more retransmissions). */
  trying?: boolean;
  answeredAt?: number;
  toTag?: string;
  remoteRtp?: { address: string; port: number };
  sequence: number;
  timestamp: number;
  packetsSent: number;
  packetsReceived: number;
  /** RFC 3550 §6.4.1 interarrival jitter of callcart's packets to us, in ms. */
  jitterMs: number;
  lastTransit?: number;
  maxGapMs: number;
  firstArrival?: number;
  lastArrival?: number;
  byeAnswered: boolean;
}

/**
 * The benchmark's SIP phones: one UDP socket for signalling (calls told apart by Call-ID) and one
 * RTP socket per call. It dials callcart (PCMA), ACKs the 200, sends 20 ms RTP packets on one
 * timer for all calls, measures what callcart sends back (the waiting audio), and hangs up.
 */
export class SipLoadGenerator {
  private readonly calls = new Map<string, LoadCall>();
  private sip: Socket | undefined;
  private sipPort = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.sip = createSocket('udp4');
    this.sip.on('message', (bytes) => this.response(bytes));
    await new Promise<void>((resolve) => this.sip!.bind(0, '127.0.0.1', () => resolve()));
    this.sipPort = this.sip.address().port;
  }

  get all(): LoadCall[] {
    return [...this.calls.values()];
  }

  /** Opens an RTP socket and sends the INVITE. */
  async dial(): Promise<LoadCall> {
    const rtp = createSocket('udp4');
    await new Promise<void>((resolve) => rtp.bind(0, '127.0.0.1', () => resolve()));
    const call: LoadCall = {
      sipCallId: `${randomBytes(8).toString('hex')}@bench`,
      fromTag: randomBytes(4).toString('hex'),
      rtp,
      rtpPort: rtp.address().port,
      inviteSentAt: performance.now(),
      sequence: 0,
      timestamp: 0,
      packetsSent: 0,
      packetsReceived: 0,
      jitterMs: 0,
      maxGapMs: 0,
      byeAnswered: false,
    };
    rtp.on('message', (datagram) => this.media(call, datagram));
    this.calls.set(call.sipCallId, call);
    const sdp = ['v=0', `o=bench 1 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${call.rtpPort} RTP/AVP 8 101`, 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
    const invite = buildRequest('INVITE', this.uri(), [...this.dialogHeaders(call, 1, 'INVITE'), ['Contact', `<sip:bench@127.0.0.1:${this.sipPort}>`], ['Content-Type', 'application/sdp']], sdp);
    this.send(invite);
    // Timer A as a phone runs it: the same INVITE again at 0.5, 1, 2, 4 s until a response.
    const retransmit = (delay: number) =>
      setTimeout(() => {
        if (call.trying || call.ringingAt !== undefined || call.answeredAt !== undefined || delay > 4000) return;
        this.send(invite);
        retransmit(delay * 2);
      }, delay).unref();
    retransmit(500);
    return call;
  }

  /** Sends one 20 ms packet on every answered call. */
  tick(frame: Buffer): void {
    for (const call of this.calls.values()) {
      if (!call.remoteRtp) continue;
      const datagram = serialiseRtpPacket({ payloadType: 8, marker: call.packetsSent === 0, sequenceNumber: call.sequence, timestamp: call.timestamp, ssrc: 0x1234, payload: frame });
      call.sequence = (call.sequence + 1) & 0xffff;
      call.timestamp = (call.timestamp + 160) >>> 0;
      call.packetsSent += 1;
      call.rtp.send(datagram, call.remoteRtp.port, call.remoteRtp.address);
    }
  }

  /** BYE on every answered call. */
  hangUpAll(): void {
    for (const call of this.calls.values()) {
      if (!call.toTag) continue;
      this.send(buildRequest('BYE', this.uri(), this.dialogHeaders(call, 2, 'BYE')));
    }
  }

  close(): void {
    for (const call of this.calls.values()) call.rtp.close();
    this.sip?.close();
  }

  private uri(): string {
    return `sip:+864001234567@${this.target.host}:${this.target.port}`;
  }

  private dialogHeaders(call: LoadCall, cseq: number, method: string): HeaderLines {
    return [
      ['Via', `SIP/2.0/UDP 127.0.0.1:${this.sipPort};branch=z9hG4bK${randomBytes(6).toString('hex')}`],
      ['Max-Forwards', '70'],
      ['From', `<sip:+8613800000000@127.0.0.1>;tag=${call.fromTag}`],
      ['To', `<sip:+864001234567@${this.target.host}>${call.toTag ? `;tag=${call.toTag}` : ''}`],
      ['Call-ID', call.sipCallId],
      ['CSeq', `${cseq} ${method}`],
    ];
  }

  private send(bytes: Buffer): void {
    this.sip?.send(bytes, this.target.port, this.target.host);
  }

  private response(bytes: Buffer): void {
    let message;
    try {
      message = parseSipMessage(bytes);
    } catch {
      return;
    }
    if (message.kind !== 'response') return;
    const call = this.calls.get(message.callId);
    if (!call) return;
    if (message.cseq.method === 'BYE') {
      call.byeAnswered = true;
      return;
    }
    if (message.status === 100) call.trying = true;
    if (message.status === 180) call.ringingAt ??= performance.now();
    if (message.status === 200 && message.cseq.method === 'INVITE') this.answered(call, message);
  }

  private answered(call: LoadCall, ok: SipResponse): void {
    call.toTag = headerParam(header(ok, 'to') ?? '', 'tag');
    const firstAnswer = call.answeredAt === undefined;
    call.answeredAt ??= performance.now();
    const sdp = ok.body.toString();
    const port = Number(/m=audio (\d+)/.exec(sdp)?.[1]);
    const address = /c=IN IP4 (\S+)/.exec(sdp)?.[1] ?? this.target.host;
    if (firstAnswer) call.remoteRtp = { address, port };
    // The ACK of a 2xx is its own transaction: a new branch, the CSeq number of the INVITE.
    this.send(buildRequest('ACK', this.uri(), this.dialogHeaders(call, 1, 'ACK')));
  }

  private media(call: LoadCall, datagram: Buffer): void {
    const packet = parseRtpPacket(datagram);
    if (!packet) return;
    const now = performance.now();
    call.packetsReceived += 1;
    // Interarrival jitter (RFC 3550 §6.4.1) in ms: timestamps are 8 kHz samples.
    const transit = now - packet.timestamp / 8;
    if (call.lastTransit !== undefined) call.jitterMs += (Math.abs(transit - call.lastTransit) - call.jitterMs) / 16;
    call.lastTransit = transit;
    if (call.lastArrival !== undefined) call.maxGapMs = Math.max(call.maxGapMs, now - call.lastArrival);
    call.firstArrival ??= now;
    call.lastArrival = now;
  }
}
