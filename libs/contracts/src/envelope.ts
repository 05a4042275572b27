import { z } from 'zod';

/**
 * A call id travels as the last token of per-call subjects, so it may hold only characters that
 * are safe in a NATS subject token (no dots, spaces or wildcards). Twilio's CallSid fits.
 */
export const callIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a call id is 1-64 letters, digits, "-" or "_"');

/** Correlation ids tie a request, its reply and the facts that follow from it. */
export const correlationIdSchema = z.string().min(1).max(128);

/**
 * What every message carries besides its payload: its own id (JetStream deduplicates on it),
 * when it was produced, and the call it belongs to or the correlation id of the work it is part of.
 */
export const envelopeMetaSchema = z
  .object({
    id: z.uuid(),
    time: z.iso.datetime({ offset: true }),
    callId: callIdSchema.optional(),
    correlationId: correlationIdSchema.optional(),
  })
  .refine((meta) => meta.callId !== undefined || meta.correlationId !== undefined, {
    message: 'an envelope carries a call id or a correlation id',
  });

export type EnvelopeMeta = z.infer<typeof envelopeMetaSchema>;

/** A message as it crosses the wire: the envelope and the payload its contract describes. */
export interface Envelope<TPayload> {
  readonly meta: EnvelopeMeta;
  readonly payload: TPayload;
}
