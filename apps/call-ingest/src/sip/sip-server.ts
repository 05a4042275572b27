import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { agentAudioFrameV1, callControlV1 } from '@callcart/contracts';
import { MessageBus, type Listening } from '@callcart/messaging';
import { CALL_INGEST_CONFIG, type CallIngestConfig } from '../call-ingest.config';
import { CallEventsPublisher } from '../media/call-events.publisher';
import { IngestMetrics } from '../media/ingest.metrics';
import { MediaClock } from '../rtp/media-clock';
import { RtpPortPool } from '../rtp/rtp-port-pool';
import { RtpSession } from '../rtp/rtp-session';
import { CallerPlayout } from './caller-playout';
import { readCallParties } from './call-parties';
import { negotiate, parseSdpOffer, SdpError } from './sdp';
import { SipAuthenticator } from './sip-authenticator';
import { dialogKeyOf, SipCall, streamSettings } from './sip-call';
import { buildResponse, header, headerParam, parseSipMessage, SipParseError, type HeaderLines, type SipRequest, type SipResponse } from './sip-message';
import { respondToMalformed } from './sip-malformed';
import { ServerTransactions, transactionKey, TRANSACTION_LIFE_MS } from './sip-transactions';
import { SipTransport, type SipFlow } from './sip-transport';
import { SipMetrics } from './sip.metrics';
import { WAITING_AUDIO, type WaitingAudio } from './waiting-audio';

const ALLOW = 'INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE';

/**
 * The SIP trunk endpoint (`SIP_ENABLED`): a UAS on UDP and TCP `SIP_PORT` that admits calls from
 * allowed peers or digest-authenticated users, up to `SIP_MAX_CALLS`, and runs each as a
 * {@link SipCall} with its RTP on a port of `RTP_PORT_MIN`–`RTP_PORT_MAX`. Malformed messages are
 * answered 400 (or dropped when there is nothing to answer to) and counted; nothing a peer sends
 * can end another call or the service. The agent's audio and callcart's call control for a call
 * are subscribed to by the replica holding it.
 */
