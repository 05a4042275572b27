import { z } from 'zod';
import { defineRequest } from '../contract';
import { callIdSchema } from '../envelope';

/** A session description as the browser's `RTCPeerConnection` writes it; bounded so no one posts megabytes. */
const sdpSchema = z.string().min(10).max(20_000).startsWith('v=0');

/**
 * The gateway asks a voice replica (any one: queue group) to carry an agent's audio for a call:
 * the browser's WebRTC offer in, the voice service's answer out (ICE gathered before answering,
 * so no trickle). The gateway has already checked that the agent holds the call.
 */
export const voiceSessionOfferV1 = defineRequest({
  subject: 'voice.session.offer.v1',
  request: z.object({
    callId: callIdSchema,
    agentId: z.uuid(),
    sdp: sdpSchema,
  }),
  success: z.object({
    sdp: z.string(),
  }),
  errorCodes: ['INVALID_SDP', 'NO_COMMON_CODEC'],
});
export type VoiceSessionOfferV1 = z.infer<typeof voiceSessionOfferV1.request>;
