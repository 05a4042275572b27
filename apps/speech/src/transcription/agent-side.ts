import type { LoggerService } from '@nestjs/common';
import { agentAudioFrameV1, type AudioFrameMetaV1 } from '@callcart/contracts';
import type { Listening, MessageBus } from '@callcart/messaging';
import type { Recognition, Recogniser, RecognitionSession } from '../recognition/recogniser';
import { fillLostAudio, MULAW_BYTES_PER_MS } from './lost-audio';

/** Agent frames kept while the agent's recogniser session starts: 5 s. */
const MAX_FRAMES_BEFORE_SESSION = 250;

/**
 * How many agent sides one worker recognises at once. The callers' sessions come first: when a
 * caller's session cannot start (the recogniser refused: out of capacity or quota), the newest
 * agent side gives its session up and the caller's is tried again ({@link yieldOne}).
 */
export class AgentSessionBudget {
  private readonly active = new Set<AgentSide>();

  constructor(readonly max: number) {}

  take(side: AgentSide): boolean {
    if (this.active.size >= this.max) return false;
    this.active.add(side);
    return true;
  }

  release(side: AgentSide): void {
    this.active.delete(side);
  }

  /** Ends the newest agent session (for a caller's); false when there is none. */
  async yieldOne(): Promise<boolean> {
    const newest = [...this.active].at(-1);
    if (!newest) return false;
    this.active.delete(newest);
    await newest.giveUp();
    return true;
  }

  get size(): number {
    return this.active.size;
  }
}

export interface AgentSideDeps {
  readonly bus: MessageBus;
  readonly recogniser: Recogniser;
  readonly budget: AgentSessionBudget;
  readonly logger: LoggerService;
  /** A recognition of the agent's words; `offsetMs` is the call time of the agent's first frame. */
  readonly onRecognition: (recognition: Recognition, offsetMs: number) => void;
}

/**
 * The agent's side of one call: the agent's frames (`calls.audio.agent.v1.<callId>`, published by
 * the voice service) on a recogniser session of their own, so the agent's words never queue behind
 * or in front of the caller's in one decoder. The session starts with the agent's first frame (a
 * call on hold or still waiting costs nothing) and only within the worker's budget of agent
 * sessions; it is the first to go when a caller needs the capacity.
 */
export class AgentSide {
  private session: RecognitionSession | undefined;
  private state: 'idle' | 'starting' | 'recognising' | 'refused' | 'ended' = 'idle';
  private listening: Listening | undefined;
  private early: Uint8Array[] = [];
  private offsetMs: number | undefined;
  private nextFrameMs: number | undefined;

  constructor(
    readonly callId: string,
    private readonly deps: AgentSideDeps,
  ) {}

  /** Subscribes to the agent's frames of this call (resolves once NATS has the subscription). */
  async listen(): Promise<void> {
    this.listening = await this.deps.bus.subscribeBinary(agentAudioFrameV1, (header, body) => this.frame(header, body), { callId: this.callId });
  }

  /** The call is over (or this worker lost it): the last words are finished, resources released. */
  async end(): Promise<void> {
    await this.listening?.stop().catch(() => undefined);
    await this.giveUp();
  }

  /** Stops recognising the agent (budget given back to a caller, or the call's end). */
  async giveUp(): Promise<void> {
    this.state = 'ended';
    this.early = [];
    this.deps.budget.release(this);
    const session = this.session;
    this.session = undefined;
    if (session) {
      await session.end().catch((error: unknown) => this.deps.logger.warn({ msg: 'agent session end failed', callId: this.callId, err: error }));
    }
  }

  private frame(header: AudioFrameMetaV1, body: Uint8Array): void {
    this.offsetMs ??= header.timestampMs;
    switch (this.state) {
      case 'recognising':
        fillLostAudio(this.session!, this.nextFrameMs, header.timestampMs);
        this.session!.write(body);
        break;
      case 'idle':
        this.early.push(body);
        void this.startSession();
        break;
      case 'starting':
        if (this.early.length < MAX_FRAMES_BEFORE_SESSION) this.early.push(body);
        break;
      case 'refused':
      case 'ended':
        return;
      default: {
        const unhandled: never = this.state;
        throw new Error(`unhandled agent side state ${String(unhandled)}`);
      }
    }
    this.nextFrameMs = header.timestampMs + body.length / MULAW_BYTES_PER_MS;
  }

  private async startSession(): Promise<void> {
    if (!this.deps.budget.take(this)) {
      this.state = 'refused';
      this.early = [];
      this.deps.logger.warn({ msg: "agent's side not recognised: this worker's agent sessions are all in use", callId: this.callId, max: this.deps.budget.max });
      return;
    }
    this.state = 'starting';
    try {
      const session = await this.deps.recogniser.start(this.callId, {
        onRecognition: (recognition) => this.deps.onRecognition(recognition, this.offsetMs ?? 0),
        onError: (error) => this.deps.logger.error({ msg: "recognition of the agent's side failed", callId: this.callId, err: error }),
      });
      if (this.state !== 'starting') {
        await session.end().catch(() => undefined);
        return;
      }
      this.session = session;
      this.state = 'recognising';
      for (const frame of this.early.splice(0)) session.write(frame);
      this.deps.logger.log({ msg: "recognising the agent's side", callId: this.callId });
    } catch (error) {
      this.state = 'refused';
      this.early = [];
      this.deps.budget.release(this);
      this.deps.logger.warn({ msg: "agent's side not recognised: the recogniser refused a session", callId: this.callId, err: error });
    }
  }
}
