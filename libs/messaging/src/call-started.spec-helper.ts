/** A valid `call started` payload for a call id, for suites that only need some durable fact to flow. */
export const callStartedPayload = (callId: string) => ({
  callId,
  callerNumber: '+8613800138000',
  dialledNumber: '+861088886666',
  startedAt: new Date().toISOString(),
  provider: { name: 'twilio' as const, callSid: `CA${callId}`, streamSid: `MZ${callId}` },
});
