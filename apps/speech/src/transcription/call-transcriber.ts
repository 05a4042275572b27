import { Logger } from '@nestjs/common';
import { alawToMulaw } from '@callcart/audio';
import { audioFrameV1, callEndedV1, callStartedV1, transcriptUpdatedV1, type Language } from '@callcart/contracts';
import type { Listening, MessageBus } from '@callcart/messaging';
import { CallClaims, type CallClaim } from '../claims/call-claims';
import type { Recognition, RecognitionListener, Recogniser, RecognitionSession } from '../recognition/recogniser';
import { AgentSide, AgentSessionBudget } from './agent-side';
import { fillLostAudio, MULAW_BYTES_PER_MS } from './lost-audio';

export interface CallTranscriberOptions {
  readonly workerId: string;
  readonly language: Language;
  readonly claimTtlMs: number;
  /** A claimed call with no audio for this long is given up (its end was missed). */
  readonly audioIdleMs: number;
  /** Agent sides recognised at once by this worker; 0 recognises callers only. */
  readonly maxAgentSessions?: number;
}

interface ActiveCall {
  readonly callId: string;
  readonly claimRevision: number;
  session?: RecognitionSession;
  audio?: Listening;
  /** The agent's words, on a session of their own. */
  agent?: AgentSide;
  /** Call time (ms) of the first frame this worker got: session times are relative to it. */
  offsetMs?: number;
  /** Call time (ms) the next frame should have: a later one means frames were lost on the way. */
  nextFrameMs?: number;
  lastAudioAt: number;
  finishing?: Promise<void>;
}

/**
 * The speech worker: claims calls as they start (first claim wins), subscribes to the audio of
 * the calls it holds, feeds them to the recogniser and publishes their transcripts; releases a
 * claim when its call ends, and takes over the calls of workers that went silent. The agent's
 * side of a held call is recognised too, on a session of its own ({@link AgentSide}), and its
 * transcripts say `speaker: 'agent'` (the caller's say `caller`). Audio is
 * subscribed only for held calls: at a takeover the audio between the dead worker's last frame
 * and the new subscription is lost (≈ the claim TTL, see docs/speech.md).
 */
export class CallTranscriber {
  private readonly logger = new Logger(CallTranscriber.name);
  private readonly calls = new Map<string, ActiveCall>();
  private readonly claims: CallClaims;
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
    const call: ActiveCall = { callId, claimRevision, lastAudioAt: Date.now() };
    this.calls.set(callId, call);
    try {
      call.session = await this.startCallerSession(callId, {
        onRecognition: (recognition) => void this.publish(call, recognition, 'caller', call.offsetMs ?? 0),
        onError: (error) => this.logger.error({ msg: 'recognition failed', callId, err: error }),
      });
      call.audio = await this.bus.subscribeBinary(
        audioFrameV1,
        (header, body) => {
          call.offsetMs ??= header.timestampMs;
          call.lastAudioAt = Date.now();
          if (!call.session) return;
          fillLostAudio(call.session, call.nextFrameMs, header.timestampMs);
          // A SIP trunk's A-law (PCMA) arrives as sent; the recognisers read µ-law.
          call.session.write(header.encoding === 'alaw' ? alawToMulaw(body) : body);
          call.nextFrameMs = header.timestampMs + body.length / MULAW_BYTES_PER_MS;
        },
        { callId },
      );
      this.logger.log({ msg: 'recognising call', callId, workerId: this.options.workerId, claimRevision });
      if (this.agentBudget.max > 0) {
        call.agent = new AgentSide(callId, {
          bus: this.bus,
          recogniser: this.recogniser,
          budget: this.agentBudget,
          logger: this.logger,
          onRecognition: (recognition, offsetMs) => void this.publish(call, recognition, 'agent', offsetMs),
        });
        // The agent's side is a bonus: if it cannot listen, the caller's recognition goes on.
        await call.agent.listen().catch((error: unknown) => this.logger.error({ msg: "could not subscribe to the agent's audio", callId, err: error }));
      }
    } catch (error) {
      this.logger.error({ msg: 'could not start recognising a claimed call', callId, err: error });
      await this.finish(callId, true);
    }
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
      await call.audio?.stop().catch(() => undefined);
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
      if (now - call.lastAudioAt > this.options.audioIdleMs) {
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
