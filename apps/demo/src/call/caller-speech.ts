import { type FinalTranscriptV1, finalTranscriptSchema, type MatchesFoundV1, matchesFoundV1 } from '@callcart/contracts';
import type { LiveMessage } from '@callcart/gateway-client';
import type { PhoneLine } from '@callcart/telephony';
import type { AgentDesk } from '@callcart/gateway-client';

/** What the desk showed for one thing the caller said. */
export interface HeardSentence {
  /** The final transcripts of the sentence, in order, with when each reached the desk. */
  readonly finals: readonly { readonly transcript: FinalTranscriptV1; readonly receivedAt: number }[];
  /** The spoken-mention candidate lists that reached the desk for it, in order. */
  readonly matches: readonly { readonly found: MatchesFoundV1; readonly receivedAt: number }[];
  /** The first candidate list the script was waiting for, if any came. */
  readonly wanted?: MatchesFoundV1;
}

export interface ListenLimits {
  /** Longest wait for the recogniser's final transcript after the sentence was spoken. */
  readonly finalWithinMs: number;
  /** How long after the last final (or the end of the sentence) to go on waiting for the wanted candidates. */
  readonly matchesAfterFinalMs: number;
}

export const DEFAULT_LISTEN_LIMITS: ListenLimits = { finalWithinMs: 15_000, matchesAfterFinalMs: 2_500 };
const POLL_MS = 100;

function finalOf(message: LiveMessage): FinalTranscriptV1 | undefined {
  const parsed = finalTranscriptSchema.safeParse(message.data);
  return parsed.success ? parsed.data : undefined;
}

function spokenMatchesOf(message: LiveMessage): MatchesFoundV1 | undefined {
  const parsed = matchesFoundV1.schema.safeParse(message.data);
  return parsed.success && parsed.data.source === 'speech' ? parsed.data : undefined;
}

/**
 * The caller says a sentence on the line; then the agent's live feed is watched for what the
 * system made of it: the final transcripts of speech from the sentence's start on, and the
 * candidate lists for spoken mentions. Returns once the recogniser has settled (a final, then a
 * short wait for the candidates it brings: shorter when the wanted ones are there), or at the limit.
 */
export async function sayAndListen(
  line: PhoneLine,
  desk: AgentDesk,
  frames: readonly Uint8Array[],
  wanted: (found: MatchesFoundV1) => boolean,
  limits: ListenLimits = DEFAULT_LISTEN_LIMITS,
): Promise<HeardSentence> {
  const since = performance.now();
  const sentenceStartMs = line.audioMs;
  await line.say(frames);
  const spokenAt = performance.now();
  for (;;) {
    const finals = desk
      .frames('transcript', line.callId, since)
      .map((message) => ({ transcript: finalOf(message), receivedAt: message.receivedAt }))
      .filter((entry): entry is HeardSentence['finals'][number] => entry.transcript !== undefined && entry.transcript.endMs >= sentenceStartMs);
    const matches = desk
      .frames('matches', line.callId, since)
      .map((message) => ({ found: spokenMatchesOf(message), receivedAt: message.receivedAt }))
      .filter((entry): entry is HeardSentence['matches'][number] => entry.found !== undefined);
    // The desk shows the latest list: interims bring early ones, the final the settled one.
    const hit = matches.findLast((entry) => wanted(entry.found))?.found;
    const now = performance.now();
    const lastFinalAt = finals.at(-1)?.receivedAt;
    const quietFor = lastFinalAt === undefined ? 0 : now - Math.max(lastFinalAt, spokenAt);
    // Wait for a final too (to show what was heard), then a little for the candidates it brings.
    const settled = lastFinalAt !== undefined && quietFor > (hit ? limits.matchesAfterFinalMs / 5 : limits.matchesAfterFinalMs);
    if (settled || now - spokenAt > limits.finalWithinMs || !line.isUp) return { finals, matches, ...(hit ? { wanted: hit } : {}) };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
