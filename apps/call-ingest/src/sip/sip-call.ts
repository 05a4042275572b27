import { randomBytes } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import { callEndedV1, callStartedV1, type CallControlV1, type CallEndedV1 } from '@callcart/contracts';
import type { CallEventsPublisher } from '../media/call-events.publisher';
import type { IngestMetrics } from '../media/ingest.metrics';
import type { RtpSession, RtpStreamSettings } from '../rtp/rtp-session';
import type { CallerPlayout } from './caller-playout';
import { buildSdpAnswer, negotiate, parseSdpOffer, SdpError, type NegotiatedMedia, type SdpOffer } from './sdp';
import { buildRequest, buildResponse, header, headerParam, uriOf, type HeaderLines, type SipRequest } from './sip-message';
import type { ServerTransactions } from './sip-transactions';
import { retransmitUntilStopped } from './sip-transactions';
import type { SipFlow } from './sip-transport';
import { keyFromSipInfo } from '../rtp/telephone-event';

/** What a call needs from the server that holds it. */
export interface SipCallDeps {
  readonly publisher: CallEventsPublisher;
  readonly metrics: IngestMetrics;
  readonly logger: LoggerService;
  readonly transactions: ServerTransactions;
  /** Our SIP address as peers reach it (Contact, Via of our BYE). */
  readonly local: { readonly address: string; readonly port: number };
  /** Remembers our BYE's branch so its response stops the retransmissions. */
  readonly sentRequest: (branch: string, stop: () => void) => void;
  /** The call is over: release its port and forget it. */
  readonly released: (call: SipCall) => void;
}

/** The caller's identity and what they dialled, as read from the INVITE. */
export interface CallParties {
  readonly callerNumber: string;
  readonly dialledNumber: string;
}

const newTag = () => randomBytes(6).toString('hex');

/** RTP settings from a negotiation: we send unless the caller holds us; the caller sends unless it said it would not. */
export function streamSettings(media: NegotiatedMedia): RtpStreamSettings {
  return {
    codec: media.codec,
    payloadType: media.payloadType,
    telephoneEventPayloadType: media.telephoneEventPayloadType,
    remoteAddress: media.remoteAddress,
    remotePort: media.remotePort,
    weSend: media.direction === 'sendrecv' || media.direction === 'recvonly',
    callerSends: media.direction === 'sendrecv' || media.direction === 'sendonly',
  };
}

/**
 * One SIP dialog as a UAS, from the INVITE to its end: 180 Ringing (call started is published
 * then, so the desk rings while the call is routed), 200 OK with the SDP answer after
 * `SIP_ANSWER_DELAY_MS` (retransmitted until the ACK, timers G/H), re-INVITEs for hold and session
 * refresh, INFO keypad digits, and the end however it comes — the caller's BYE (`stopped`),
 * CANCEL before the answer (`cancelled`), callcart's hangup (`hung-up`), no RTP (`media-timeout`),
 * shutdown — with call ended published exactly once.
 */
export class SipCall {
  readonly localTag = newTag();
  private state: 'ringing' | 'answered' | 'confirmed' | 'ended' = 'ringing';
  private offer: SdpOffer;
  private media: NegotiatedMedia;
  private sdpVersion = 1;
  private localCseq = 1;
  private readonly sessionId = String(Date.now());
  private readonly startedAtMs = Date.now();
  private answerTimer: NodeJS.Timeout | undefined;
  private stopOkRetransmit: (() => void) | undefined;
  private durable: Promise<void> = Promise.resolve();
  private audioSequence = 0;

  constructor(
    readonly callId: string,
    private readonly invite: SipRequest,
    private readonly flow: SipFlow,
    offer: SdpOffer,
    media: NegotiatedMedia,
    readonly rtp: RtpSession,
    readonly playout: CallerPlayout,
    private readonly deps: SipCallDeps,
  ) {
    this.offer = offer;
    this.media = media;
  }

  /** The SIP Call-ID and the caller's From tag: with our tag, they name the dialog. */
  get dialogKey(): string {
    return dialogKeyOf(this.invite.callId, headerParam(header(this.invite, 'from') ?? '', 'tag') ?? '', this.localTag);
  }

