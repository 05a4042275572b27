import { matchesFoundV1, transcriptUpdatedV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import type { DeskAgent } from './desk-agents';
import type { CallerPhrase } from './desk-phrases';

export type TrafficPhase = 'staggered' | 'burst';

/** One final transcript the benchmark published, and when each consequence of it arrived (performance.now()). */
export interface UtteranceTiming {
  readonly callId: string;
  readonly utteranceId: string;
  readonly phase: TrafficPhase;
  /** Just before the final transcript was published. */
  readonly sentAt: number;
  /** The first `catalogue.matches.found.v1` for it, seen by the benchmark's own NATS subscription. */
  natsMatchesAt?: number;
  /** The first `matches` frame for it on the agent's socket: the measured figure ends here. */
  socketMatchesAt?: number;
  /** Its `transcript` frame on the agent's socket (the gateway relaying without the catalogue). */
  socketTranscriptAt?: number;
  /** All `matches` frames for it on the socket (one per product mention). */
  socketMatchesFrames: number;
}

const WORKER_ID = 'desk-bench';
const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/**
 * Final transcripts for the agents' calls, published on NATS as the speech service publishes
 * them, and the arrival of their matches: on NATS (after the catalogue) and on each agent's live
 * socket (after the gateway). Arrival times are `LiveMessage.receivedAt` and `performance.now()`
 * in this process, the same clock as the send time.
 */
export class DeskTraffic {
  private readonly utterances = new Map<string, UtteranceTiming>();
  private readonly cursors = new Map<DeskAgent, number>();
  private lastSentAt = 0;

  private constructor(
    private readonly bus: MessageBus,
    private readonly agents: readonly DeskAgent[],
  ) {}

  static async listen(bus: MessageBus, agents: readonly DeskAgent[]): Promise<DeskTraffic> {
    const traffic = new DeskTraffic(bus, agents);
    await bus.subscribe(matchesFoundV1, (found) => {
      const utterance = traffic.utterances.get(`${found.callId}/${found.utteranceId}`);
      if (utterance && utterance.natsMatchesAt === undefined) utterance.natsMatchesAt = performance.now();
    });
    return traffic;
  }

  /** Publishes one final transcript for a call and records it. */
  async say(callId: string, utteranceId: string, phrase: CallerPhrase, phase: TrafficPhase, callStartedAt: number): Promise<void> {
    const startMs = Math.max(0, Math.round(performance.now() - callStartedAt));
    const utterance: UtteranceTiming = { callId, utteranceId, phase, sentAt: performance.now(), socketMatchesFrames: 0 };
    this.utterances.set(`${callId}/${utteranceId}`, utterance);
    await this.bus.publish(transcriptUpdatedV1, {
      kind: 'final',
      callId,
      utteranceId,
      text: phrase.text,
      alternatives: phrase.alternatives.map((alternative) => ({ ...alternative })),
      startMs,
      endMs: startMs + 1800,
      workerId: WORKER_ID,
      language: 'en',
    });
    this.lastSentAt = performance.now();
  }

  /**
   * Every call says a phrase every `intervalMs` (±10 %) for `seconds`; call i starts i/N of an
   * interval after the first, so the transcripts are spread as real calls spread them.
   */
  async staggered(phrases: readonly CallerPhrase[], seconds: number, intervalMs: number, callStartedAt: number): Promise<void> {
    const began = performance.now();
    const end = began + seconds * 1000;
    await Promise.all(
      this.agents.map(async (agent, i) => {
        const offset = (i / this.agents.length) * intervalMs;
        for (let k = 0; ; k += 1) {
          const due = began + offset + k * intervalMs + (Math.random() - 0.5) * 0.2 * intervalMs;
          if (due >= end) return;
          await sleepUntil(due);
          await this.say(agent.callId!, `u${k}`, phrases[(i * 7 + k) % phrases.length], 'staggered', callStartedAt);
        }
      }),
    );
  }

  /** The worst case: every call says a phrase at the same instant, `rounds` times, `gapMs` apart. */
  async burst(phrases: readonly CallerPhrase[], rounds: number, gapMs: number, callStartedAt: number): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      if (round > 0) await sleepUntil(performance.now() + gapMs);
      for (const [i, agent] of this.agents.entries()) await this.say(agent.callId!, `b${round}`, phrases[(i * 13 + round) % phrases.length], 'burst', callStartedAt);
    }
  }

  /** Collects socket arrivals until every utterance has its matches frame, or `quietMs` after the last send. */
  async settle(quietMs: number): Promise<void> {
    for (;;) {
      this.collect();
      const pending = [...this.utterances.values()].some((utterance) => utterance.socketMatchesAt === undefined);
      if (!pending || performance.now() - this.lastSentAt > quietMs) return;
      await sleepUntil(performance.now() + 100);
    }
  }

  timings(phase: TrafficPhase): UtteranceTiming[] {
    this.collect();
    return [...this.utterances.values()].filter((utterance) => utterance.phase === phase);
  }

  /** Reads the frames each socket received since the last look. */
  private collect(): void {
    for (const agent of this.agents) {
      const messages = agent.feed.messages;
      for (let i = this.cursors.get(agent) ?? 0; i < messages.length; i += 1) {
        const message = messages[i];
        if (message.type !== 'matches' && message.type !== 'transcript') continue;
        const utterance = this.utterances.get(`${message.callId}/${String(message.data.utteranceId)}`);
        if (!utterance || message.callId !== agent.callId) continue;
        if (message.type === 'transcript') utterance.socketTranscriptAt ??= message.receivedAt;
        else {
          utterance.socketMatchesAt ??= message.receivedAt;
          utterance.socketMatchesFrames += 1;
        }
      }
      this.cursors.set(agent, messages.length);
    }
  }
}

