import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callControlV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { startCallIngestWorld, type CallIngestWorld } from '../call-ingest.spec-helper';
import { SipServer } from './sip-server';
import { runSipp } from './sipp.spec-helper';

describe('SIP trunk with sipp as the peer', () => {
  let world: CallIngestWorld;
  let sipPort: number;
  let callerWav: string;

  beforeAll(async () => {
    const rtpBase = 20000 + 2 * Math.floor(Math.random() * 4000);
    world = await startCallIngestWorld({
      SIP_ENABLED: 'true',
      SIP_PORT: '0',
      SIP_BIND: '127.0.0.1',
      RTP_PORT_MIN: String(rtpBase),
      RTP_PORT_MAX: String(rtpBase + 200),
      SIP_ANSWER_DELAY_MS: '300',
      RTP_TIMEOUT: '1.5',
    });
    sipPort = world.app.app.get(SipServer).port;
    callerWav = join(mkdtempSync(join(tmpdir(), 'sip-trunk-')), 'caller.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-e', 'a-law', callerWav, 'synth', '1', 'sine', '440']);
  });

  afterAll(async () => {
    await world.close();
  });

  const callsBefore = () => new Set(world.started.map((call) => call.callId));
  async function newCall(before: Set<string>) {
    await eventually(() => world.started.some((call) => !before.has(call.callId)), 'call started');
    return world.started.find((call) => !before.has(call.callId))!;
  }

  it.each(['udp', 'tcp'] as const)('takes a call over %s: started, A-law frames, a keypad digit by INFO, ended once by the caller’s BYE', async (transport) => {
    const before = callsBefore();
    const run = await runSipp('basic-call.xml', { port: sipPort, transport }, { files: { 'caller.wav': callerWav } });
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    const started = await newCall(before);
    expect(started).toMatchObject({ callerNumber: '+8613812345678', dialledNumber: '+864001234567', provider: { name: 'sip' } });
    await eventually(() => world.endedOf(started.callId).length === 1, 'call ended');
    expect(world.endedOf(started.callId)[0]).toMatchObject({ reason: 'stopped', missingFrames: 0 });
    const frames = world.framesOf(started.callId);
    expect(frames.length).toBeGreaterThanOrEqual(45);
    expect(frames.every((frame) => frame.meta.encoding === 'alaw' && frame.body.length === 160)).toBe(true);
    expect(frames.map((frame) => frame.meta.sequenceNumber)).toEqual(frames.map((_, index) => index));
    expect(world.digits.filter((digit) => digit.callId === started.callId).map((digit) => digit.digit)).toEqual(['7']);
  });

  const files = () => ({ files: { 'caller.wav': callerWav } });
  const sipMetric = (name: string, labels?: string) => world.metric(name, labels);

  it('ends a ringing call on CANCEL: 487 to the INVITE, call ended once as cancelled', async () => {
    const before = callsBefore();
    const run = await runSipp('cancel-before-answer.xml', { port: sipPort });
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    const started = await newCall(before);
    await eventually(() => world.endedOf(started.callId).length === 1, 'call ended');
    expect(world.endedOf(started.callId)[0].reason).toBe('cancelled');
  });

  it('sends BYE when callcart hangs up (call control), and publishes call ended once as hung-up', async () => {
    const before = callsBefore();
    const sipp = runSipp('bye-from-callcart.xml', { port: sipPort }, files());
    const started = await newCall(before);
    await eventually(() => world.framesOf(started.callId).length > 5, 'the caller’s audio');
    await world.bus.publish(callControlV1, { callId: started.callId, command: 'hangup', issuedAt: new Date().toISOString() });
    await world.bus.publish(callControlV1, { callId: started.callId, command: 'hangup', issuedAt: new Date().toISOString() });
    expect(await sipp).toMatchObject({ exitCode: 0 });
    await eventually(() => world.endedOf(started.callId).length === 1, 'call ended');
    expect(world.endedOf(started.callId)[0].reason).toBe('hung-up');
    await eventually(async () => (await sipMetric('callcart_sip_calls_active')) === 0, 'the dialog released');
    expect(world.endedOf(started.callId)).toHaveLength(1);
  });

  it('holds and takes back the call by re-INVITE (recvonly / inactive / sendrecv answers) and survives a session refresh', async () => {
    const before = callsBefore();
    const run = await runSipp('hold-unhold.xml', { port: sipPort }, files());
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    const started = await newCall(before);
    await eventually(() => world.endedOf(started.callId).length === 1, 'call ended');
    expect(world.endedOf(started.callId)[0].reason).toBe('stopped');
  });

  it('refuses an offer with no G.711 (488) and starts no call', async () => {
    const before = callsBefore();
    const refusedBefore = await sipMetric('callcart_sip_refused_total', 'reason="no-codec"');
    const run = await runSipp('no-common-codec.xml', { port: sipPort });
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    expect(await sipMetric('callcart_sip_refused_total', 'reason="no-codec"')).toBe(refusedBefore + 1);
    expect(world.started.filter((call) => !before.has(call.callId))).toHaveLength(0);
  });

  it('starts one call for a retransmitted INVITE', async () => {
    const before = callsBefore();
    const retransmissionsBefore = await sipMetric('callcart_sip_retransmissions_total');
    const run = await runSipp('retransmitted-invite.xml', { port: sipPort }, files());
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    const started = await newCall(before);
    await eventually(() => world.endedOf(started.callId).length === 1, 'call ended');
    expect(world.started.filter((call) => !before.has(call.callId))).toHaveLength(1);
    expect(await sipMetric('callcart_sip_retransmissions_total')).toBeGreaterThan(retransmissionsBefore);
  });

  it('ends a call whose RTP stops after RTP_TIMEOUT: BYE to the caller, call ended once as media-timeout', async () => {
    const before = callsBefore();
    const run = await runSipp('rtp-stops.xml', { port: sipPort }, files());
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    const started = await newCall(before);
    await eventually(() => world.endedOf(started.callId).length === 1, 'call ended');
    expect(world.endedOf(started.callId)[0].reason).toBe('media-timeout');
    await eventually(async () => (await sipMetric('callcart_sip_calls_active')) === 0, 'the dialog released');
    expect(world.endedOf(started.callId)).toHaveLength(1);
  });

  it('answers malformed messages with 400/505 or drops them, counts them, and goes on serving', async () => {
    const malformedBefore = await sipMetric('callcart_sip_malformed_total', 'kind="start-line"');
    const run = await runSipp('malformed.xml', { port: sipPort });
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    expect(await sipMetric('callcart_sip_malformed_total', 'kind="start-line"')).toBe(malformedBefore + 1);
    expect(await sipMetric('callcart_sip_malformed_total', 'kind="missing-header"')).toBeGreaterThanOrEqual(1);
    expect(await sipMetric('callcart_sip_malformed_total', 'kind="version"')).toBeGreaterThanOrEqual(1);
  });
});

