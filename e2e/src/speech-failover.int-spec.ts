import { eventually } from '@callcart/testing';
import { AgentDesk, type LiveMessage } from '@callcart/gateway-client';
import type { PhoneLine } from '@callcart/telephony';
import { dialShop, PhoneOrderStack } from './phone-order-stack.spec-helper';

/**
 * Fault drill A of issue 7: two speech workers (two speech processes), a call speaking several
 * sentences with pauses, and the worker holding the call killed (SIGKILL) in the middle of a
 * sentence. The other worker takes the call over (its claim expires after CLAIM_TTL_MS, 1.5 s by
 * default) and the agent keeps getting the transcript of what the caller says next.
 */
const WORKERS = ['speech-a', 'speech-b'];
const CALLER = '+8613700137000';

describe('fault drill A: a speech worker killed mid-call', () => {
  let stack: PhoneOrderStack;
  let desk: AgentDesk;
  let caller: PhoneLine | undefined;

  beforeAll(async () => {
    stack = await PhoneOrderStack.start({ name: 'speech-failover', speechWorkers: WORKERS });
    desk = await AgentDesk.open(stack.agent);
  }, 120_000);

  afterAll(async () => {
    if (caller?.isUp) await caller.hangUp().catch(() => undefined);
    await desk?.close().catch(() => undefined);
    await stack?.close();
  }, 60_000);

  it('the other worker takes the call over and the transcript goes on to the end of the call', async () => {
    const line = await dialShop(stack.mediaUrl, CALLER);
    caller = line;
    const callId = line.callId;
    await desk.answer(callId);
    const transcripts = () => desk.frames('transcript', callId);
    const finals = () => transcripts().filter((message) => message.data.kind === 'final');
    const workerOf = (message: LiveMessage) => String(message.data.workerId);

    // Sentence 1: one worker claims the call and transcribes it.
    await line.sayText('I would like the nivea creme please');
    await eventually(() => finals().length > 0, `a final transcript of the first sentence; ${stack.logHint}`, 10_000);
    const holder = workerOf(finals()[0]);
    const standby = WORKERS.find((worker) => worker !== holder) ?? '';
    expect(WORKERS).toContain(holder);
    expect(new Set(transcripts().map(workerOf))).toEqual(new Set([holder]));

    // Sentence 2: the holder is killed 0.8 s into it, as a crash (no shutdown, the claim is never released).
    const second = await line.startSaying('and a tube of colgate total toothpaste');
    await eventually(() => line.audioMs >= second.startMs + 800, 'the caller to be 0.8 s into the second sentence', 10_000);
    const killedAtAudioMs = line.audioMs;
    const killedAt = performance.now();
    await stack.killService(holder);
    const takenOver = new RegExp(`"msg":"recognising call","callId":"${callId}","workerId":"${standby}"`);
    await eventually(() => takenOver.test(stack.service(standby).process.output()), `${standby} to take the call over; ${stack.logHint}`, 15_000);
    const takeoverMs = Math.round(performance.now() - killedAt);
    const takenOverAtAudioMs = line.audioMs;
    await second.spoken;

    // Sentences 3 and 4, after the takeover: the standby transcribes them.
    const third = await line.sayText('do you have lipton yellow label tea');
    const fourth = await line.sayText('and two pringles original please');
    const fromStandby = () => finals().filter((message) => workerOf(message) === standby);
    await eventually(() => fromStandby().some((message) => Number(message.data.endMs) >= fourth.startMs), `a final transcript of the fourth sentence from ${standby}; ${stack.logHint}`, 15_000);

    expect((await line.hangUp()).code).toBe(1000);
    await desk.next('call.ended', callId);

    // One worker at a time: the dead one heard nothing after its death, the standby nothing before its takeover.
    for (const message of transcripts()) {
      const startMs = Number(message.data.startMs);
      expect([holder, standby]).toContain(workerOf(message));
      if (workerOf(message) === holder) expect(startMs).toBeLessThan(killedAtAudioMs);
      else expect(startMs).toBeGreaterThanOrEqual(killedAtAudioMs);
    }
    // The call's clock goes on across workers, and no utterance id repeats.
    const standbyStart = Math.min(...fromStandby().map((message) => Number(message.data.startMs)));
    const finalIds = finals().map((message) => String(message.data.utteranceId));
    expect(new Set(finalIds).size).toBe(finalIds.length);
    process.stdout.write(
      `drill A: ${holder} killed at call time ${killedAtAudioMs} ms (0.8 s into sentence 2, which started at ${second.startMs} ms); ` +
        `${standby} recognising after ${takeoverMs} ms (call time ${takenOverAtAudioMs} ms): audio lost ≈ ${takenOverAtAudioMs - second.startMs} ms ` +
        `(the unfinished sentence's first ${killedAtAudioMs - second.startMs} ms + ${takenOverAtAudioMs - killedAtAudioMs} ms unheard); ` +
        `sentence 3 at ${third.startMs} ms, 4 at ${fourth.startMs} ms; first standby utterance starts at ${standbyStart} ms\n` +
        `  finals: ${JSON.stringify(finals().map((message) => `${workerOf(message)} ${message.data.startMs}-${message.data.endMs}: ${message.data.text}`))}\n`,
    );
  }, 120_000);
});