@Injectable()
export class SipServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SipServer.name);
  private readonly dialogs = new Map<string, SipCall>();
  private readonly byInvite = new Map<string, SipCall>();
  private readonly byCallId = new Map<string, SipCall>();
  private readonly subscriptions = new Map<SipCall, Promise<Listening[]>>();
  private readonly ourRequests = new Map<string, () => void>();
  private readonly clock = new MediaClock((_stream, error) => this.logger.error({ msg: 'sending RTP failed', err: error }));
  private readonly transactions = new ServerTransactions();
  private transport: SipTransport | undefined;
  private ports: RtpPortPool | undefined;
  private authenticator: SipAuthenticator | undefined;
  private timeoutSweep: NodeJS.Timeout | undefined;
  private closing = false;
  /** INVITEs accepted whose RTP port is being opened: they count against SIP_MAX_CALLS. */
  private opening = 0;
  /** The SIP port actually bound (SIP_PORT=0 picks a free one, for tests). */
  port = 0;

  constructor(
    @Inject(CALL_INGEST_CONFIG) private readonly config: CallIngestConfig,
    private readonly bus: MessageBus,
    private readonly publisher: CallEventsPublisher,
    private readonly metrics: IngestMetrics,
    private readonly sipMetrics: SipMetrics,
    @Inject(WAITING_AUDIO) private readonly waitingAudio: WaitingAudio,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sip = this.config.sip;
    if (!sip.enabled) return;
    this.authenticator = new SipAuthenticator(sip);
    this.ports = new RtpPortPool(sip.bind, sip.rtpPortMin, sip.rtpPortMax);
    this.transport = new SipTransport(
      {
        message: (bytes, flow) => this.receive(bytes, flow),
        framingError: (error) => this.sipMetrics.malformed.inc({ kind: error.kind }),
      },
      sip.maxMessageBytes,
    );
    ({ port: this.port } = await this.transport.listen(sip.bind, sip.port));
    if (sip.rtpTimeoutMs > 0) {
      this.timeoutSweep = setInterval(() => this.endSilentCalls(), Math.min(1000, sip.rtpTimeoutMs / 4));
      this.timeoutSweep.unref();
    }
    this.logger.log({ msg: 'SIP trunk listening', bind: sip.bind, port: this.port, advertised: sip.advertisedAddress, rtp: `${sip.rtpPortMin}-${sip.rtpPortMax}` });
  }

  /** SIP calls in progress on this replica. */
  get activeCalls(): number {
    return this.byCallId.size;
  }

  private receive(bytes: Buffer, flow: SipFlow): void {
    let message;
    try {
      message = parseSipMessage(bytes, { maxMessageBytes: this.config.sip.maxMessageBytes, maxHeaders: this.config.sip.maxHeaders }, flow.transport === 'tcp');
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      this.sipMetrics.malformed.inc({ kind: error.kind });
      respondToMalformed(bytes, error, flow);
      return;
    }
    try {
      if (message.kind === 'response') this.response(message);
      else this.request(message, flow);
    } catch (error) {
      // A bug must cost one message, never the service: counted and logged.
      this.sipMetrics.malformed.inc({ kind: 'internal' });
      this.logger.error({ msg: 'SIP message could not be handled', callId: message.callId, err: error });
    }
  }

  private response(response: SipResponse): void {
    if (response.status < 200) return;
    const branch = headerParam(response.via[0], 'branch') ?? '';
    this.ourRequests.get(branch)?.();
    this.ourRequests.delete(branch);
  }

  private request(request: SipRequest, flow: SipFlow): void {
    const match = this.transactions.receive(request, flow);
    if (match === 'retransmission') return this.sipMetrics.retransmissions.inc();
    if (request.method === 'ACK') return this.dialogOf(request)?.acknowledged();
    this.sipMetrics.requests.inc({ method: METHODS.has(request.method) ? request.method : 'other' });
    const toTag = headerParam(header(request, 'to') ?? '', 'tag');
    if (request.method === 'CANCEL') return this.cancel(request);
    if (toTag !== undefined) {
      const call = this.dialogOf(request);
      if (!call) return this.reply(request, 481, 'Call/Transaction Does Not Exist');
      return call.inDialog(request);
    }
    if (request.method === 'INVITE' || request.method === 'OPTIONS') {
      if (!this.admitted(request, flow)) return;
      if (request.method === 'OPTIONS') return this.reply(request, 200, 'OK', [['Allow', ALLOW], ['Accept', 'application/sdp']]);
      return void this.invite(request, flow);
    }
    if (request.method === 'BYE' || request.method === 'INFO' || request.method === 'UPDATE') return this.reply(request, 481, 'Call/Transaction Does Not Exist');
    this.reply(request, 405, 'Method Not Allowed', [['Allow', ALLOW]]);
  }

  private admitted(request: SipRequest, flow: SipFlow): boolean {
    const admission = this.authenticator!.check(flow.address, request.method, header(request, 'authorization') ?? header(request, 'proxy-authorization'));
    if (admission.verdict === 'allowed') return true;
    if (admission.verdict === 'challenge') {
      this.reply(request, 401, 'Unauthorized', [['WWW-Authenticate', admission.wwwAuthenticate]]);
      return false;
    }
    this.refuse(request, 403, 'Forbidden', 'forbidden');
    this.logger.warn({ msg: 'SIP request refused', method: request.method, peer: `${flow.address}:${flow.port}`, reason: admission.reason });
    return false;
  }

  private async invite(request: SipRequest, flow: SipFlow): Promise<void> {
    if (this.closing) return this.refuse(request, 503, 'Service Unavailable', 'shutting-down');
    if (this.byCallId.size + this.opening >= this.config.sip.maxCalls) return this.refuse(request, 486, 'Busy Here', 'busy');
    let offer;
    try {
      offer = parseSdpOffer(request.body.toString('utf8'));
    } catch (error) {
      if (!(error instanceof SdpError)) throw error;
      return this.refuse(request, 488, 'Not Acceptable Here', 'bad-sdp');
    }
    const media = negotiate(offer);
    if (!media) return this.refuse(request, 488, 'Not Acceptable Here', 'no-codec', [['Warning', '304 callcart "only PCMA or PCMU at 8000 Hz over RTP/AVP"']]);
    this.reply(request, 100, 'Trying');
    this.opening += 1;
    const opened = await this.ports!.open().finally(() => (this.opening -= 1));
    if (!opened) return this.refuse(request, 503, 'Service Unavailable', 'no-rtp-port');
    const callId = `sip-${randomUUID().replace(/-/g, '')}`;
    const playout = new CallerPlayout(this.waitingAudio);
    // The session's listener reaches the call through a closure: packets flow only after both exist.
    const rtp = new RtpSession(opened.socket, opened.port, streamSettings(media), { audioFrame: (frame) => call.audioFrame(frame), key: (key) => call.keyPressed(key) }, (codec) => playout.next(codec));
    const call: SipCall = new SipCall(callId, request, flow, offer, media, rtp, playout, {
      publisher: this.publisher,
      metrics: this.metrics,
      logger: this.logger,
      transactions: this.transactions,
      local: { address: this.config.sip.advertisedAddress, port: this.port },
      sentRequest: (branch, stop) => this.trackOurRequest(branch, stop),
      released: (ended) => this.release(ended),
    });
    this.dialogs.set(call.dialogKey, call);
    this.byInvite.set(transactionKey(request, 'INVITE'), call);
    this.byCallId.set(callId, call);
    this.sipMetrics.calls.inc();
    this.clock.add(rtp);
    this.subscriptions.set(call, this.subscribe(call));
    call.ring(readCallParties(request), this.config.sip.answerDelayMs);
    this.logger.log({ msg: 'SIP call ringing', callId, sipCallId: request.callId, peer: `${flow.address}:${flow.port}`, codec: media.codec });
  }

  private subscribe(call: SipCall): Promise<Listening[]> {
    return Promise.all([
      this.bus.subscribe(callControlV1, (control) => call.control(control.command), { callId: call.callId }),
      this.bus.subscribeBinary(agentAudioFrameV1, (_meta, body) => call.playout.agentFrame(Uint8Array.from(body)), { callId: call.callId }),
    ]).catch((error: unknown) => {
      this.logger.error({ msg: 'could not subscribe to the call’s control and agent audio', callId: call.callId, err: error });
      return [];
    });
  }

  private cancel(request: SipRequest): void {
    const call = this.byInvite.get(transactionKey(request, 'INVITE'));
    if (!call && !this.transactions.hasInvite(request)) return this.reply(request, 481, 'Call/Transaction Does Not Exist');
    this.reply(request, 200, 'OK');
    call?.cancel();
  }

  private dialogOf(request: SipRequest): SipCall | undefined {
    const fromTag = headerParam(header(request, 'from') ?? '', 'tag') ?? '';
    const toTag = headerParam(header(request, 'to') ?? '', 'tag') ?? '';
    return this.dialogs.get(dialogKeyOf(request.callId, fromTag, toTag));
  }

  private release(call: SipCall): void {
    this.dialogs.delete(call.dialogKey);
    this.byCallId.delete(call.callId);
    for (const [key, held] of this.byInvite) if (held === call) this.byInvite.delete(key);
    this.clock.remove(call.rtp);
    const stats = call.rtp.stats;
    this.sipMetrics.rtpPacketsSent.inc(stats.packetsSent);
    this.sipMetrics.rtpPacketsLost.inc(stats.packetsLost);
    this.sipMetrics.rtpPacketsDropped.inc(stats.packetsDropped);
    this.sipMetrics.rtpPacketsForeign.inc(stats.packetsForeign);
    this.sipMetrics.agentFramesDropped.inc(call.playout.droppedAgentFrames);
    this.sipMetrics.calls.dec();
    this.ports?.release(call.rtp.port, call.rtp.socket);
    const listenings = this.subscriptions.get(call);
    this.subscriptions.delete(call);
    void listenings?.then((list) => Promise.all(list.map((listening) => listening.stop().catch(() => undefined))));
  }

  private trackOurRequest(branch: string, stop: () => void): void {
    this.ourRequests.set(branch, stop);
    setTimeout(() => {
      this.ourRequests.get(branch)?.();
      this.ourRequests.delete(branch);
    }, TRANSACTION_LIFE_MS).unref();
  }

  /** RTP_TIMEOUT: a call whose caller should be sending and has not for that long is ended. */
  private endSilentCalls(): void {
    const now = Date.now();
    for (const call of [...this.byCallId.values()]) {
      if (call.isConfirmed && call.rtp.expectsCallerAudio && now - call.rtp.lastPacketAt > this.config.sip.rtpTimeoutMs) {
        this.logger.warn({ msg: 'no RTP from the caller: ending the call', callId: call.callId, silentMs: now - call.rtp.lastPacketAt });
        call.hangup('media-timeout');
      }
    }
  }

  private reply(request: SipRequest, status: number, reason: string, headers: HeaderLines = []): void {
    this.transactions.respond(request, status, buildResponse(request, status, reason, { toTag: status > 100 ? randomBytes(6).toString('hex') : undefined, headers }));
  }

  private refuse(request: SipRequest, status: number, reason: string, why: string, headers: HeaderLines = []): void {
    this.sipMetrics.refused.inc({ status: String(status), reason: why });
    this.reply(request, status, reason, headers);
  }

  /** Shutdown: no new calls (503); calls in progress are ended with BYE and their call ended stored. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.timeoutSweep);
    const calls = [...this.byCallId.values()];
    for (const call of calls) call.hangup('shutdown');
    await Promise.all(calls.map((call) => call.settled()));
    await this.publisher.drain(this.config.service.shutdownGraceMs / 2);
    this.transactions.close();
    await this.transport?.close();
  }
}

const METHODS = new Set(['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'INFO', 'UPDATE', 'REGISTER', 'SUBSCRIBE', 'NOTIFY', 'MESSAGE', 'PRACK', 'REFER']);
