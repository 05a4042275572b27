import { z } from 'zod';
import { defineBinaryCallEvent } from '../contract';
import { callIdSchema } from '../envelope';

/**
 * One frame of the caller's audio as the provider sent it: 20 ms of 8 kHz G.711 µ-law, 160 bytes.
 * The body is the raw bytes; this header travels in NATS headers.
 */
export const audioFrameV1 = defineBinaryCallEvent({
  subject: 'calls.audio.frame.v1',
  maxBytes: 8000,
  meta: z.object({
    callId: callIdSchema,
    /** The provider's sequence number: frames are in order and gaps are visible. */
    sequenceNumber: z.number().int().nonnegative(),
    /** Milliseconds since the stream started. */
    timestampMs: z.number().int().nonnegative(),
    encoding: z.enum(['mulaw', 'alaw', 'pcm16']),
    sampleRateHz: z.number().int().positive(),
  }),
});
export type AudioFrameMetaV1 = z.infer<typeof audioFrameV1.meta>;
