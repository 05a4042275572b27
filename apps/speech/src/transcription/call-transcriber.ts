import { Logger } from '@nestjs/common';
import { audioFrameV1, callEndedV1, callStartedV1, transcriptUpdatedV1, type Language } from '@callcart/contracts';
import type { Listening, MessageBus } from '@callcart/messaging';
import { CallClaims, type CallClaim } from '../claims/call-claims';
import type { Recognition, Recogniser, RecognitionSession } from '../recognition/recogniser';

/** 8 kHz µ-law: 8 bytes per millisecond; 0xff is its silence. */
const MULAW_BYTES_PER_MS = 8;
const SILENCE_FRAME = new Uint8Array(160).fill(0xff);
/** Longer gaps (a NATS outage) are filled only this far; the recogniser's clock then lags the call's. */
const MAX_FILLED_GAP_MS = 30_000;

/**
 * Audio lost between two frames (the provider's gap, or frames NATS dropped in an outage) becomes
 * silence for the recogniser: transcript times stay on the call's clock and an utterance cut by
 * the loss ends there instead of running into the next.
 */
function fillLostAudio(session: RecognitionSession, expectedMs: number | undefined, frameMs: number): void {
  if (expectedMs === undefined) return;
  const lostMs = Math.min(frameMs - expectedMs, MAX_FILLED_GAP_MS);
  for (let filled = 0; filled + SILENCE_FRAME.length / MULAW_BYTES_PER_MS <= lostMs; filled += SILENCE_FRAME.length / MULAW_BYTES_PER_MS) session.write(SILENCE_FRAME);
}

export interface CallTranscriberOptions {
  readonly workerId: string;
  readonly language: Language;
  readonly claimTtlMs: number;
  /** A claimed call with no audio for this long is given up (its end was missed). */
  readonly audioIdleMs: number;
}

interface ActiveCall {
  readonly callId: string;
  readonly claimRevision: number;
  session?: RecognitionSession;
  audio?: Listening;
  /** Call time (ms) of the first frame this worker got: session times are relative to it. */
  offsetMs?: number;
  /** Call time (ms) the next frame should have: a later one means frames were lost on the way. */
  nextFrameMs?: number;
  lastAudioAt: number;
  /** Transcripts published for the call so far: the next one's `sequence`. */
  published: number;
  finishing?: Promise<void>;
}

/**
 * The speech worker: claims calls as they start (first claim wins), subscribes to the audio of
 * the calls it holds, feeds them to the recogniser and publishes their transcripts; releases a
 * claim when its call ends, and takes over the calls of workers that went silent. Audio is
 * subscribed only for held calls: at a takeover the audio between the dead worker's last frame
 * and the new subscription is lost (≈ the claim TTL, see docs/speech.md).
 */
