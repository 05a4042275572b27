import { z } from 'zod';
import { defineCallEvent } from '../contract';
import { callIdSchema } from '../envelope';

/**
 * Routing tells every voice replica to drop an agent's audio connection to a call: the agent
 * handed the call over (transfer answered by another agent), put it back in the queue, or the
 * call ended. Without `agentId`, every agent's connection to the call closes.
 */
export const voiceSessionCloseV1 = defineCallEvent({
  subject: 'voice.session.close.v1',
  schema: z.object({
    callId: callIdSchema,
    agentId: z.uuid().optional(),
    reason: z.enum(['transferred', 'requeued', 'call-ended', 'agent-left']),
  }),
});
export type VoiceSessionCloseV1 = z.infer<typeof voiceSessionCloseV1.schema>;
