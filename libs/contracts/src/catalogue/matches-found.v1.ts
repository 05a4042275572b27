import { z } from 'zod';
import { defineCallEvent } from '../contract';
import { callIdSchema } from '../envelope';
import { utteranceIdSchema } from '../common/ids';
import { confirmationModeSchema, productHitSchema } from '../common/product';

/**
 * The products a caller's mention (or keyed-in item number) may refer to, for the agent to
 * confirm: read out when few, ask for the item number when many.
 */
export const matchesFoundV1 = defineCallEvent({
  subject: 'catalogue.matches.found.v1',
  schema: z
    .object({
      callId: callIdSchema,
      /** The utterance, or the keypad entry, this answers. */
      utteranceId: utteranceIdSchema,
      /** The span of speech taken as a product mention ("the Nivea hand cream, the big one"). */
      mention: z.string().min(1).max(500),
      /** The quantity heard with the mention ("two", "两"); 1 when none was said. */
      quantity: z.number().int().min(1),
      /** The best candidates, best first. */
      hits: z.array(productHitSchema).max(50),
      /** How many candidates matched in all, of which `hits` are the first. */
      total: z.number().int().nonnegative(),
      confirmationMode: confirmationModeSchema,
      source: z.enum(['speech', 'keypad']),
      /**
       * The `sequence` of the transcript this list was made from: a list of the same utterance
       * with a lower sequence is older and must not replace this one (lists of one call may be
       * published by different catalogue replicas while the call changes hands). Absent for
       * keypad entries and transcripts without a sequence.
       */
      sequence: z.number().int().nonnegative().optional(),
    })
    .refine((found) => found.total >= found.hits.length, { message: 'total below hits', path: ['total'] }),
});
export type MatchesFoundV1 = z.infer<typeof matchesFoundV1.schema>;
