import { audioFrameV1, callStartedV1, fixtures } from '@callcart/contracts';
import { WebRtcAgent } from '@callcart/telephony';
import { eventually, startService, stopService, type RunningService } from '@callcart/testing';
import { ADMIN, type GatewayWorld, type LiveClient, staffBrowser, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';
import { answerWhenRinging, openDesk } from '../routing/routing.spec-helper';

const STUN = [{ urls: 'stun:stun.example.com:3478' }];

describe("the desk's voice signalling (the real gateway and the voice service as a process)", () => {
  let world: GatewayWorld;
  let voice: RunningService;
  let holder: TestBrowser & { staffId: string };
  let other: TestBrowser & { staffId: string };
  let desk: LiveClient;
  const agents: WebRtcAgent[] = [];
  const callId = 'CA-voice-signalling';

  beforeAll(async () => {
    world = await startGatewayWorld({ ICE_SERVERS: JSON.stringify(STUN) });
    voice = await startService('voice', { NATS_URL: world.env.NATS_URL, NATS_PREFIX: world.env.NATS_PREFIX, AGENT_AUDIO_LOSS_MS: '60000' });
    const admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    holder = await staffBrowser(world, admin, 'voice-holder', 'agent');
    other = await staffBrowser(world, admin, 'voice-other', 'agent');
    desk = await openDesk(holder);
    expect((await holder.post('/api/agent/availability', { available: true })).status).toBe(200);
    await world.services.publish(callStartedV1, { ...fixtures.callStarted.payload, callId, startedAt: new Date().toISOString() });
    await answerWhenRinging(holder, callId);
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    desk.close();
    await stopService(voice);
    await world.close();
  });

  const newAgent = () => {
    const agent = new WebRtcAgent();
    agents.push(agent);
    return agent;
  };

  it('gives a signed-in agent the ICE servers, and nobody else', async () => {
    const config = await holder.get<{ iceServers: unknown }>('/api/agent/voice/config');
    expect(config.status).toBe(200);
    expect(config.body.iceServers).toEqual(STUN);
    expect((await new TestBrowser(world.url).get('/api/agent/voice/config')).status).toBe(401);
  });

  it("answers the holding agent's offer and their audio connects to the caller", async () => {
    const agent = newAgent();
    const answer = await holder.post<{ sdp: string }>(`/api/agent/calls/${callId}/voice`, { sdp: await agent.offer() });
    expect(answer.status).toBe(200);
    await agent.accept(answer.body.sdp);
    const heard: number[] = [];
    agent.onPacket((packet) => heard.push(packet.payload[0]));
    let sequenceNumber = 0;
    await eventually(() => {
      bus().publishBinary(audioFrameV1, { callId, sequenceNumber, timestampMs: sequenceNumber * 20, encoding: 'mulaw', sampleRateHz: 8000 }, new Uint8Array(160).fill(42));
      sequenceNumber += 1;
      return heard.includes(42);
    }, "the caller's audio to reach the agent");

    expect((await holder.delete(`/api/agent/calls/${callId}/voice`)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 500));
    heard.length = 0;
    for (let i = 0; i < 10; i += 1) {
      bus().publishBinary(audioFrameV1, { callId, sequenceNumber: sequenceNumber + i, timestampMs: 0, encoding: 'mulaw', sampleRateHz: 8000 }, new Uint8Array(160).fill(43));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).not.toContain(43);
  });

  it('refuses another agent with 403 NOT_YOUR_CALL, an unknown call with 404, and a body without SDP with 400', async () => {
    const offer = await newAgent().offer();
    const refused = await other.post(`/api/agent/calls/${callId}/voice`, { sdp: offer });
    expect(refused).toMatchObject({ status: 403, body: { code: 'NOT_YOUR_CALL' } });
    expect((await holder.post('/api/agent/calls/CA-no-such-call/voice', { sdp: offer })).status).toBe(404);
    expect((await holder.post(`/api/agent/calls/${callId}/voice`, { sdp: 'hello' })).status).toBe(400);
    expect((await new TestBrowser(world.url).post(`/api/agent/calls/${callId}/voice`, { sdp: offer })).status).toBe(401);
  });

  it('passes on the voice service refusing an offer without PCMU as 422 NO_COMMON_CODEC', async () => {
    const opusOnly = new WebRtcAgent({ offerPcmu: false });
    agents.push(opusOnly);
    const refused = await holder.post(`/api/agent/calls/${callId}/voice`, { sdp: await opusOnly.offer() });
    expect(refused).toMatchObject({ status: 422, body: { code: 'NO_COMMON_CODEC' } });
  });

  const bus = () => world.services;
});