/**
 * Before measuring: each phrase once on a call nobody holds, one after the other, keeping those
 * the catalogue answers with matches (a phrase without a product mention gets no `matches` and
 * would count as a lost frame). Also warms the catalogue up and gives its unloaded latency.
 */
export async function phrasesWithMatches(bus: MessageBus, phrases: readonly CallerPhrase[], runId: string): Promise<{ kept: CallerPhrase[]; unloadedMs: number[] }> {
  const callId = `CAwarm${runId}`;
  const answered = new Map<string, number>();
  let waiting: { utteranceId: string; resolve: () => void } | undefined;
  const listening = await bus.subscribe(
    matchesFoundV1,
    (found) => {
      if (answered.has(found.utteranceId)) return;
      answered.set(found.utteranceId, performance.now());
      if (waiting?.utteranceId === found.utteranceId) waiting.resolve();
    },
    { callId },
  );
  const sentAt: number[] = [];
  try {
    for (const [i, phrase] of phrases.entries()) {
      // One at a time, so the latencies are the unloaded ones; a phrase without a mention gets no answer.
      const utteranceId = `w${i}`;
      const answer = new Promise<void>((resolve) => {
        waiting = { utteranceId, resolve };
        setTimeout(resolve, 500);
      });
      sentAt[i] = performance.now();
      await bus.publish(transcriptUpdatedV1, {
        kind: 'final',
        callId,
        utteranceId,
        text: phrase.text,
        alternatives: phrase.alternatives.map((alternative) => ({ ...alternative })),
        startMs: 0,
        endMs: 1800,
        workerId: WORKER_ID,
        language: 'en',
      });
      await answer;
    }
    await sleepUntil(performance.now() + 1000);
  } finally {
    await listening.stop();
  }
  const kept = phrases.filter((_, i) => answered.has(`w${i}`));
  const unloadedMs = phrases.flatMap((_, i) => (answered.has(`w${i}`) ? [answered.get(`w${i}`)! - sentAt[i]] : []));
  return { kept, unloadedMs };
}
