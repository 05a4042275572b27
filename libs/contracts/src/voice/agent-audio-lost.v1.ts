import { z } from 'zod';
import { defineCallEvent } from '../contract';
import { callIdSchema } from '../envelope';

/**
 * The agent's audio on a call has been gone for longer than the voice service's limit (their
 * WebRTC connection failed or closed, or no packet came): routing puts the call back in the queue
 * so the caller is not left talking to nobody.
 */
export const agentAudioLostV1 = defineCallEvent({
  subject: 'voice.agent.audio-lost.v1',
  schema: z.object({
    callId: callIdSchema,
    agentId: z.uuid(),
    /** How long nothing was heard from the agent, in milliseconds. */
    silentForMs: z.number().int().nonnegative(),
    at: z.iso.datetime({ offset: true }),
  }),
});
export type AgentAudioLostV1 = z.infer<typeof agentAudioLostV1.schema>;
