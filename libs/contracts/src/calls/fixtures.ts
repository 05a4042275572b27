import { binaryEventCase, ContractCase, eventCase } from '../fixture-cases';
import { CALL_ID } from '../common/fixtures';
import { audioFrameV1 } from './audio-frame.v1';
import { callEndedV1 } from './call-ended.v1';
import { callStartedV1 } from './call-started.v1';
import { keypadDigitV1 } from './keypad-digit.v1';

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

export const callsCases: readonly ContractCase[] = [callStarted, callEnded, audioFrame, keypadDigit];
