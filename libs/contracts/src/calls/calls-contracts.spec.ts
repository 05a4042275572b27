import { callIdSchema } from '../envelope';
import { casesBySubject, expectCaseRoundTrips, expectRejectedAt } from '../round-trip.spec-helper';
import { audioFrameV1 } from './audio-frame.v1';
import { callEndedV1 } from './call-ended.v1';
import { callStartedV1 } from './call-started.v1';
import { audioFrame, callEnded, callsCases, callStarted, keypadDigit } from './fixtures';
import { keypadDigitV1 } from './keypad-digit.v1';

describe('calls contracts', () => {
  it.each(casesBySubject(callsCases))('%s round-trips over the wire', (_subject, example) => {
    expectCaseRoundTrips(example);
  });

  it('accepts a Twilio CallSid as a call id and refuses one that would break a subject', () => {
    expect(callIdSchema.safeParse('CA5f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c').success).toBe(true);
    for (const unsafe of ['CA5f.0c2d', 'CA 5f0c', 'CA*', 'CA>', '', 'x'.repeat(65)]) {
      expect(callIdSchema.safeParse(unsafe).success).toBe(false);
    }
  });

  it('refuses a call started with a dot in its call id', () => {
    expectRejectedAt(callStartedV1.schema, { ...callStarted.payload, callId: 'CA5f.0c2d' }, ['callId']);
  });

  it('refuses another telephony provider than the one call-ingest speaks', () => {
    const provider = { ...callStarted.payload.provider, name: 'vonage' };
    expectRejectedAt(callStartedV1.schema, { ...callStarted.payload, provider }, ['provider', 'name']);
  });

  it('refuses a call ended with a fractional duration or an unknown reason', () => {
    expectRejectedAt(callEndedV1.schema, { ...callEnded.payload, durationMs: 1.5 }, ['durationMs']);
    expectRejectedAt(callEndedV1.schema, { ...callEnded.payload, reason: 'dropped' }, ['reason']);
  });

  it('refuses an audio frame header with a negative sequence number', () => {
    expectRejectedAt(audioFrameV1.meta, { ...audioFrame.meta, sequenceNumber: -1 }, ['sequenceNumber']);
  });

  it('takes the sixteen DTMF keys and nothing else', () => {
    for (const digit of ['0', '9', '*', '#', 'A', 'D']) {
      expect(keypadDigitV1.schema.safeParse({ ...keypadDigit.payload, digit }).success).toBe(true);
    }
    for (const digit of ['E', '10', '', 'a']) {
      expectRejectedAt(keypadDigitV1.schema, { ...keypadDigit.payload, digit }, ['digit']);
    }
  });
});
