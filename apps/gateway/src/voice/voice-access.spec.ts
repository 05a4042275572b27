import type { RoutedCall } from '../routing/call-routing.service';
import { mayCarryVoice } from './voice-access';

const AGENT = '0b6f8b52-8c1a-4a57-9d3e-0c9b2d7f1a01';
const COLLEAGUE = '5d2e8c1f-3b7a-4c9e-8f10-2a6b4c8d0e02';

const call = (change: Partial<RoutedCall>): RoutedCall => ({
  callId: 'CA-voice',
  callerNumber: '+8613800000000',
  startedAt: '2026-12-05T06:00:00.000Z',
  status: 'connected',
  agentId: AGENT,
  queuedAt: '2026-12-05T06:00:00.000Z',
  assignedAt: '2026-12-05T06:00:01.000Z',
  ringDeadline: null,
  answeredAt: '2026-12-05T06:00:02.000Z',
  onHold: false,
  transferTo: null,
  transferDeadline: null,
  endedAt: null,
  notes: null,
  ...change,
});

describe('mayCarryVoice', () => {
  it('lets only the agent who answered carry voice, on hold too', () => {
    expect(mayCarryVoice(call({}), AGENT)).toBe(true);
    expect(mayCarryVoice(call({ onHold: true }), AGENT)).toBe(true);
    expect(mayCarryVoice(call({}), COLLEAGUE)).toBe(false);
  });

  it('refuses a call still ringing, queued or ended', () => {
    expect(mayCarryVoice(call({ status: 'ringing', answeredAt: null, ringDeadline: '2026-12-05T06:00:21.000Z' }), AGENT)).toBe(false);
    expect(mayCarryVoice(call({ status: 'queued', agentId: null }), AGENT)).toBe(false);
    expect(mayCarryVoice(call({ status: 'ended', endedAt: '2026-12-05T06:05:00.000Z' }), AGENT)).toBe(false);
  });

  it('refuses the transfer target until they answer, then the first agent', () => {
    const ringing = call({ transferTo: COLLEAGUE, transferDeadline: '2026-12-05T06:01:00.000Z' });
    expect(mayCarryVoice(ringing, COLLEAGUE)).toBe(false);
    expect(mayCarryVoice(ringing, AGENT)).toBe(true);
    const handedOver = call({ agentId: COLLEAGUE });
    expect(mayCarryVoice(handedOver, COLLEAGUE)).toBe(true);
    expect(mayCarryVoice(handedOver, AGENT)).toBe(false);
  });
});
