import type { LoggerService } from '@nestjs/common';
import { audioFrameV1, callEndedV1, callStartedV1, type CallEndedV1 } from '@callcart/contracts';
import type { CallEventsPublisher } from './call-events.publisher';
import type { IngestMetrics } from './ingest.metrics';
import type { StreamCredentials, StreamRefusal } from './stream-admission';
import { normaliseCallerIdentity } from '../twilio/caller-identity';
import { STREAM_TOKEN_PARAMETER } from '../twilio/stream-token';
import {
  CLOSE_CODE_OF,
  MediaProtocolError,
  parseTwilioMediaMessage,
  type DtmfMessage,
  type MediaMessage,
  type StartMessage,
  type TwilioMediaMessage,
} from './twilio-media.messages';

/** What a session needs from the world: its socket's close, the publisher, counters, a clock. */
export interface MediaStreamSessionDeps {
  readonly publisher: CallEventsPublisher;
  readonly metrics: IngestMetrics;
  readonly logger: LoggerService;
  /** Closes the WebSocket with a code and a reason text (≤ 123 bytes). */
  readonly closeSocket: (code: number, reason: string) => void;
  readonly now?: () => number;
  /** Decides whether a stream may carry its call (one stream per call, a valid stream token). */
  readonly admitStream?: (credentials: StreamCredentials) => Promise<StreamRefusal | undefined>;
  /** What plays back to the caller on the bidirectional stream (absent: nothing does). */
  readonly playout?: SessionPlayout;
}

/** The audio back to the caller, as far as the session drives it: begun with the call, ended with it. */
export interface SessionPlayout {
  /** The call has begun (after admission): the caller hears the greeting and waiting audio. */
  begin(call: { readonly callId: string; readonly streamSid: string }): void;
  /** The carrier echoed one of our marks: the audio before it has played. */
  markPlayed(name: string): void;
  /** The call has ended: nothing more is sent; `clear` when callcart ended it (hang-up, shutdown). */
  end(clear: boolean): void;
}

/**
 * The largest jump in sequence numbers believed as missing frames: an hour of 20 ms frames.
 * Beyond it the number is an anomaly (a broken or hostile sender), not 10^15 lost frames.
 */
export const MAX_PLAUSIBLE_SEQUENCE_GAP = 180_000;

/** Messages held while a stream's admission is being decided (~10 s of audio). */
const MAX_HELD_MESSAGES = 500;

interface CallInProgress {
  readonly callId: string;
  readonly startedAtMs: number;
}

/** RFC 6455 allows 123 bytes of close reason. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

/**
 * One Twilio media stream, i.e. one call, from `connected` to its end. It publishes call started
 * on `start`, every inbound audio frame in arrival order with its sequence number, keypad digits,
 * and call ended exactly once: on `stop`, when the socket closes, when the stream breaks the
 * protocol (the socket is then closed with a code and the reason; no other call is affected), when
 * callcart hangs up, or at shutdown. Audio back to the caller is the {@link SessionPlayout}'s.
 * Gaps in the provider's sequence numbers are counted, never filled or reordered.
 */
export class MediaStreamSession {
  private state: 'awaiting-start' | 'admitting' | 'streaming' | 'ended' = 'awaiting-start';
  /** What arrived after `start` while its admission was being decided, replayed once admitted. */
  private held: TwilioMediaMessage[] = [];
  private call: CallInProgress | undefined;
  private lastSequence: number | undefined;
  private missingFrames = 0;
  /** The call's durable facts, chained so call ended is never stored before call started. */
  private durable: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: MediaStreamSessionDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The call id once `start` has arrived. */
  get callId(): string | undefined {
    return this.call?.callId;
  }

  /** Resolves when the call's durable facts published so far are stored. */
  settled(): Promise<void> {
    return this.durable;
  }

  /** A text frame from the socket. */
  handleText(text: string): void {
    if (this.state === 'ended') return;
    try {
      this.dispatch(parseTwilioMediaMessage(text));
    } catch (error) {
      if (!(error instanceof MediaProtocolError)) throw error;
      this.breakOff(error);
    }
  }

  /** A binary frame: Twilio sends JSON text only. */
  handleBinary(bytes: number): void {
    if (this.state === 'ended') return;
    this.breakOff(new MediaProtocolError('binary-frame', `binary frames are not accepted (got ${bytes} bytes); send JSON text`));
  }

