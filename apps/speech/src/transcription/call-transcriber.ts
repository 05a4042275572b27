import { Logger } from '@nestjs/common';
import { callEndedV1, callStartedV1, transcriptUpdatedV1, type Language } from '@callcart/contracts';
import type { Listening, MessageBus } from '@callcart/messaging';
import { CallClaims, type CallClaim } from '../claims/call-claims';
import type { Recognition, RecognitionListener, Recogniser, RecognitionSession } from '../recognition/recogniser';
import { AgentSide, AgentSessionBudget } from './agent-side';
import type { CallAudioBuffer } from './call-audio-buffer';
import { CallAudioTap } from './call-audio-tap';
import type { SpeechMetrics } from './speech.metrics';

export interface CallTranscriberOptions {
  readonly workerId: string;
  readonly language: Language;
  readonly claimTtlMs: number;
  /** A claimed call with no audio for this long is given up (its end was missed). */
  readonly audioIdleMs: number;
  readonly metrics?: SpeechMetrics;
  /** Agent sides recognised at once by this worker; 0 recognises callers only. */
  readonly maxAgentSessions?: number;
  /** Pauses between attempts to start a call's recogniser; the call is given up after the last. */
  readonly recogniserRetryMs?: readonly number[];
}

const RECOGNISER_RETRY_MS = [200, 1000, 3000];

interface ActiveCall {
  readonly callId: string;
  readonly claimRevision: number;
  session?: RecognitionSession;
  /** The agent's words, on a session of their own. */
  agent?: AgentSide;
  /** The call's frames from the first one heard, held until the recogniser has started. */
  readonly frames: CallAudioBuffer;
  readonly claimedAt: number;
  /** Transcripts published for the call so far: the next one's `sequence`. */
  published: number;
  finishing?: Promise<void>;
}

/**
 * The speech worker: claims calls as they start (first claim wins), subscribes to the audio of
 * the calls it holds, feeds them to the recogniser and publishes their transcripts; releases a
 * claim when its call ends, and takes over the calls of workers that went silent. The audio is
 * subscribed right after the claim, before the recogniser starts (its decoders may take seconds
 * in a burst of calls): frames wait in a {@link CallAudioBuffer} until it is ready, and a start
 * that fails is retried. Audio is subscribed only for held calls: at a takeover the audio
 * between the dead worker's last frame and the new subscription is lost (≈ the claim TTL, see
 * docs/speech.md). The agent's side of a held call is recognised too, on a session of its own
 * ({@link AgentSide}), and its transcripts say `speaker: 'agent'` (the caller's say `caller`).
 */
