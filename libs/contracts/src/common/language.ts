import { z } from 'zod';

/** The languages callers speak and the catalogue is written in. */
export const languageSchema = z.enum(['en', 'zh']);
export type Language = z.infer<typeof languageSchema>;