  /** A frame above the configured size limit (`bytes` unknown when the socket refused it itself). */
  handleOversized(limit: number, bytes?: number): void {
    if (this.state === 'ended') return;
    const size = bytes === undefined ? 'a frame' : `a frame of ${bytes} bytes`;
    this.breakOff(new MediaProtocolError('frame-too-large', `${size} exceeds the ${limit}-byte limit`));
  }

  /** The socket closed (either side, any reason): the call ends if it had started. */
  socketClosed(): void {
    if (this.state === 'ended') return;
    this.endCall('socket-closed');
  }

  /**
   * callcart ends the call (the agent hung up): the carrier's buffered audio is cleared, call
   * ended goes out with `hung-up`, and the socket closes, upon which Twilio runs the TwiML after
   * `<Connect>` (`<Hangup/>`). A `stop` or the close that follows finds the call ended already.
   */
  hangUp(): void {
    if (this.state === 'ended') return;
    this.endCall('hung-up');
    this.deps.closeSocket(1000, 'call hung up by callcart');
  }

  /** The service is stopping: the call ends with `shutdown` and the socket closes (going away). */
  shutDown(): void {
    if (this.state === 'ended') return;
    this.endCall('shutdown');
    this.deps.closeSocket(1001, 'call-ingest is shutting down');
  }

  private dispatch(message: TwilioMediaMessage): void {
    if ('sequenceNumber' in message && message.sequenceNumber !== undefined) this.observeSequence(message.sequenceNumber);
    if (this.state === 'admitting') return this.hold(message);
    this.act(message);
  }

