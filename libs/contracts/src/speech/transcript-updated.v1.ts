import { z } from 'zod';
import { defineCallEvent } from '../contract';
import { callIdSchema } from '../envelope';
import { utteranceIdSchema } from '../common/ids';
import { languageSchema } from '../common/language';

const transcriptBase = {
  callId: callIdSchema,
  utteranceId: utteranceIdSchema,
  text: z.string().max(2000),
  /** Milliseconds since the call's audio started. */
  startMs: z.number().int().nonnegative(),
  /** The speech worker holding the call's claim; changes when another worker takes the call over. */
  workerId: z.string().min(1).max(128),
  language: languageSchema,
  /** Whose words these are; absent means the caller's (the only side recognised before the agent's voice). */
  speaker: z.enum(['caller', 'agent']).optional(),
  /**
   * Grows with every transcript the worker publishes for the call, so whoever reads an
   * utterance's transcripts (or lists made from them) out of order can tell which is newer.
   * Absent from older workers.
   */
  sequence: z.number().int().nonnegative().optional(),
};

/** The recogniser's current guess while the caller is still speaking; later ones replace it. */
export const interimTranscriptSchema = z.object({
  ...transcriptBase,
  kind: z.literal('interim'),
  /** How unlikely the guess is to change, 0..1. */
  stability: z.number().min(0).max(1),
});

/**
 * The settled text of an utterance with the recogniser's n-best: the catalogue matches against
 * all alternatives, because brand names are exactly where the first guess goes wrong.
 */
export const finalTranscriptSchema = z
  .object({
    ...transcriptBase,
    kind: z.literal('final'),
    /** Best first; the first one's text is `text`. */
    alternatives: z
      .array(z.object({ text: z.string().max(2000), confidence: z.number().min(0).max(1) }))
      .min(1)
      .max(10),
    endMs: z.number().int().nonnegative(),
  })
  .refine((final) => final.alternatives[0]?.text === final.text, {
    message: 'the first alternative is the text',
    path: ['alternatives', 0, 'text'],
  })
  .refine((final) => final.endMs >= final.startMs, { message: 'endMs before startMs', path: ['endMs'] });

/** What the caller is saying, live: interim guesses, then one final transcript per utterance. */
export const transcriptUpdatedV1 = defineCallEvent({
  subject: 'speech.transcript.updated.v1',
  schema: z.discriminatedUnion('kind', [interimTranscriptSchema, finalTranscriptSchema]),
});
export type TranscriptUpdatedV1 = z.infer<typeof transcriptUpdatedV1.schema>;
export type InterimTranscriptV1 = z.infer<typeof interimTranscriptSchema>;
export type FinalTranscriptV1 = z.infer<typeof finalTranscriptSchema>;
