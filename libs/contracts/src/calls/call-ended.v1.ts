import { z } from 'zod';
import { defineEvent } from '../contract';
import { callIdSchema } from '../envelope';
import { CALLS_STREAM } from '../streams';

/** The call's media stream stopped: the caller hung up, the provider stopped it, or it broke. */
export const callEndedV1 = defineEvent({
  subject: 'calls.call.ended.v1',
  stream: CALLS_STREAM,
  schema: z.object({
    callId: callIdSchema,
    endedAt: z.iso.datetime({ offset: true }),
    durationMs: z.number().int().nonnegative(),
    /**
     * `stopped`: the caller or the provider ended it; `socket-closed`/`protocol-error`: the media
     * stream broke; `hung-up`: callcart ended it (the agent hung up); `cancelled`: the caller gave
     * up before it was answered (SIP CANCEL); `media-timeout`: no audio for too long;
     * `shutdown`: call-ingest stopped while the call was on.
     */
    reason: z.enum(['stopped', 'socket-closed', 'protocol-error', 'hung-up', 'cancelled', 'media-timeout', 'shutdown']),
    /** Audio frames whose sequence numbers never arrived from the provider. */
    missingFrames: z.number().int().nonnegative(),
  }),
});
export type CallEndedV1 = z.infer<typeof callEndedV1.schema>;
