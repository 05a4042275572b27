import { agentAudioFrameV1, callControlV1, type CallControlV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { TwilioMediaClient, type StreamMessageFromServer } from '@callcart/telephony';
import { startCallIngestWorld, type CallIngestWorld } from '../call-ingest.spec-helper';
import { loadWaitingPrompts } from '../prompts/prompt-files';
import { toFrames } from './frame-sources';

const prompts = loadWaitingPrompts('en');
const greetingFrames = toFrames(prompts.greeting);
const waitingFrames = toFrames(prompts.waiting);
const hex = (frame: Uint8Array) => Buffer.from(frame).toString('hex');
/** A recognisable agent frame: every byte the frame's number (never µ-law silence, 0xff). */
const agentFrame = (n: number) => new Uint8Array(160).fill(n % 250);

describe('audio back to the caller (Twilio bidirectional stream, real NATS)', () => {
  let world: CallIngestWorld;

  beforeAll(async () => {
    world = await startCallIngestWorld();
  });

  afterAll(async () => {
    await world.close();
  });

  async function startedCall(): Promise<TwilioMediaClient> {
    const client = await TwilioMediaClient.connect(world.mediaUrl);
    client.sendConnected();
    client.sendStart({ from: '+8613812345678', to: '+864001234567' });
    await eventually(() => world.started.some((call) => call.callId === client.callSid), 'call started');
    return client;
  }

  const control = (callId: string, command: CallControlV1['command']) =>
    world.bus.publish(callControlV1, { callId, command, issuedAt: new Date().toISOString(), ...(command === 'connect' ? { agentId: '5f1c1a52-93f4-4a8e-9d0e-1f2a3b4c5d6e' } : {}) });

  const publishAgentFrames = (callId: string, first: number, count: number) => {
    for (let n = first; n < first + count; n += 1) {
      world.bus.publishBinary(agentAudioFrameV1, { callId, sequenceNumber: n, timestampMs: n * 20, encoding: 'mulaw', sampleRateHz: 8000 }, agentFrame(n));
    }
  };

  /** The media payloads (hex) after the n-th `clear`, in order. */
  const mediaAfterClear = (messages: readonly StreamMessageFromServer[], clearNumber: number) => {
    const clears = messages.flatMap((message, index) => (message.event === 'clear' ? [index] : []));
    const from = clears[clearNumber - 1];
    if (from === undefined) return [];
    const next = clears[clearNumber] ?? messages.length;
    return messages.slice(from + 1, next).flatMap((message) => (message.event === 'media' ? [hex(message.payload)] : []));
  };

  it('plays the greeting then the waiting loop before connect, the agent after, the waiting loop on hold, and keeps every inbound frame', async () => {
    const sentBefore = await world.metric('callcart_ingest_outbound_frames_sent_total', 'source="agent"');
    const client = await startedCall();
    const callId = client.callSid;

    // Before connect: the committed greeting, byte for byte, then the waiting loop from its start.
    const expectedWaiting = [...greetingFrames, ...waitingFrames.slice(0, 10)].map(hex);
    await eventually(() => client.receivedFrames().length >= expectedWaiting.length, 'the greeting and the start of the waiting loop', 20_000);
    expect(client.receivedFrames().slice(0, expectedWaiting.length).map(hex)).toEqual(expectedWaiting);
    expect(client.messagesFromServer.filter((message) => message.event === 'clear')).toHaveLength(0);
    // Agent frames before connect are not the caller's to hear.
    publishAgentFrames(callId, 0, 5);

    // Connect: a clear drops the buffered waiting audio, then the agent's frames, all of them, in order,
    // while the caller keeps talking (100 inbound frames, interleaved with a burst of 40 agent frames:
    // 0.8 s of audio at once, within the second the playout queue holds).
    await control(callId, 'connect');
    await eventually(() => client.messagesFromServer.some((message) => message.event === 'clear'), 'the clear at connect');
    for (let i = 0; i < 100; i += 1) {
      client.sendMedia(new Uint8Array(160).fill(i));
      if (i % 5 === 0) publishAgentFrames(callId, 1000 + (i / 5) * 2, 2);
    }
    const agentHex = Array.from({ length: 40 }, (_, i) => hex(agentFrame(1000 + i)));
    await eventually(() => mediaAfterClear(client.messagesFromServer, 1).length >= 40, 'the agent frames to play out', 10_000);
    expect(mediaAfterClear(client.messagesFromServer, 1)).toEqual(agentHex);
    await eventually(() => world.framesOf(callId).length === 100, 'every inbound frame on NATS');
    expect(world.framesOf(callId).map((frame) => frame.body[0])).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(await world.metric('callcart_ingest_outbound_frames_sent_total', 'source="agent"')).toBe(sentBefore + 40);
    expect(await world.metric('callcart_ingest_outbound_frames_dropped_total', 'reason="queue-full"')).toBe(0);
    // Marks went out with the audio (one per 25 frames) and were echoed once played: the playout lag is measured.
    expect(client.messagesFromServer.filter((message) => message.event === 'mark').length).toBeGreaterThanOrEqual(10);
    await eventually(async () => (await world.metric('callcart_ingest_playout_lag_seconds_count')) >= 1, 'echoed marks measured as playout lag');

    // Hold: a clear, then the waiting loop from its start (no greeting again); agent frames are not sent.
    await control(callId, 'hold');
    await eventually(() => mediaAfterClear(client.messagesFromServer, 2).length >= 10, 'the waiting loop after hold');
    publishAgentFrames(callId, 2000, 5);
    await eventually(() => mediaAfterClear(client.messagesFromServer, 2).length >= 20, 'more waiting audio');
    expect(mediaAfterClear(client.messagesFromServer, 2).slice(0, 20)).toEqual(waitingFrames.slice(0, 20).map(hex));
    await control(callId, 'hold'); // a repeated state changes nothing
    await control(callId, 'connect');
    await eventually(() => client.messagesFromServer.filter((message) => message.event === 'clear').length === 3, 'the clear at the second connect');
    expect(client.protocolProblems).toEqual([]);

    client.sendStop();
    await client.closed;
    await eventually(() => world.endedOf(callId).length === 1, 'call ended');
    expect(world.endedOf(callId)[0].reason).toBe('stopped');
  }, 60_000);

  it('hangs up on command: clear, the socket closes, call ended once with hung-up', async () => {
    const client = await startedCall();
    const callId = client.callSid;
    await eventually(() => client.receivedFrames().length > 0, 'waiting audio');
    await control(callId, 'hangup');
    expect(await client.closed).toEqual({ code: 1000, reason: 'call hung up by callcart' });
    expect(client.messagesFromServer.at(-1)?.event).toBe('clear');
    await eventually(() => world.endedOf(callId).length === 1, 'call ended');
    expect(world.endedOf(callId)[0].reason).toBe('hung-up');
    await control(callId, 'hangup'); // the call is gone: nothing happens
    await eventually(async () => (await world.metric('callcart_ingest_calls_ended_total', 'reason="hung-up"')) === 1, 'the hung-up count');
    expect(world.endedOf(callId)).toHaveLength(1);
  });

  it('at shutdown ends every open call once, with shutdown', async () => {
    const own = await startCallIngestWorld();
    try {
      const client = await TwilioMediaClient.connect(own.mediaUrl);
      client.sendConnected();
      client.sendStart({ from: '+8613812345678', to: '+864001234567' });
      await eventually(() => own.started.some((call) => call.callId === client.callSid), 'call started');
      await own.app.close();
      expect((await client.closed).code).toBe(1001);
      await eventually(() => own.endedOf(client.callSid).length === 1, 'call ended');
      expect(own.endedOf(client.callSid)[0].reason).toBe('shutdown');
    } finally {
      await own.close();
    }
  });
});