  get isRinging(): boolean {
    return this.state === 'ringing';
  }

  get isConfirmed(): boolean {
    return this.state === 'confirmed';
  }

  get isEnded(): boolean {
    return this.state === 'ended';
  }

  /** Answers 180 now, publishes call started, and schedules the 200 OK. */
  ring(parties: CallParties, answerDelayMs: number): void {
    this.respond(this.invite, 180, 'Ringing');
    this.deps.metrics.callsStarted.inc();
    this.deps.metrics.callsActive.inc();
    this.chainDurable(() =>
      this.deps.publisher.publishDurably(callStartedV1, {
        callId: this.callId,
        ...parties,
        startedAt: new Date(this.startedAtMs).toISOString(),
        provider: { name: 'sip', callSid: this.invite.callId.slice(0, 256), streamSid: `${this.flow.address}:${this.flow.port}` },
      }),
    );
    this.answerTimer = setTimeout(() => this.answer(), answerDelayMs);
  }

  private answer(): void {
    if (this.state !== 'ringing') return;
    this.state = 'answered';
    this.sendOk(this.invite);
  }

  /** A 200 OK with our SDP answer to an INVITE, retransmitted until its ACK (a call never ACKed ends). */
  private sendOk(invite: SipRequest): void {
    const body = buildSdpAnswer(this.offer, this.media, { address: this.deps.local.address, port: this.rtp.port, sessionId: this.sessionId, version: this.sdpVersion });
    const bytes = buildResponse(invite, 200, 'OK', { toTag: this.localTag, headers: this.contactHeaders(), body });
    // The INVITE transaction ends with a 2xx (RFC 3261 §17.2.1): the dialog retransmits it until the ACK.
    this.deps.transactions.respond(invite, 200, bytes, false);
    this.stopOkRetransmit?.();
    this.stopOkRetransmit = retransmitUntilStopped(
      () => this.flow.send(bytes),
      this.flow,
      () => {
        this.deps.logger.warn({ msg: 'no ACK for our 200 OK: ending the call', callId: this.callId });
        this.hangup('protocol-error');
      },
    );
  }

  private contactHeaders(): HeaderLines {
    const transport = this.flow.transport === 'tcp' ? ';transport=tcp' : '';
    return [
      ['Contact', `<sip:callcart@${this.deps.local.address}:${this.deps.local.port}${transport}>`],
      ['Allow', 'INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE'],
      ['Content-Type', 'application/sdp'],
    ];
  }

  /** The ACK of our 200 OK. */
  acknowledged(): void {
    this.stopOkRetransmit?.();
    this.stopOkRetransmit = undefined;
    if (this.state === 'answered') this.state = 'confirmed';
  }

  /** CANCEL of the INVITE: before the answer it ends the call (487); after, it changes nothing. */
  cancel(): void {
    if (this.state !== 'ringing') return;
    this.respond(this.invite, 487, 'Request Terminated');
    this.end('cancelled');
  }

  /** A request inside the dialog (its transaction is new). */
  inDialog(request: SipRequest): void {
    switch (request.method) {
      case 'BYE':
        this.respond(request, 200, 'OK');
        return this.end('stopped');
      case 'INVITE':
        return this.reInvite(request);
      case 'UPDATE':
      case 'OPTIONS':
        return this.respond(request, 200, 'OK');
      case 'INFO':
        return this.info(request);
      default:
        return this.respond(request, 501, 'Not Implemented');
    }
  }

  private reInvite(request: SipRequest): void {
    if (this.state === 'answered' || this.state === 'ringing') return this.respond(request, 491, 'Request Pending');
    if (request.body.length === 0) {
      // An offerless re-INVITE (a refresh): our current description goes out as the offer.
      return this.sendOk(request);
    }
    try {
      const offer = parseSdpOffer(request.body.toString('utf8'));
      const media = negotiate(offer);
      if (!media) return this.respond(request, 488, 'Not Acceptable Here');
      if (offer.sessionVersion !== this.offer.sessionVersion) this.sdpVersion += 1;
      this.offer = offer;
      this.media = media;
      this.rtp.update(streamSettings(media));
      this.deps.logger.log({ msg: 'SIP call re-negotiated', callId: this.callId, direction: media.direction, codec: media.codec });
      this.state = 'answered';
      this.sendOk(request);
    } catch (error) {
      if (!(error instanceof SdpError)) throw error;
      this.respond(request, 488, 'Not Acceptable Here');
    }
  }