describe('SIP trunk admission (allow-list and digest) with sipp', () => {
  let world: CallIngestWorld;
  let sipPort: number;

  beforeAll(async () => {
    const rtpBase = 28000 + 2 * Math.floor(Math.random() * 1000);
    world = await startCallIngestWorld({
      SIP_ENABLED: 'true',
      SIP_PORT: '0',
      SIP_BIND: '127.0.0.1',
      RTP_PORT_MIN: String(rtpBase),
      RTP_PORT_MAX: String(rtpBase + 20),
      SIP_ALLOWED_PEERS: '198.51.100.0/24',
      SIP_DIGEST_USERS: 'trunk:s3cret',
    });
    sipPort = world.app.app.get(SipServer).port;
  });

  afterAll(async () => {
    await world.close();
  });

  it('refuses a caller who is neither an allowed peer nor authenticated: 403, counted, no call', async () => {
    const forbiddenBefore = await world.metric('callcart_sip_refused_total', 'status="403"');
    const run = await runSipp('forbidden.xml', { port: sipPort });
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    expect(await world.metric('callcart_sip_refused_total', 'status="403"')).toBeGreaterThan(forbiddenBefore);
    expect(world.started).toHaveLength(0);
  });

  it('takes a call from a peer that answers the digest challenge', async () => {
    const run = await runSipp('digest-auth.xml', { port: sipPort });
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0);
    await eventually(() => world.started.length === 1 && world.ended.length === 1, 'call started and ended');
    expect(world.ended[0].reason).toBe('stopped');
  });
});

describe('SIP trunk capacity and shutdown with sipp', () => {
  let world: CallIngestWorld;
  let sipPort: number;
  let callerWav: string;

  beforeAll(async () => {
    const rtpBase = 30000 + 2 * Math.floor(Math.random() * 1000);
    world = await startCallIngestWorld({ SIP_ENABLED: 'true', SIP_PORT: '0', SIP_BIND: '127.0.0.1', RTP_PORT_MIN: String(rtpBase), RTP_PORT_MAX: String(rtpBase + 20), SIP_MAX_CALLS: '1' });
    sipPort = world.app.app.get(SipServer).port;
    callerWav = join(mkdtempSync(join(tmpdir(), 'sip-capacity-')), 'caller.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-e', 'a-law', callerWav, 'synth', '1', 'sine', '440']);
  });

  afterAll(async () => {
    await world.bus.close();
    await world.nats.cleanup();
  });

  it('answers 486 over SIP_MAX_CALLS, and at shutdown ends the call in progress with BYE, call ended once as shutdown', async () => {
    const first = runSipp('bye-from-callcart.xml', { port: sipPort }, { files: { 'caller.wav': callerWav } });
    await eventually(() => world.started.length === 1, 'the first call started', 10_000);
    const busy = await runSipp('busy.xml', { port: sipPort });
    expect(busy.exitCode === 0 ? 0 : busy.output).toBe(0);
    expect(await world.metric('callcart_sip_refused_total', 'reason="busy"')).toBe(1);
    expect(world.started).toHaveLength(1);

    await world.app.close();
    const run = await first;
    expect(run.exitCode === 0 ? 0 : run.output).toBe(0); // sipp received our BYE and answered it
    await eventually(() => world.ended.length === 1, 'call ended');
    expect(world.ended[0]).toMatchObject({ callId: world.started[0].callId, reason: 'shutdown' });
  });
});
