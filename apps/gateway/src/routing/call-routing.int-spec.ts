import { callEndedV1, callStartedV1, fixtures, transcriptUpdatedV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { ADMIN, type GatewayWorld, type LiveClient, staffBrowser, startGatewayReplica, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';
import { CallRoutingService, type RoutedCall } from './call-routing.service';
import { openDesk } from './routing.spec-helper';
import { randomUUID } from 'node:crypto';

interface CallsView {
  available: boolean;
  mine: RoutedCall[];
  queue: RoutedCall[];
}

describe('call routing', () => {
  let world: GatewayWorld;
  let admin: TestBrowser;
  let first: TestBrowser & { staffId: string };
  let second: TestBrowser & { staffId: string };
  let idler: TestBrowser & { staffId: string };
  const desks: LiveClient[] = [];

  beforeAll(async () => {
    // Long rings and no wrap-up: these tests are about who gets a call (call-handling.int-spec.ts times them).
    world = await startGatewayWorld({ GATEWAY_RING_TIMEOUT_SECONDS: '600', GATEWAY_WRAP_UP_SECONDS: '0' });
    admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    first = await staffBrowser(world, admin, 'agent-first', 'agent');
    second = await staffBrowser(world, admin, 'agent-second', 'agent');
    idler = await staffBrowser(world, admin, 'agent-unavailable', 'agent');
    desks.push(await openDesk(first), await openDesk(second), await openDesk(idler));
  });

  afterAll(async () => {
    for (const desk of desks) desk.close();
    await world.close();
  });

  const startCall = (callId: string) =>
    world.services.publish(callStartedV1, { ...fixtures.callStarted.payload, callId, startedAt: new Date().toISOString() });
  const endCall = (callId: string) =>
    world.services.publish(callEndedV1, { ...fixtures.callEnded.payload, callId, endedAt: new Date().toISOString() });
  const callsOf = async (agent: TestBrowser) => (await agent.get<CallsView>('/api/agent/calls')).body;
  const holds = async (agent: TestBrowser, callId: string) =>
    (await callsOf(agent)).mine.some((call) => call.callId === callId && (call.status === 'ringing' || call.status === 'connected'));

  it('rings the longest idle available agent, queues the rest, and rings the queue as agents free up', async () => {
    expect((await first.post('/api/agent/availability', { available: true })).status).toBe(200);
    expect((await second.post('/api/agent/availability', { available: true })).status).toBe(200);
    expect((await first.post('/api/agent/availability', { available: 'yes' })).status).toBe(400);

    await startCall('CA-route-1');
    await eventually(() => holds(first, 'CA-route-1'), 'the longest idle agent to get the first call');
    await startCall('CA-route-2');
    await eventually(() => holds(second, 'CA-route-2'), 'the other agent to get the second call');
    await startCall('CA-route-3');
    await eventually(async () => (await callsOf(first)).queue.some((call) => call.callId === 'CA-route-3'), 'the third call to wait in the queue');
    expect(await holds(idler, 'CA-route-3')).toBe(false);
    expect((await callsOf(idler)).queue.map((call) => call.callId)).toEqual(['CA-route-3']);

    await endCall('CA-route-1');
    await eventually(() => holds(first, 'CA-route-3'), 'the queued call to go to the agent who finished');
    expect((await callsOf(first)).queue).toEqual([]);
    const firstCalls = (await callsOf(first)).mine;
    expect(firstCalls.find((call) => call.callId === 'CA-route-1')?.status).toBe('ended');
  });

  it('lets a free agent accept a queued call, once', async () => {
    await second.post('/api/agent/availability', { available: false });
    await endCall('CA-route-2');
    await eventually(async () => (await second.get<CallsView>('/api/agent/calls')).body.mine.every((call) => call.status === 'ended'), 'the second call to end');
    await startCall('CA-route-4');
    await eventually(async () => (await callsOf(second)).queue.some((call) => call.callId === 'CA-route-4'), 'the call to be queued (no agent free)');
    const accepted = await second.post<RoutedCall>('/api/agent/calls/CA-route-4/accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ callId: 'CA-route-4', status: 'connected', agentId: second.staffId });
    expect(accepted.body.answeredAt).not.toBeNull();
    const again = await idler.post('/api/agent/calls/CA-route-4/accept');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CALL_NOT_QUEUED' });
    expect((await idler.get('/api/agent/calls/CA-route-4')).status).toBe(403);
    expect((await idler.get('/api/agent/calls/CA-no-such-call')).status).toBe(404);
  });

  it('never hands the same call to two agents when calls arrive at once', async () => {
    await endCall('CA-route-3');
    await endCall('CA-route-4');
    await idler.post('/api/agent/availability', { available: true });
    await second.post('/api/agent/availability', { available: true });
    await eventually(async () => !(await holds(first, 'CA-route-3')), 'the first agent to be free');
    await Promise.all(['CA-burst-1', 'CA-burst-2', 'CA-burst-3', 'CA-burst-4'].map(startCall));
    await eventually(async () => {
      const rows = await world.sql<{ status: string }>(`SELECT status FROM gateway.routed_call WHERE call_id LIKE 'CA-burst-%'`);
      return rows.length === 4;
    }, 'all four calls to be routed');
    const assigned = await world.sql<{ agent_id: string }>(`SELECT agent_id FROM gateway.routed_call WHERE status IN ('ringing', 'connected')`);
    expect(assigned).toHaveLength(3);
    expect(new Set(assigned.map((row) => row.agent_id)).size).toBe(3);
    const queued = await world.sql(`SELECT call_id FROM gateway.routed_call WHERE status = 'queued'`);
    expect(queued).toHaveLength(1);
  });

  it('keeps every offer unique when several dispatchers on two replicas race (SKIP LOCKED)', async () => {
    await world.sql(`UPDATE gateway.routed_call SET status = 'ended', ended_at = now(), ring_deadline = NULL WHERE status <> 'ended'`);
    await world.sql(`UPDATE gateway.agent_presence SET current_call_id = NULL, available = false`);
    const agents = Array.from({ length: 12 }, () => randomUUID());
    for (const [index, id] of agents.entries()) {
      await world.sql(`INSERT INTO gateway.staff_account (id, username, password_hash, role) VALUES ($1, $2, 'x', 'agent')`, [id, `race-${index}`]);
      await world.sql(`INSERT INTO gateway.agent_presence (staff_id, available, idle_since) VALUES ($1, true, now() - $2 * interval '1 second')`, [id, index]);
      await world.sql(`INSERT INTO gateway.agent_desk (staff_id, replica_id, sockets) VALUES ($1, gen_random_uuid(), 1)`, [id]);
    }
    for (let index = 0; index < 20; index += 1) {
      await world.sql(`INSERT INTO gateway.routed_call (call_id, caller_number, started_at, status) VALUES ($1, '', now(), 'queued')`, [`CA-race-${index}`]);
    }
    const replica = await startGatewayReplica(world.env);
    try {
      // The desks' rows are the test's own, refreshed by no replica: starting the second replica
      // on a busy machine can outlast their freshness (or the grace after it), so they are made
      // fresh (and the agents available again) just before the race.
      await world.sql(`UPDATE gateway.agent_desk SET seen_at = clock_timestamp() WHERE staff_id = ANY($1::uuid[])`, [agents]);
      await world.sql(`UPDATE gateway.agent_presence SET available = true, reason = NULL WHERE staff_id = ANY($1::uuid[])`, [agents]);
      const routings = [world.app.get(CallRoutingService), replica.app.get(CallRoutingService)];
      await Promise.all(Array.from({ length: 6 }, (_, index) => routings[index % 2].dispatch()));
    } finally {
      await replica.app.close();
    }
    const assigned = await world.sql<{ call_id: string; agent_id: string }>(`SELECT call_id, agent_id FROM gateway.routed_call WHERE call_id LIKE 'CA-race-%' AND status = 'ringing'`);
    expect(assigned).toHaveLength(12);
    expect(new Set(assigned.map((row) => row.agent_id)).size).toBe(12);
    const presence = await world.sql<{ staff_id: string; current_call_id: string }>(`SELECT staff_id, current_call_id FROM gateway.agent_presence WHERE current_call_id LIKE 'CA-race-%'`);
    expect(new Map(presence.map((row) => [row.current_call_id, row.staff_id]))).toEqual(new Map(assigned.map((row) => [row.call_id, row.agent_id])));
    const [oldestWaiting] = await world.sql<{ call_id: string }>(`SELECT call_id FROM gateway.routed_call WHERE call_id LIKE 'CA-race-%' AND status = 'queued' ORDER BY queued_at LIMIT 1`);
    expect(oldestWaiting.call_id).toBe('CA-race-12');
  });

  it('pushes routing and call events to an agent connected to another replica', async () => {
    await world.sql(`UPDATE gateway.routed_call SET status = 'ended', ended_at = now() WHERE status = 'queued'`);
    await world.sql(`UPDATE gateway.agent_presence SET available = false`);
    const replica = await startGatewayReplica(world.env);
    try {
      const remote = await staffBrowser(world, admin, 'agent-remote', 'agent');
      const onReplica = new TestBrowser(replica.url);
      onReplica.cookie = remote.cookie;
      onReplica.csrfToken = remote.csrfToken;
      const socket = await onReplica.openLive();
      await eventually(() => socket.messages.some((message) => message.type === 'hello'), 'the socket on the second replica to be greeted');
      expect((await onReplica.post('/api/agent/availability', { available: true })).status).toBe(200);
      await startCall('CA-replica-1');
      await eventually(() => socket.messages.some((message) => message.type === 'call.ringing' && message.callId === 'CA-replica-1'), 'call.ringing on the other replica');
      await world.services.publish(transcriptUpdatedV1, { ...fixtures.interimTranscript.payload, callId: 'CA-replica-1' });
      await eventually(() => socket.messages.some((message) => message.type === 'transcript' && message.callId === 'CA-replica-1'), 'the transcript on the other replica');
      await endCall('CA-replica-1');
      await eventually(() => socket.messages.some((message) => message.type === 'call.ended' && message.callId === 'CA-replica-1'), 'call.ended on the other replica');
      socket.close();
    } finally {
      await replica.app.close();
    }
  });
});
