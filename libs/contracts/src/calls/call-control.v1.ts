import { z } from 'zod';
import { defineCallEvent } from '../contract';
import { callIdSchema } from '../envelope';

/**
 * What the caller should hear, and whether the call goes on, as routing decides it. The
 * call-ingest replica holding the call acts on it:
 * - `connect`: an agent answered (or took the call back from hold); the caller hears the agent's
 *   frames (`calls.audio.agent.v1`) and no longer the waiting audio;
 * - `hold`: the caller hears the waiting audio; the agent's frames are not sent;
 * - `hangup`: the call ends at the carrier (Twilio: the media socket closes and `<Hangup/>` runs;
 *   SIP: BYE), and call ended is published once.
 * Until the first `connect` a new call hears the greeting and then the waiting audio.
 * Commands are states, not deltas, so repeating one is harmless.
 */
export const callControlV1 = defineCallEvent({
  subject: 'calls.control.command.v1',
  schema: z.object({
    callId: callIdSchema,
    command: z.enum(['connect', 'hold', 'hangup']),
    /** The agent the caller is connected to, for `connect`. */
    agentId: z.uuid().optional(),
    issuedAt: z.iso.datetime({ offset: true }),
  }),
});
export type CallControlV1 = z.infer<typeof callControlV1.schema>;
