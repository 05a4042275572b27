import { randomUUID } from 'node:crypto';
import { agentAudioFrameV1, agentAudioLostV1, ALL_STREAMS, audioFrameV1, voiceSessionCloseV1, voiceSessionOfferV1, type AgentAudioLostV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { WebRtcAgent } from '@callcart/telephony';
import { createTestNats, eventually, startServiceApp, testServiceEnv, type RunningServiceApp, type TestNats } from '@callcart/testing';
import { AppModule } from '../app.module';
import { loadVoiceConfig } from '../voice.config';
import { VoiceSessionsService } from './voice-sessions.service';

const LOSS_MS = 1500;

/** A frame whose bytes all say which one it is. */
const labelled = (label: number) => new Uint8Array(160).fill(label);

describe('voice bridge (a werift agent against the voice service over real NATS)', () => {
  let nats: TestNats;
  let voice: RunningServiceApp;
  let bus: MessageBus;
  const agents: WebRtcAgent[] = [];
  const microphones: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    nats = await createTestNats();
    const env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, extra: { AGENT_AUDIO_LOSS_MS: String(LOSS_MS) } });
    voice = await startServiceApp(AppModule.register(loadVoiceConfig(env)));
    bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'voice-test', streams: ALL_STREAMS, requestTimeoutMs: 10_000 });
  });

  afterAll(async () => {
    microphones.forEach(clearInterval);
    await Promise.all(agents.map((agent) => agent.close()));
    await bus.close();
    await voice.close();
    await nats.cleanup();
  });

  /** An agent connected to a call through the voice service, as the gateway would connect it. */
  async function connectAgent(callId: string, agentId = randomUUID()): Promise<{ agent: WebRtcAgent; agentId: string }> {
    const agent = new WebRtcAgent();
    agents.push(agent);
    const reply = await bus.request(voiceSessionOfferV1, { callId, agentId, sdp: await agent.offer() });
    if (!reply.ok) throw new Error(`offer refused: ${reply.code} ${reply.message}`);
    expect(reply.sdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0\r?$/m);
    await agent.accept(reply.sdp);
    return { agent, agentId };
  }

  const carries = (callId: string, agentId: string) => voice.app.get(VoiceSessionsService).carries(callId, agentId);

  /** Sends the agent's silence every 20 ms, as a browser's open microphone does; returns how to stop. */
  function openMicrophone(agent: WebRtcAgent): () => void {
    let index = 0;
    const timer = setInterval(() => {
      agent.send({ sequenceNumber: index, timestamp: index * 160, payload: labelled(0xff) });
      index += 1;
    }, 20);
    microphones.push(timer);
    return () => clearInterval(timer);
  }

  it("carries the caller's frames to the agent as RTP, paced and numbered without gaps", async () => {
    const callId = 'CA-voice-to-agent';
    const { agent } = await connectAgent(callId);
    openMicrophone(agent);
    const received: { sequenceNumber: number; timestamp: number; label: number; bytes: number }[] = [];
    agent.onPacket((packet) => received.push({ sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp, label: packet.payload[0], bytes: packet.payload.byteLength }));
    // Until both ends have finished DTLS, a packet may be dropped: warm up with frames of 200s.
    for (let i = 0; !received.some((packet) => packet.label === 200); i += 1) {
      if (i > 250) throw new Error('no warm-up frame reached the agent in 5 s');
      bus.publishBinary(audioFrameV1, { callId, sequenceNumber: i, timestampMs: i * 20, encoding: 'mulaw', sampleRateHz: 8000 }, labelled(200));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    received.length = 0;
    for (let i = 0; i < 25; i += 1) {
      bus.publishBinary(audioFrameV1, { callId, sequenceNumber: i, timestampMs: i * 20, encoding: 'mulaw', sampleRateHz: 8000 }, labelled(i + 1));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await eventually(() => received.filter((packet) => packet.label !== 200).length >= 25, 'the 25 frames to reach the agent').catch((error: Error) => { throw new Error(`${error.message}: got ${JSON.stringify(received.map((p) => p.label))}`); });
    expect(received.map((packet) => packet.label).filter((label) => label !== 200)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(received.every((packet) => packet.bytes === 160)).toBe(true);
    for (let i = 1; i < received.length; i += 1) {
      expect((received[i].sequenceNumber - received[i - 1].sequenceNumber) & 0xffff).toBe(1);
      expect((received[i].timestamp - received[i - 1].timestamp) >>> 0).toBeGreaterThanOrEqual(160);
    }
  });

  it("publishes the agent's RTP as 20 ms frames in order, reordered packets put back and a lost one filled with silence", async () => {
    const callId = 'CA-voice-from-agent';
    const { agent } = await connectAgent(callId);
    const frames: { sequenceNumber: number; label: number }[] = [];
    await bus.subscribeBinary(agentAudioFrameV1, (header, body) => frames.push({ sequenceNumber: header.sequenceNumber, label: body[0] }), { callId });
    const firstSequence = 65530;
    const order = [0, 1, 2, 4, 3, 5, 7, 8, 9, 10, 11];
    for (const i of order) {
      agent.send({ sequenceNumber: firstSequence + i, timestamp: 90_000 + i * 160, payload: labelled(i + 1) });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await eventually(() => frames.length >= 12, 'twelve frames of the agent (packet 6 filled with silence)');
    expect(frames.map((frame) => frame.label)).toEqual([1, 2, 3, 4, 5, 6, 0xff, 8, 9, 10, 11, 12]);
    expect(frames.map((frame) => frame.sequenceNumber)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("says once that the agent's audio is lost when their end closes, and drops the connection", async () => {
    const callId = 'CA-voice-lost';
    const { agent, agentId } = await connectAgent(callId);
    const lost: AgentAudioLostV1[] = [];
    await bus.subscribe(agentAudioLostV1, (event) => void lost.push(event), { callId });
    const closeMicrophone = openMicrophone(agent);
    await eventually(() => carries(callId, agentId), 'the connection to be up');
    closeMicrophone();
    await agent.close();
    await eventually(() => lost.length === 1, 'the audio-lost event', LOSS_MS + 5000);
    expect(lost[0]).toMatchObject({ callId, agentId });
    expect(lost[0].silentForMs).toBeGreaterThanOrEqual(LOSS_MS);
    expect(carries(callId, agentId)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, LOSS_MS * 2));
    expect(lost).toHaveLength(1);
  });

  it('closes the connection when routing says so, without reporting the audio lost', async () => {
    const callId = 'CA-voice-close';
    const { agent, agentId } = await connectAgent(callId);
    const { agent: other } = await connectAgent(callId);
    openMicrophone(agent);
    openMicrophone(other);
    const lost: AgentAudioLostV1[] = [];
    await bus.subscribe(agentAudioLostV1, (event) => void lost.push(event), { callId });
    const heardByFirst: number[] = [];
    const heardByOther: number[] = [];
    agent.onPacket((packet) => heardByFirst.push(packet.payload[0]));
    other.onPacket((packet) => heardByOther.push(packet.payload[0]));
    await bus.publish(voiceSessionCloseV1, { callId, agentId, reason: 'transferred' });
    await eventually(() => !carries(callId, agentId), "the first agent's connection to be dropped");
    bus.publishBinary(audioFrameV1, { callId, sequenceNumber: 1, timestampMs: 20, encoding: 'mulaw', sampleRateHz: 8000 }, labelled(77));
    await eventually(() => heardByOther.includes(77), 'the other agent on the call to still hear the caller');
    expect(heardByFirst).not.toContain(77);
    await new Promise((resolve) => setTimeout(resolve, LOSS_MS + 500));
    expect(lost).toEqual([]);
  });

  it('refuses an offer without PCMU and one that is not SDP, with typed errors', async () => {
    const opusOnly = new WebRtcAgent({ offerPcmu: false });
    agents.push(opusOnly);
    const refused = await bus.request(voiceSessionOfferV1, { callId: 'CA-voice-opus', agentId: randomUUID(), sdp: await opusOnly.offer() });
    expect(refused).toMatchObject({ ok: false, code: 'NO_COMMON_CODEC' });
    const garbage = await bus.request(voiceSessionOfferV1, { callId: 'CA-voice-junk', agentId: randomUUID(), sdp: 'v=0\r\nm=audio 9 RTP/AVP 0\r\nthis is not SDP' });
    expect(garbage.ok).toBe(false);
    expect(['INVALID_SDP', 'NO_COMMON_CODEC']).toContain(garbage.ok ? '' : garbage.code);
    const notSdp = await bus.request(voiceSessionOfferV1, { callId: 'CA-voice-junk', agentId: randomUUID(), sdp: 'hello' });
    expect(notSdp).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });
});
