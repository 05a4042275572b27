import { z } from 'zod';
import { defineEvent } from '../contract';
import { callIdSchema } from '../envelope';
import { rawPhoneNumberSchema } from '../common/phone';
import { CALLS_STREAM } from '../streams';

/** A call reached call-ingest and its media stream started. */
export const callStartedV1 = defineEvent({
  subject: 'calls.call.started.v1',
  stream: CALLS_STREAM,
  schema: z.object({
    callId: callIdSchema,
    callerNumber: rawPhoneNumberSchema,
    dialledNumber: rawPhoneNumberSchema,
    startedAt: z.iso.datetime({ offset: true }),
    /**
     * The telephony provider and its own ids, for support look-ups: Twilio's call and stream
     * sids, or for a SIP trunk the dialog's Call-ID (as `callSid`) and the trunk peer (`streamSid`).
     */
    provider: z.object({ name: z.enum(['twilio', 'sip']), callSid: z.string().max(256), streamSid: z.string().max(256) }),
  }),
});
export type CallStartedV1 = z.infer<typeof callStartedV1.schema>;
