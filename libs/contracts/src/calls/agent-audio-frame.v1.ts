import { defineBinaryCallEvent } from '../contract';
import { audioFrameV1 } from './audio-frame.v1';

/**
 * One frame of the agent's voice on its way to the caller: 20 ms of 8 kHz G.711 (µ-law for
 * Twilio and PCMU trunks; the voice service sends µ-law and call-ingest converts for an A-law
 * trunk). Published by the voice service, sent to the carrier by the call-ingest replica that
 * holds the call, and transcribed by speech as the agent's side of the conversation.
 */
export const agentAudioFrameV1 = defineBinaryCallEvent({
  subject: 'calls.audio.agent.v1',
  maxBytes: 8000,
  meta: audioFrameV1.meta,
});
