/**
 * The phone side of a call as Twilio speaks it: the request signature (a simulated caller makes it;
 * call-ingest checks it with the official `twilio` package), the caller's end of a Media Streams WebSocket, and a caller's audio
 * as 20 ms frames of 8 kHz µ-law (spoken by a synthetic voice, read from a WAV, or silence). Used by
 * call-ingest, the call simulator, the demo call, the end-to-end tests and the benchmarks; and the
 * agent's end of a WebRTC voice connection in Node (the voice service's tests and benchmark).
 */
export { twilioSignature } from './twilio-signature';
export type { WebhookParams } from './twilio-signature';
export { TwilioMediaClient, twilioSid } from './twilio-media.client';
export type { MediaClientOptions, MediaSocketClose, StreamMessageFromServer } from './twilio-media.client';
export { MULAW_SILENCE, mulawFrames, silentFrames, spokenFrames, wavFileFrames } from './caller-audio';
export { isFliteVoice, synthesiseSpeech } from './synthetic-voice';
export type { SpeakOptions } from './synthetic-voice';
export { PhoneLine } from './phone-line';
export type { DialOptions, LineSegment, SpokenSentence } from './phone-line';
export { WebRtcAgent } from './webrtc-agent';
export type { AgentRtpPacket } from './webrtc-agent';