export class CallTranscriber {
  private readonly logger = new Logger(CallTranscriber.name);
  private readonly calls = new Map<string, ActiveCall>();
  private readonly claims: CallClaims;
  private readonly tap: CallAudioTap;
  private listenings: Listening[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly agentBudget: AgentSessionBudget;

  constructor(
    private readonly bus: MessageBus,
    private readonly recogniser: Recogniser,
    private readonly options: CallTranscriberOptions,
  ) {
    this.agentBudget = new AgentSessionBudget(options.maxAgentSessions ?? 0);
    const bucket = bus.keyValue<CallClaim>('speech-claims', { ttlMs: Math.max(10_000, options.claimTtlMs * 10) });
    this.tap = new CallAudioTap(bus, (count) => options.metrics?.startFramesDropped.inc(count));
    this.claims = new CallClaims(bucket, options.workerId, options.claimTtlMs, {
      onTakeover: (callId, revision) => this.begin(callId, revision),
      onLost: (callId) => void this.finish(callId, false),
      onHeldElsewhere: (callId) => this.tap.heldElsewhere(callId),
    });
  }

  async start(): Promise<void> {
    // Listening to every call's audio before the first call start is consumed: no call's first frames are missed.
    await this.tap.start();
    await this.claims.start();
    this.listenings = [
      // One durable consumer shared by every worker: each call start reaches one of them, and
      // starts published while all workers were down are not lost.
      await this.bus.consume(callStartedV1, { durable: 'speech-call-started', deliver: 'new', ackWaitMs: 5000 }, async (call) => {
        const revision = await this.claims.claim(call.callId);
        if (revision !== undefined) this.begin(call.callId, revision);
        else this.tap.heldElsewhere(call.callId);
      }),
      await this.bus.subscribe(callEndedV1, async (ended) => {
        this.claims.forget(ended.callId);
        if (this.calls.has(ended.callId)) await this.finish(ended.callId, true);
        this.tap.forget(ended.callId);
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
    await Promise.allSettled([...this.listenings, this.tap].map((listening) => listening.stop()));
    await Promise.allSettled([...this.calls.keys()].map((callId) => this.finish(callId, false)));
  }

  /** Takes a claimed call: its audio so far and from now on, while the recogniser starts in the background. */
  private begin(callId: string, claimRevision: number): void {
    if (this.calls.has(callId)) return;
    const call: ActiveCall = { callId, claimRevision, frames: this.tap.take(callId), claimedAt: Date.now(), published: 0 };
    this.calls.set(callId, call);
    void this.startRecognising(call);
  }

  /** Starts the call's recogniser, retrying a failed start; gives the call up after the last attempt. */
  private async startRecognising(call: ActiveCall): Promise<void> {
    const { callId } = call;
    const { claimedAt } = call;
    const pauses = this.options.recogniserRetryMs ?? RECOGNISER_RETRY_MS;
    for (let attempt = 0; attempt <= pauses.length && !call.finishing; attempt += 1) {
      try {
        const session = await this.startCallerSession(callId, {
          onRecognition: (recognition) => void this.publish(call, recognition, 'caller', call.frames.firstFrameMs ?? 0),
          onError: (error) => this.logger.error({ msg: 'recognition failed', callId, err: error }),
        });
        if (call.finishing) return void (await session.end().catch(() => undefined));
        call.session = session;
        const buffered = call.frames.buffered;
        call.frames.attach(session);
        this.options.metrics?.recogniserReadySeconds.observe((Date.now() - claimedAt) / 1000);
        this.logger.log({ msg: 'recognising call', callId, workerId: this.options.workerId, claimRevision: call.claimRevision, bufferedFrames: buffered, attempt });
        await this.listenToAgent(call);
        return;
      } catch (error) {
        this.options.metrics?.recogniserStartFailures.inc();
        const last = attempt === pauses.length;
        this.logger.error({ msg: last ? 'could not start recognising a claimed call: giving it up' : 'recogniser start failed: retrying', callId, attempt, err: error });
        if (last) return void (await this.finish(callId, true));
        await new Promise((resolve) => setTimeout(resolve, pauses[attempt]));
      }
    }
  }

  /** The agent's side is a bonus: if it cannot listen, the caller's recognition goes on. */
  private async listenToAgent(call: ActiveCall): Promise<void> {
    if (this.agentBudget.max === 0) return;
    call.agent = new AgentSide(call.callId, {
      bus: this.bus,
      recogniser: this.recogniser,
      budget: this.agentBudget,
      logger: this.logger,
      onRecognition: (recognition, offsetMs) => void this.publish(call, recognition, 'agent', offsetMs),
    });
    await call.agent.listen().catch((error: unknown) => this.logger.error({ msg: "could not subscribe to the agent's audio", callId: call.callId, err: error }));
  }

  /**
   * The caller's session: if the recogniser refuses it (out of capacity or quota) while agents'
   * sides hold sessions, the newest agent side gives its session up and the caller's is tried
   * again; the caller's words matter more than the agent's.
   */
  private async startCallerSession(callId: string, listener: RecognitionListener): Promise<RecognitionSession> {
    try {
      return await this.recogniser.start(callId, listener);
    } catch (error) {
      if (!(await this.agentBudget.yieldOne())) throw error;
      this.logger.warn({ msg: "an agent's side gave its recogniser session up for a caller", callId, err: error });
      return this.recogniser.start(callId, listener);
    }
  }

  private finish(callId: string, release: boolean): Promise<void> {
    const call = this.calls.get(callId);
    if (!call) return release ? this.claims.release(callId).catch(() => undefined) : Promise.resolve();
    call.finishing ??= (async () => {
      this.tap.forget(callId);
      await call.agent?.end();
      await call.session?.end().catch((error: unknown) => this.logger.warn({ msg: 'session end failed', callId, err: error }));
      this.calls.delete(callId);
      if (release) await this.claims.release(callId).catch(() => undefined);
    })();
    return call.finishing;
  }

  private dropIdleCalls(): void {
    const now = Date.now();
    for (const call of this.calls.values()) {
      if (now - (this.tap.lastFrameAt(call.callId) ?? call.claimedAt) > this.options.audioIdleMs) {
        this.logger.warn({ msg: 'no audio for a claimed call: giving it up', callId: call.callId });
        void this.finish(call.callId, true);
      }
    }
  }

  private async publish(call: ActiveCall, recognition: Recognition, speaker: 'caller' | 'agent', offset: number): Promise<void> {
    const common = {
      callId: call.callId,
      // The claim revision grows with every takeover, so utterance ids never repeat within a call;
      // the agent's sessions number their utterances on their own, hence the `a`.
      utteranceId: `c${call.claimRevision}-${speaker === 'agent' ? 'a' : ''}${recognition.utteranceId}`,
      text: recognition.text,
      startMs: recognition.startMs + offset,
      workerId: this.options.workerId,
      language: this.options.language,
      speaker,
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
