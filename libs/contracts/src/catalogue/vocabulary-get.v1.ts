import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { timestampSchema } from '../common/time';
import { languageSchema } from '../common/language';

/**
 * The words recognisers are biased towards (product names, brands, aliases) so that they hear
 * "Nivea" rather than "near the". A recogniser refetches when `version` changes.
 */
export const vocabularyGetV1 = defineRequest({
  subject: 'catalogue.vocabulary.get.v1',
  request: z.object({
    language: languageSchema,
    /** At most this many phrases, most useful first (brands, aliases, names); default 5,000. */
    limit: z.number().int().min(1).max(20_000).optional(),
  }),
  success: z.object({
    version: z.string().min(1).max(64),
    phrases: z.array(z.string().min(1).max(200)),
    generatedAt: timestampSchema,
    /** True when the catalogue has more phrases than were sent. */
    truncated: z.boolean().optional(),
  }),
});
export type VocabularyGetRequestV1 = z.infer<typeof vocabularyGetV1.request>;
export type VocabularyGetReplyV1 = ReplyOf<typeof vocabularyGetV1>;
