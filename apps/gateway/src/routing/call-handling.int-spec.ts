import { agentAudioLostV1, callControlV1, cartGetV1, callEndedV1, callStartedV1, fixtures, voiceSessionCloseV1, type CallControlV1, type VoiceSessionCloseV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { ADMIN, type GatewayWorld, type LiveClient, staffBrowser, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';
import type { RoutedCall } from './call-routing.service';
import { answerWhenRinging } from './routing.spec-helper';

type Agent = TestBrowser & { staffId: string; live: LiveClient };

/** A short ring and wrap-up, so the sweeper's lapses happen within a test (decision 0051). */
const RING_SECONDS = 2;
const WRAP_UP_SECONDS = 3;

describe('call handling: ring timeout, answer, hold, hang-up, transfer, audio lost, wrap-up', () => {
  let world: GatewayWorld;
  let admin: TestBrowser;
  const controls: CallControlV1[] = [];
  const closes: VoiceSessionCloseV1[] = [];
  const agents: Agent[] = [];
  let agentCount = 0;

  beforeAll(async () => {
    world = await startGatewayWorld({
      GATEWAY_RING_TIMEOUT_SECONDS: String(RING_SECONDS),
      GATEWAY_WRAP_UP_SECONDS: String(WRAP_UP_SECONDS),
      GATEWAY_DESK_GRACE_SECONDS: '1',
    });
    admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    // Orders has no cart for these calls: the per-call state shows none.
    await world.services.reply(cartGetV1, () => ({ ok: false, code: 'CART_NOT_FOUND', message: 'no cart for this call' }));
    await world.services.subscribe(callControlV1, (control) => {
      controls.push(control);
    });
    await world.services.subscribe(voiceSessionCloseV1, (close) => {
      closes.push(close);
    });
  });

  afterAll(async () => {
    for (const agent of agents) agent.live.close();
    await world.close();
  });

  beforeEach(async () => {
    // Each test starts with nobody taking calls and nothing on the line.
    await world.sql(`UPDATE gateway.routed_call SET status = 'ended', ended_at = now(), ring_deadline = NULL, transfer_to = NULL, transfer_deadline = NULL WHERE status <> 'ended'`);
    await world.sql(`UPDATE gateway.agent_presence SET available = false, current_call_id = NULL, wrap_up_until = NULL`);
  });

  /** A new agent with a desk open, available when `available`. */
  const newAgent = async (available = true): Promise<Agent> => {
    agentCount += 1;
    const agent = (await staffBrowser(world, admin, `handling-${agentCount}`, 'agent')) as Agent;
    agent.live = await agent.openLive();
    agents.push(agent);
    await eventually(() => agent.live.messages.some((message) => message.type === 'hello'), 'the desk to be greeted');
    if (available) expect((await agent.post('/api/agent/availability', { available: true })).status).toBe(200);
    return agent;
  };
  const startCall = (callId: string) =>
    world.services.publish(callStartedV1, { ...fixtures.callStarted.payload, callId, startedAt: new Date().toISOString() });
  const endCall = (callId: string) =>
    world.services.publish(callEndedV1, { ...fixtures.callEnded.payload, callId, endedAt: new Date().toISOString() });
  const has = (agent: Agent, type: string, callId?: string) => agent.live.messages.some((message) => message.type === type && (!callId || message.callId === callId));
  const count = (agent: Agent, type: string, callId: string) => agent.live.messages.filter((message) => message.type === type && message.callId === callId).length;
  const controlsOf = (callId: string) => controls.filter((control) => control.callId === callId);
  const callRow = async (callId: string) => (await world.sql<{ status: string; agent_id: string | null; queued_at: Date; ended_at: Date | null; transfer_to: string | null }>(`SELECT * FROM gateway.routed_call WHERE call_id = $1`, [callId]))[0];
  const presence = async (agent: Agent) =>
    (await world.sql<{ available: boolean; reason: string | null; wrap_up_until: Date | null }>(`SELECT * FROM gateway.agent_presence WHERE staff_id = $1`, [agent.staffId]))[0];
  const lastStatus = (agent: Agent) => [...agent.live.messages].reverse().find((message) => message.type === 'agent.status')?.data;

  it('re-offers a call nobody answers to the next agent, at its place, and makes the missed agent unavailable', async () => {
    const missing = await newAgent();
    const next = await newAgent();
    await eventually(() => has(missing, 'agent.status'), 'the desk to get its status after the greeting');
    await startCall('CA-ring-1');
    await eventually(() => has(missing, 'call.ringing', 'CA-ring-1'), 'the longest idle agent to be rung');
    const queuedAt = (await callRow('CA-ring-1')).queued_at.toISOString();
    await eventually(() => has(next, 'call.ringing', 'CA-ring-1'), 'the call to ring at the next agent after the ring timeout', RING_SECONDS * 1000 + 3000);
    expect(has(missing, 'call.withdrawn', 'CA-ring-1')).toBe(true);
    expect(await presence(missing)).toMatchObject({ available: false, reason: 'missed-call' });
    await eventually(() => lastStatus(missing)?.reason === 'missed-call', 'the missed agent to hear why they are unavailable');
    const row = await callRow('CA-ring-1');
    expect(row).toMatchObject({ status: 'ringing', agent_id: next.staffId });
    expect(row.queued_at.toISOString()).toBe(queuedAt);
    expect(controlsOf('CA-ring-1')).toEqual([]);
  });

  it('connects the caller once on answer, holds and takes back, and hangs up; the call ends once', async () => {
    const agent = await newAgent();
    await startCall('CA-answer-1');
    await eventually(() => has(agent, 'call.ringing', 'CA-answer-1'), 'the desk to ring');
    expect((await agent.get('/api/agent/calls/CA-answer-1')).status).toBe(200);
    const answered = await agent.post<RoutedCall>('/api/agent/calls/CA-answer-1/answer');
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'connected', agentId: agent.staffId, ringDeadline: null });
    expect((await agent.post('/api/agent/calls/CA-answer-1/answer')).status).toBe(409);

    expect((await agent.post('/api/agent/calls/CA-answer-1/hold', { onHold: 'yes' })).status).toBe(400);
    const held = await agent.post<RoutedCall>('/api/agent/calls/CA-answer-1/hold', { onHold: true });
    expect(held.body.onHold).toBe(true);
    await eventually(() => controlsOf('CA-answer-1').some((control) => control.command === 'hold'), 'the hold command');
    expect((await agent.post('/api/agent/calls/CA-answer-1/hold', { onHold: false })).status).toBe(200);
    await eventually(() => controlsOf('CA-answer-1').length === 3, 'the take-back command');
    // In publishing order: the answer's connect (once, the refused second answer sent nothing), hold, connect.
    expect(controlsOf('CA-answer-1').map((control) => [control.command, control.agentId])).toEqual([
      ['connect', agent.staffId],
      ['hold', undefined],
      ['connect', agent.staffId],
    ]);
    await eventually(() => count(agent, 'call.updated', 'CA-answer-1') >= 3, 'call.updated for answer, hold and take-back');

    const stranger = await newAgent(false);
    expect((await stranger.post('/api/agent/calls/CA-answer-1/hangup')).status).toBe(403);
    const hangup = await agent.post('/api/agent/calls/CA-answer-1/hangup');
    expect(hangup.status).toBe(202);
    await eventually(() => controlsOf('CA-answer-1').some((control) => control.command === 'hangup'), 'the hangup command');
    expect((await callRow('CA-answer-1')).status).toBe('connected');
    await endCall('CA-answer-1');
    await eventually(async () => (await callRow('CA-answer-1')).status === 'ended', 'the call-ended event to end the call');
    const endedAt = (await callRow('CA-answer-1')).ended_at!.toISOString();
    await endCall('CA-answer-1');
    await startCall('CA-answer-marker');
    await endCall('CA-answer-marker');
    await eventually(async () => (await callRow('CA-answer-marker'))?.status === 'ended', 'a later call-ended to be handled');
    expect((await callRow('CA-answer-1')).ended_at!.toISOString()).toBe(endedAt);
    expect(count(agent, 'call.ended', 'CA-answer-1')).toBe(1);
  });

  it('keeps the agent from new calls while wrapping up, until ready or the wrap-up lapses; stores notes', async () => {
    const agent = await newAgent();
    await startCall('CA-wrap-1');
    await answerWhenRinging(agent, 'CA-wrap-1');
    await endCall('CA-wrap-1');
    await eventually(async () => (await presence(agent)).wrap_up_until !== null, 'the wrap-up to start');
    await eventually(() => lastStatus(agent)?.reason === 'wrap-up' && lastStatus(agent)?.wrapUpCallId === 'CA-wrap-1', 'agent.status to say wrap-up');
    expect((await agent.put('/api/agent/calls/CA-wrap-1/notes', { notes: 'x'.repeat(2001) })).status).toBe(400);
    expect((await agent.put('/api/agent/calls/CA-wrap-1/notes', { notes: 'wants the big tin next time' })).status).toBe(200);
    expect((await agent.get<{ call: RoutedCall }>('/api/agent/calls/CA-wrap-1')).body.call.notes).toBe('wants the big tin next time');

    await startCall('CA-wrap-2');
    await eventually(async () => (await callRow('CA-wrap-2'))?.status === 'queued', 'the next call to wait');
    expect((await callRow('CA-wrap-2')).status).toBe('queued');
    expect((await agent.post('/api/agent/ready')).status).toBe(200);
    await eventually(() => has(agent, 'call.ringing', 'CA-wrap-2'), 'ready to let the queued call ring');

    await answerWhenRinging(agent, 'CA-wrap-2');
    await endCall('CA-wrap-2');
    await eventually(async () => (await presence(agent)).wrap_up_until !== null, 'the second wrap-up to start');
    await startCall('CA-wrap-3');
    await eventually(async () => (await callRow('CA-wrap-3'))?.status === 'queued', 'the third call to wait');
    const wrapUpUntil = (await presence(agent)).wrap_up_until!.getTime();
    await eventually(() => has(agent, 'call.ringing', 'CA-wrap-3'), 'the lapsed wrap-up to let the call ring', WRAP_UP_SECONDS * 1000 + 3000);
    expect(Date.now()).toBeGreaterThanOrEqual(wrapUpUntil);
  });

  it('hands a call over when the colleague answers the transfer; refuses a busy colleague', async () => {
    const first = await newAgent();
    await startCall('CA-transfer-1');
    await answerWhenRinging(first, 'CA-transfer-1');
    const busy = await newAgent();
    await startCall('CA-transfer-busy');
    await answerWhenRinging(busy, 'CA-transfer-busy'); // connected: no ring timeout frees them mid-test
    const refused = await first.post('/api/agent/calls/CA-transfer-1/transfer', { toAgentId: busy.staffId });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'AGENT_NOT_FREE' });
    expect((await first.post('/api/agent/calls/CA-transfer-1/transfer', { toAgentId: 'not-a-uuid' })).status).toBe(400);

    const target = await newAgent();
    const list = await first.get<{ staffId: string; available: boolean; onCall: boolean }[]>('/api/agent/agents');
    expect(list.body.find((entry) => entry.staffId === busy.staffId)).toMatchObject({ onCall: true });
    expect(list.body.find((entry) => entry.staffId === target.staffId)).toMatchObject({ available: true, onCall: false });
    const started = await first.post<RoutedCall>('/api/agent/calls/CA-transfer-1/transfer', { toAgentId: target.staffId });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ agentId: first.staffId, transferTo: target.staffId });
    await eventually(() => has(target, 'call.ringing', 'CA-transfer-1'), "the colleague's desk to ring");
    expect((await target.get('/api/agent/calls/CA-transfer-1')).status).toBe(200);
    const answered = await target.post<RoutedCall>('/api/agent/calls/CA-transfer-1/answer');
    expect(answered.body).toMatchObject({ status: 'connected', agentId: target.staffId, transferTo: null });
    await eventually(() => has(first, 'call.left', 'CA-transfer-1'), 'the first agent to hear the call left');
    await eventually(() => closes.some((close) => close.callId === 'CA-transfer-1' && close.agentId === first.staffId && close.reason === 'transferred'), "the first agent's voice session to close");
    await eventually(() => controlsOf('CA-transfer-1').some((control) => control.command === 'connect' && control.agentId === target.staffId), 'the caller to be connected to the colleague');
    expect((await presence(first)).wrap_up_until).not.toBeNull();
    expect((await first.post('/api/agent/calls/CA-transfer-1/hold', { onHold: true })).status).toBe(403);
  });

  it('withdraws a transfer nobody answers: the first agent keeps the call', async () => {
    const first = await newAgent();
    await startCall('CA-transfer-2');
    await answerWhenRinging(first, 'CA-transfer-2');
    const target = await newAgent();
    expect((await first.post('/api/agent/calls/CA-transfer-2/transfer', { toAgentId: target.staffId })).status).toBe(200);
    await eventually(() => has(target, 'call.ringing', 'CA-transfer-2'), "the colleague's desk to ring");
    await eventually(() => has(target, 'call.withdrawn', 'CA-transfer-2'), 'the transfer to lapse', RING_SECONDS * 1000 + 3000);
    expect(await callRow('CA-transfer-2')).toMatchObject({ status: 'connected', agent_id: first.staffId, transfer_to: null });
    await eventually(() => first.live.messages.some((message) => message.type === 'call.updated' && message.callId === 'CA-transfer-2' && message.data.transferTo === null && count(first, 'call.updated', 'CA-transfer-2') >= 3), 'the first agent to hear the transfer dropped');
    expect((await target.post('/api/agent/calls/CA-transfer-2/answer')).status).toBe(409);
  });

  it('lets the agent cancel a transfer, and stops a desk ringing when the caller hangs up (no wrap-up for a call never answered)', async () => {
    const first = await newAgent();
    await startCall('CA-transfer-3');
    await answerWhenRinging(first, 'CA-transfer-3');
    const target = await newAgent();
    expect((await first.delete('/api/agent/calls/CA-transfer-3/transfer')).status).toBe(409);
    expect((await first.post('/api/agent/calls/CA-transfer-3/transfer', { toAgentId: target.staffId })).status).toBe(200);
    await eventually(() => has(target, 'call.ringing', 'CA-transfer-3'), "the colleague's desk to ring");
    const cancelled = await first.delete<RoutedCall>('/api/agent/calls/CA-transfer-3/transfer');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ agentId: first.staffId, transferTo: null });
    await eventually(() => has(target, 'call.withdrawn', 'CA-transfer-3'), 'the colleague to stop ringing');

    await startCall('CA-hung-up');
    await eventually(() => has(target, 'call.ringing', 'CA-hung-up'), 'the freed colleague to be rung');
    await endCall('CA-hung-up');
    await eventually(() => has(target, 'call.withdrawn', 'CA-hung-up'), 'the desk to stop ringing');
    expect((await presence(target)).wrap_up_until).toBeNull();
    expect(controlsOf('CA-hung-up')).toEqual([]);
  });

  it('puts the call back at its place when the agent’s audio is lost, and makes them unavailable', async () => {
    const agent = await newAgent();
    await startCall('CA-lost-1');
    await answerWhenRinging(agent, 'CA-lost-1');
    const queuedAt = (await callRow('CA-lost-1')).queued_at.toISOString();
    await world.services.publish(agentAudioLostV1, { callId: 'CA-lost-1', agentId: agent.staffId, silentForMs: 5000, at: new Date().toISOString() });
    await eventually(async () => (await callRow('CA-lost-1')).status === 'queued', 'the call to go back to the queue');
    expect((await callRow('CA-lost-1')).queued_at.toISOString()).toBe(queuedAt);
    expect(await presence(agent)).toMatchObject({ available: false, reason: 'audio-lost' });
    await eventually(() => has(agent, 'call.left', 'CA-lost-1'), 'the agent to hear the call left');
    await eventually(() => controlsOf('CA-lost-1').at(-1)?.command === 'hold', 'the caller to hear the waiting audio');
    await eventually(() => closes.some((close) => close.callId === 'CA-lost-1' && close.reason === 'requeued'), 'the voice session to close');
    const rescuer = await newAgent();
    await eventually(() => has(rescuer, 'call.ringing', 'CA-lost-1'), 'the call to ring at another agent');
  });

  it('makes an agent whose last desk closed unavailable and re-offers the call ringing there', async () => {
    const leaving = await newAgent();
    await startCall('CA-desk-1');
    await eventually(() => has(leaving, 'call.ringing', 'CA-desk-1'), 'the desk to ring');
    // The desk's closing is the subject, not the ring timeout: on a busy machine the steps below
    // can outlast the suite's short ring, which would re-offer the call as missed instead.
    await world.sql(`UPDATE gateway.routed_call SET ring_deadline = now() + interval '2 minutes' WHERE call_id = 'CA-desk-1'`);
    const other = await newAgent();
    const second = await leaving.openLive();
    leaving.live.close();
    // One of two desks closed: the agent still has a desk open, the call keeps ringing there.
    await eventually(async () => (await world.sql<{ n: number }>(`SELECT sum(sockets)::int AS n FROM gateway.agent_desk WHERE staff_id = $1`, [leaving.staffId]))[0]?.n === 1, 'one socket to be counted');
    expect((await callRow('CA-desk-1')).agent_id).toBe(leaving.staffId);
    second.close();
    // The close is noticed, the grace passes and a sweep re-offers the call: seconds on a busy machine.
    await eventually(() => has(other, 'call.ringing', 'CA-desk-1'), 'the call to ring at the other agent once the desk closed', 20_000);
    expect(await presence(leaving)).toMatchObject({ available: false, reason: 'desk-closed' });
  });

  it('rings nobody without a desk open', async () => {
    const deskless = (await staffBrowser(world, admin, 'handling-deskless', 'agent')) as Agent;
    expect((await deskless.post('/api/agent/availability', { available: true })).status).toBe(200);
    await startCall('CA-desk-2');
    await eventually(async () => (await presence(deskless)).reason === 'desk-closed', 'the sweeper to find no desk');
    // The call's start reaches routing through JetStream: on a busy machine after the sweep above.
    await eventually(async () => (await callRow('CA-desk-2')) !== undefined, 'the call to be routed', 15_000);
    expect((await callRow('CA-desk-2')).status).toBe('queued');
  });

  it('makes an agent unavailable when they sign out', async () => {
    const agent = await newAgent();
    expect((await presence(agent)).available).toBe(true);
    expect((await agent.post('/api/auth/sign-out')).status).toBe(204);
    expect(await presence(agent)).toMatchObject({ available: false, reason: 'signed-out' });
  });
});