export class CallTranscriber {
  private readonly logger = new Logger(CallTranscriber.name);
  private readonly calls = new Map<string, ActiveCall>();
  private readonly claims: CallClaims;
  private listenings: Listening[] = [];
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly recogniser: Recogniser,
    private readonly options: CallTranscriberOptions,
  ) {
    const bucket = bus.keyValue<CallClaim>('speech-claims', { ttlMs: Math.max(10_000, options.claimTtlMs * 10) });
    this.claims = new CallClaims(bucket, options.workerId, options.claimTtlMs, {
      onTakeover: (callId, revision) => void this.begin(callId, revision),
      onLost: (callId) => void this.finish(callId, false),
    });
  }

  async start(): Promise<void> {
    await this.claims.start();
    this.listenings = [
      // One durable consumer shared by every worker: each call start reaches one of them, and
      // starts published while all workers were down are not lost.
      await this.bus.consume(callStartedV1, { durable: 'speech-call-started', deliver: 'new', ackWaitMs: 5000 }, async (call) => {
        const revision = await this.claims.claim(call.callId);
        if (revision !== undefined) await this.begin(call.callId, revision);
      }),
      await this.bus.subscribe(callEndedV1, async (ended) => {
        this.claims.forget(ended.callId);
        if (this.calls.has(ended.callId)) await this.finish(ended.callId, true);
      }),
    ];
    this.idleTimer = setInterval(() => this.dropIdleCalls(), Math.min(5000, this.options.audioIdleMs));
  }

  /** The calls this worker recognises now. */
  activeCalls(): string[] {
    return [...this.calls.keys()];
  }

  /** Graceful stop: ends sessions without releasing claims, so other workers take the calls over. */
  async stop(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    await this.claims.stop();
    await Promise.allSettled(this.listenings.map((listening) => listening.stop()));
    await Promise.allSettled([...this.calls.keys()].map((callId) => this.finish(callId, false)));
  }

  private async begin(callId: string, claimRevision: number): Promise<void> {
    if (this.calls.has(callId)) return;
    const call: ActiveCall = { callId, claimRevision, lastAudioAt: Date.now(), published: 0 };
    this.calls.set(callId, call);
    try {
      call.session = await this.recogniser.start(callId, {
        onRecognition: (recognition) => void this.publish(call, recognition),
        onError: (error) => this.logger.error({ msg: 'recognition failed', callId, err: error }),
      });
      call.audio = await this.bus.subscribeBinary(
        audioFrameV1,
        (header, body) => {
          call.offsetMs ??= header.timestampMs;
          call.lastAudioAt = Date.now();
          if (!call.session) return;
          fillLostAudio(call.session, call.nextFrameMs, header.timestampMs);
          call.session.write(body);
          call.nextFrameMs = header.timestampMs + body.length / MULAW_BYTES_PER_MS;
        },
        { callId },
      );
      this.logger.log({ msg: 'recognising call', callId, workerId: this.options.workerId, claimRevision });
    } catch (error) {
      this.logger.error({ msg: 'could not start recognising a claimed call', callId, err: error });
      await this.finish(callId, true);
    }
  }

  private finish(callId: string, release: boolean): Promise<void> {
    const call = this.calls.get(callId);
    if (!call) return release ? this.claims.release(callId).catch(() => undefined) : Promise.resolve();
    call.finishing ??= (async () => {
      await call.audio?.stop().catch(() => undefined);
      await call.session?.end().catch((error: unknown) => this.logger.warn({ msg: 'session end failed', callId, err: error }));
      this.calls.delete(callId);
      if (release) await this.claims.release(callId).catch(() => undefined);
    })();
    return call.finishing;
  }

  private dropIdleCalls(): void {
    const now = Date.now();
    for (const call of this.calls.values()) {
      if (now - call.lastAudioAt > this.options.audioIdleMs) {
        this.logger.warn({ msg: 'no audio for a claimed call: giving it up', callId: call.callId });
        void this.finish(call.callId, true);
      }
    }
  }

  private async publish(call: ActiveCall, recognition: Recognition): Promise<void> {
    const offset = call.offsetMs ?? 0;
    const common = {
      callId: call.callId,
      // The claim revision grows with every takeover, so utterance ids never repeat within a call.
      utteranceId: `c${call.claimRevision}-${recognition.utteranceId}`,
      text: recognition.text,
      startMs: recognition.startMs + offset,
      workerId: this.options.workerId,
      language: this.options.language,
      // Taken before the first await, so sequences follow the recogniser's order.
      sequence: call.published++,
    };
    try {
      if (recognition.kind === 'interim') {
        await this.bus.publish(transcriptUpdatedV1, { ...common, kind: 'interim', stability: recognition.stability });
      } else {
        const alternatives = recognition.alternatives.slice(0, 10).map((alternative) => ({ ...alternative }));
        await this.bus.publish(transcriptUpdatedV1, { ...common, kind: 'final', alternatives, endMs: recognition.endMs + offset });
      }
    } catch (error) {
      this.logger.warn({ msg: 'transcript not published', callId: call.callId, err: error });
    }
  }
}