  private info(request: SipRequest): void {
    const key = keyFromSipInfo(header(request, 'content-type') ?? '', request.body.toString('utf8'));
    this.respond(request, 200, 'OK');
    if (key) this.keyPressed(key);
  }

  /** A key from RFC 4733 events or SIP INFO. */
  keyPressed(key: string): void {
    if (this.state === 'ended') return;
    void this.deps.publisher.publishKeypadDigit({ callId: this.callId, digit: key, pressedAt: new Date().toISOString() });
  }

  /** 20 ms of the caller's audio, in the negotiated law. */
  audioFrame(frame: Uint8Array): void {
    if (this.state === 'ended') return;
    const sequenceNumber = this.audioSequence++;
    this.deps.publisher.publishAudioFrame(
      { callId: this.callId, sequenceNumber, timestampMs: sequenceNumber * 20, encoding: this.rtp.codec === 'PCMA' ? 'alaw' : 'mulaw', sampleRateHz: 8000 },
      frame,
    );
  }

  /** callcart's side of the call control contract. */
  control(command: CallControlV1['command']): void {
    if (command === 'connect') this.playout.connect();
    else if (command === 'hold') this.playout.hold();
    else this.hangup('hung-up');
  }

  /** Ends the call from our side: 480 while ringing, else BYE; call ended with `reason`. */
  hangup(reason: CallEndedV1['reason']): void {
    if (this.state === 'ended') return;
    if (this.state === 'ringing') this.respond(this.invite, 480, 'Temporarily Unavailable');
    else this.sendBye();
    this.end(reason);
  }

  private sendBye(): void {
    const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
    const transport = this.flow.transport.toUpperCase();
    const routes = (this.invite.headers.get('record-route') ?? []).map((route): [string, string] => ['Route', route]);
    const bytes = buildRequest('BYE', uriOf(header(this.invite, 'contact') ?? this.invite.uri), [
      ['Via', `SIP/2.0/${transport} ${this.deps.local.address}:${this.deps.local.port};branch=${branch};rport`],
      ['Max-Forwards', '70'],
      ['From', `${header(this.invite, 'to') ?? ''};tag=${this.localTag}`],
      ['To', header(this.invite, 'from') ?? ''],
      ['Call-ID', this.invite.callId],
      ['CSeq', `${this.localCseq++} BYE`],
      ...routes,
    ]);
    this.deps.sentRequest(branch, retransmitUntilStopped(() => this.flow.send(bytes), this.flow));
  }

  private respond(request: SipRequest, status: number, reason: string): void {
    this.deps.transactions.respond(request, status, buildResponse(request, status, reason, { toTag: this.localTag }));
  }

  /** Publishes call ended once and releases the call's resources. */
  end(reason: CallEndedV1['reason']): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    clearTimeout(this.answerTimer);
    this.stopOkRetransmit?.();
    const stats = this.rtp.finalStats();
    const endedAtMs = Date.now();
    this.deps.metrics.callsEnded.inc({ reason });
    this.deps.metrics.callsActive.dec();
    this.chainDurable(() =>
      this.deps.publisher.publishDurably(callEndedV1, {
        callId: this.callId,
        endedAt: new Date(endedAtMs).toISOString(),
        durationMs: Math.max(0, endedAtMs - this.startedAtMs),
        reason,
        missingFrames: stats.packetsLost,
      }),
    );
    this.deps.released(this);
  }

  /** Resolves when call started/ended published so far are stored. */
  settled(): Promise<void> {
    return this.durable;
  }

  private chainDurable(publish: () => Promise<void>): void {
    this.durable = this.durable.then(publish);
  }
}

/** A dialog's identity: the SIP Call-ID and both tags. */
export function dialogKeyOf(callId: string, remoteTag: string, localTag: string): string {
  return `${callId}|${remoteTag}|${localTag}`;
}
