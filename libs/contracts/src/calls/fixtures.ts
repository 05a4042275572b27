import { binaryEventCase, ContractCase, eventCase, requestCase } from '../fixture-cases';
import { CALL_ID } from '../common/fixtures';
import { audioFrameV1 } from './audio-frame.v1';
import { callEndedV1 } from './call-ended.v1';
import { callStartedV1 } from './call-started.v1';
import { keypadDigitV1 } from './keypad-digit.v1';
import { agentAudioFrameV1 } from './agent-audio-frame.v1';
import { callControlV1 } from './call-control.v1';
import { agentAudioLostV1 } from '../voice/agent-audio-lost.v1';
import { voiceSessionCloseV1 } from '../voice/voice-session-close.v1';
import { voiceSessionOfferV1 } from '../voice/voice-session-offer.v1';

export const callStarted = eventCase(callStartedV1, {
  callId: CALL_ID,
  callerNumber: '+8613800138000',
  dialledNumber: '+864001234567',
  startedAt: '2025-03-14T01:26:53.589Z',
  provider: { name: 'twilio', callSid: CALL_ID, streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0' },
});

export const callEnded = eventCase(callEndedV1, {
  callId: CALL_ID,
  endedAt: '2025-03-14T01:33:10.004Z',
  durationMs: 376415,
  reason: 'stopped',
  missingFrames: 3,
});

export const audioFrame = binaryEventCase(audioFrameV1, {
  callId: CALL_ID,
  sequenceNumber: 1842,
  timestampMs: 36820,
  encoding: 'mulaw',
  sampleRateHz: 8000,
});

export const keypadDigit = eventCase(keypadDigitV1, {
  callId: CALL_ID,
  digit: '7',
  pressedAt: '2025-03-14T01:29:41.250Z',
});

export const sipCallStarted = eventCase(callStartedV1, {
  ...callStarted.payload,
  callId: 'sip-3f2a9c1e7b5d4a6c8e0f1a2b3c4d5e6f',
  provider: { name: 'sip', callSid: 'a84b4c76e66710@pbx.example.cn', streamSid: '198.51.100.7:5060' },
});

export const agentAudioFrame = binaryEventCase(agentAudioFrameV1, {
  callId: CALL_ID,
  sequenceNumber: 311,
  timestampMs: 6220,
  encoding: 'mulaw',
  sampleRateHz: 8000,
});

export const callControl = eventCase(callControlV1, {
  callId: CALL_ID,
  command: 'connect',
  agentId: '0b6a1c52-8f3e-4d7a-9c21-5e4f3a2b1c0d',
  issuedAt: '2025-03-14T01:27:05.120Z',
});

export const agentAudioLost = eventCase(agentAudioLostV1, {
  callId: CALL_ID,
  agentId: '0b6a1c52-8f3e-4d7a-9c21-5e4f3a2b1c0d',
  silentForMs: 5000,
  at: '2025-03-14T01:30:12.000Z',
});

export const voiceSessionClose = eventCase(voiceSessionCloseV1, {
  callId: CALL_ID,
  agentId: '0b6a1c52-8f3e-4d7a-9c21-5e4f3a2b1c0d',
  reason: 'transferred',
});

export const voiceSessionOffer = requestCase(voiceSessionOfferV1, {
  request: {
    callId: CALL_ID,
    agentId: '0b6a1c52-8f3e-4d7a-9c21-5e4f3a2b1c0d',
    sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n',
  },
  success: { ok: true, sdp: 'v=0\r\no=- 1 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n' },
  failure: { ok: false, code: 'NO_COMMON_CODEC', message: 'the offer has no PCMU audio' },
});

export const callsCases: readonly ContractCase[] = [
  callStarted,
  sipCallStarted,
  callEnded,
  audioFrame,
  keypadDigit,
  agentAudioFrame,
  callControl,
  agentAudioLost,
  voiceSessionClose,
  voiceSessionOffer,
];
