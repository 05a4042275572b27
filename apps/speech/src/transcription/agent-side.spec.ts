import type { AudioFrameMetaV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import type { Recogniser, RecognitionListener, RecognitionSession } from '../recognition/recogniser';
import { AgentSessionBudget, AgentSide } from './agent-side';

/** A bus that hands each call's agent-frame handler to the test. */
function fakeBus() {
  const handlers = new Map<string, (meta: AudioFrameMetaV1, body: Uint8Array) => void>();
  const bus = {
    subscribeBinary: async (_contract: unknown, handler: (meta: AudioFrameMetaV1, body: Uint8Array) => void, options: { callId: string }) => {
      handlers.set(options.callId, handler);
      return { stop: async () => void handlers.delete(options.callId) };
    },
  } as unknown as MessageBus;
  const send = (callId: string, n: number) =>
    handlers.get(callId)?.({ callId, sequenceNumber: n, timestampMs: n * 20, encoding: 'mulaw', sampleRateHz: 8000 }, new Uint8Array(160).fill(n));
  return { bus, send };
}

/** A recogniser whose sessions record what they were written; `capacity` sessions at most. */
function fakeRecogniser(capacity: number) {
  const sessions: { callId: string; written: number[]; ended: boolean }[] = [];
  const open = () => sessions.filter((session) => !session.ended).length;
  const recogniser = {
    provider: 'pocketsphinx',
    start: async (callId: string, _listener: RecognitionListener): Promise<RecognitionSession> => {
      if (open() >= capacity) throw new Error('RESOURCE_EXHAUSTED');
      const record = { callId, written: [] as number[], ended: false };
      sessions.push(record);
      return { callId, vocabularyVersion: 'v1', write: (audio) => void record.written.push(audio[0]), end: async () => void (record.ended = true) };
    },
  } as unknown as Recogniser;
  return { recogniser, sessions, open };
}

const logger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AgentSide', () => {
  it("starts its session with the agent's first frame and keeps the frames that arrive meanwhile, in order", async () => {
    const { bus, send } = fakeBus();
    const { recogniser, sessions } = fakeRecogniser(10);
    const side = new AgentSide('CA1', { bus, recogniser, budget: new AgentSessionBudget(5), logger, onRecognition: () => undefined });
    await side.listen();
    expect(sessions).toHaveLength(0); // a waiting call costs nothing
    send('CA1', 1);
    send('CA1', 2);
    await settle();
    send('CA1', 3);
    expect(sessions.map((session) => session.written)).toEqual([[1, 2, 3]]);
    await side.end();
    expect(sessions[0].ended).toBe(true);
    send('CA1', 4);
    expect(sessions[0].written).toEqual([1, 2, 3]);
  });

  it("beyond the worker's budget an agent side is not recognised, and the call goes on", async () => {
    const { bus, send } = fakeBus();
    const { recogniser, sessions } = fakeRecogniser(10);
    const budget = new AgentSessionBudget(1);
    const first = new AgentSide('CA1', { bus, recogniser, budget, logger, onRecognition: () => undefined });
    const second = new AgentSide('CA2', { bus, recogniser, budget, logger, onRecognition: () => undefined });
    await first.listen();
    await second.listen();
    send('CA1', 1);
    send('CA2', 1);
    await settle();
    expect(sessions.map((session) => session.callId)).toEqual(['CA1']);
    await first.end();
    expect(budget.size).toBe(0);
  });

  it('gives its session up when a caller needs the capacity (the caller side wins)', async () => {
    const { bus, send } = fakeBus();
    const { recogniser, sessions, open } = fakeRecogniser(2);
    const budget = new AgentSessionBudget(5);
    const callerSession = await recogniser.start('CA1', { onRecognition: () => undefined, onError: () => undefined });
    const agent = new AgentSide('CA1', { bus, recogniser, budget, logger, onRecognition: () => undefined });
    await agent.listen();
    send('CA1', 1);
    await settle();
    expect(open()).toBe(2);
    // A new call's caller: the recogniser is full; the budget frees the newest agent session.
    await expect(recogniser.start('CA2', { onRecognition: () => undefined, onError: () => undefined })).rejects.toThrow('RESOURCE_EXHAUSTED');
    expect(await budget.yieldOne()).toBe(true);
    await expect(recogniser.start('CA2', { onRecognition: () => undefined, onError: () => undefined })).resolves.toMatchObject({ callId: 'CA2' });
    expect(sessions.filter((session) => session.ended).map((session) => session.callId)).toEqual(['CA1']);
    expect(await budget.yieldOne()).toBe(false);
    send('CA1', 2); // the agent side stays off for this call
    expect(sessions[1].written).toEqual([1]);
    await callerSession.end();
  });
});