  private act(message: TwilioMediaMessage): void {
    switch (message.event) {
      case 'connected':
        return;
      case 'start':
        return this.start(message);
      case 'media':
        return this.media(message);
      case 'dtmf':
        return this.dtmf(message);
      case 'mark':
        // The carrier's echo of a mark we sent: the audio before it has played.
        if (this.state === 'streaming' && message.mark) this.deps.playout?.markPlayed(message.mark.name);
        return;
      case 'stop':
        this.endCall('stopped');
        this.deps.closeSocket(1000, 'stream stopped');
        return;
      case 'unknown':
        this.deps.metrics.ignoredEvents.inc();
        return;
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled media message ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private observeSequence(sequence: number): void {
    const last = this.lastSequence;
    if (last !== undefined && sequence <= last) {
      this.deps.metrics.framesOutOfOrder.inc();
      return;
    }
    if (last !== undefined && sequence - last - 1 > MAX_PLAUSIBLE_SEQUENCE_GAP) {
      this.deps.metrics.protocolAnomalies.inc({ kind: 'sequence-jump' });
      this.deps.logger.warn({ msg: 'implausible sequence number jump ignored', callId: this.call?.callId, last, sequence });
      this.lastSequence = sequence;
      return;
    }
    if (last !== undefined && sequence > last + 1) {
      const gap = sequence - last - 1;
      this.missingFrames += gap;
      this.deps.metrics.framesMissing.inc(gap);
    }
    this.lastSequence = sequence;
  }

  private start(message: StartMessage): void {
    if (this.state !== 'awaiting-start') throw new MediaProtocolError('second-start', 'a second start on one stream');
    const format = message.start.mediaFormat;
    if (format.encoding !== 'audio/x-mulaw' || format.sampleRate !== 8000 || (format.channels ?? 1) !== 1) {
      throw new MediaProtocolError(
        'unsupported-format',
        `unsupported media format ${format.encoding}/${format.sampleRate}/${format.channels ?? 1}: only audio/x-mulaw 8000 Hz mono`,
      );
    }
    const admitStream = this.deps.admitStream;
    if (!admitStream) return this.beginCall(message);
    this.state = 'admitting';
    const credentials = { callId: message.start.callSid, streamToken: message.start.customParameters?.[STREAM_TOKEN_PARAMETER] };
    void admitStream(credentials).then((refusal) => this.admitted(message, refusal));
  }

  private admitted(message: StartMessage, refusal: StreamRefusal | undefined): void {
    if (this.state !== 'admitting') return; // the socket closed while we were deciding
    if (refusal) {
      this.state = 'ended';
      this.held = [];
      this.deps.logger.warn({ msg: 'media stream refused', reason: refusal.reason, detail: refusal.message, callId: message.start.callSid });
      this.deps.closeSocket(1008, closeReason(refusal.message));
      return;
    }
    this.beginCall(message);
    const held = this.held;
    this.held = [];
    for (const next of held) if (this.isStreaming()) this.actSafely(next);
  }

  /** A method, not a property check, so the compiler does not narrow the state across calls. */
  private isStreaming(): boolean {
    return this.state === 'streaming';
  }

  private hold(message: TwilioMediaMessage): void {
    if (this.held.length >= MAX_HELD_MESSAGES) {
      this.deps.metrics.framesFailed.inc();
      return;
    }
    this.held.push(message);
  }

  private actSafely(message: TwilioMediaMessage): void {
    try {
      this.act(message);
    } catch (error) {
      if (!(error instanceof MediaProtocolError)) throw error;
      this.breakOff(error);
    }
  }

  private beginCall(message: StartMessage): void {
    const startedAtMs = this.now();
    const callId = message.start.callSid;
    this.call = { callId, startedAtMs };
    this.state = 'streaming';
    this.deps.metrics.callsStarted.inc();
    this.deps.metrics.callsActive.inc();
    const parameters = message.start.customParameters ?? {};
    this.deps.playout?.begin({ callId, streamSid: message.start.streamSid ?? message.streamSid });
    this.chainDurable(() =>
      this.deps.publisher.publishDurably(callStartedV1, {
        callId,
        callerNumber: normaliseCallerIdentity(parameters.from ?? ''),
        dialledNumber: normaliseCallerIdentity(parameters.to ?? ''),
        startedAt: new Date(startedAtMs).toISOString(),
        provider: { name: 'twilio', callSid: callId, streamSid: message.start.streamSid ?? message.streamSid },
      }),
    );
  }

  private media(message: MediaMessage): void {
    const call = this.requireCall('media');
    const track = message.media.track;
    if (track !== undefined && track !== 'inbound' && track !== 'inbound_track') {
      this.deps.metrics.framesSkipped.inc({ track: track === 'outbound' || track === 'outbound_track' ? 'outbound' : 'other' });
      return;
    }
    const payload = Buffer.from(message.media.payload, 'base64');
    if (payload.byteLength > audioFrameV1.maxBytes) {
      throw new MediaProtocolError('payload-too-large', `media payload of ${payload.byteLength} bytes exceeds ${audioFrameV1.maxBytes}`);
    }
    this.deps.publisher.publishAudioFrame(
      { callId: call.callId, sequenceNumber: message.sequenceNumber, timestampMs: message.media.timestamp, encoding: 'mulaw', sampleRateHz: 8000 },
      payload,
    );
  }

  private dtmf(message: DtmfMessage): void {
    const call = this.requireCall('dtmf');
    void this.deps.publisher.publishKeypadDigit({ callId: call.callId, digit: message.dtmf.digit, pressedAt: new Date(this.now()).toISOString() });
  }

  private requireCall(event: string): CallInProgress {
    if (this.state !== 'streaming' || !this.call) throw new MediaProtocolError('media-before-start', `${event} before start`);
    return this.call;
  }

  private breakOff(error: MediaProtocolError): void {
    this.deps.metrics.protocolErrors.inc({ kind: error.kind });
    this.deps.logger.warn({ msg: 'media stream closed for a protocol error', kind: error.kind, reason: error.message, callId: this.call?.callId });
    this.endCall('protocol-error');
    this.deps.closeSocket(CLOSE_CODE_OF[error.kind], closeReason(error.message));
  }

  private endCall(reason: CallEndedV1['reason']): void {
    const wasStreaming = this.state === 'streaming';
    this.state = 'ended';
    const call = this.call;
    if (!wasStreaming || !call) return;
    const endedAtMs = this.now();
    this.deps.metrics.callsEnded.inc({ reason });
    this.deps.metrics.callsActive.dec();
    this.deps.playout?.end(reason === 'hung-up' || reason === 'shutdown');
    const ended: CallEndedV1 = {
      callId: call.callId,
      endedAt: new Date(endedAtMs).toISOString(),
      durationMs: Math.max(0, Math.round(endedAtMs - call.startedAtMs)),
      reason,
      missingFrames: this.missingFrames,
    };
    this.chainDurable(() => this.deps.publisher.publishDurably(callEndedV1, ended));
  }

  private chainDurable(publish: () => Promise<void>): void {
    this.durable = this.durable.then(publish);
  }
}
