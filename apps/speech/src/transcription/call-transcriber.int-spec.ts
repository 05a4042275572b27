import { agentAudioFrameV1, audioFrameV1, callEndedV1, callStartedV1, transcriptUpdatedV1, ALL_STREAMS, type TranscriptUpdatedV1 } from '@callcart/contracts';
import { mulawToAlaw } from '@callcart/audio';
import { MessageBus } from '@callcart/messaging';
import { createTestNats, eventually, type TestNats } from '@callcart/testing';
import { PocketsphinxRecogniser } from '../pocketsphinx/pocketsphinx.recogniser';
import { concatAudio, speakToTelephone, telephoneSilence, toFrames } from '../recognition/telephone-speech';
import { CallTranscriber } from './call-transcriber';

const CATALOGUE = ['pringles sour cream and onion', 'nescafe gold instant coffee', 'nivea hand cream'];
const CLAIM_TTL_MS = 1000;

describe('speech workers sharing calls through claims (real NATS, real pocketsphinx)', () => {
  let nats: TestNats;
  let caller: MessageBus;
  const buses: MessageBus[] = [];
  const workers: CallTranscriber[] = [];
  const recognisers: PocketsphinxRecogniser[] = [];
  const transcripts: TranscriptUpdatedV1[] = [];

  async function worker(workerId: string, maxAgentSessions = 0): Promise<{ transcriber: CallTranscriber; bus: MessageBus }> {
    const bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'speech', streams: ALL_STREAMS });
    const recogniser = new PocketsphinxRecogniser();
    await recogniser.updateVocabulary({ version: 'v1', language: 'en', phrases: CATALOGUE });
    const transcriber = new CallTranscriber(bus, recogniser, { workerId, language: 'en', claimTtlMs: CLAIM_TTL_MS, audioIdleMs: 30_000, maxAgentSessions });
    await transcriber.start();
    buses.push(bus);
    workers.push(transcriber);
    recognisers.push(recogniser);
    return { transcriber, bus };
  }

  beforeAll(async () => {
    nats = await createTestNats();
    caller = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'call-ingest', streams: ALL_STREAMS });
    await caller.subscribe(transcriptUpdatedV1, (transcript) => void transcripts.push(transcript));
  });

  afterAll(async () => {
    await Promise.allSettled(workers.map((transcriber) => transcriber.stop()));
    await Promise.allSettled([...buses, caller].map((bus) => bus.close()));
    await Promise.allSettled(recognisers.map((recogniser) => recogniser.close()));
    await nats.cleanup();
  });

  /** Streams telephone audio at real-time pace, 20 ms frames with sequence numbers and times (the caller's, or the agent's). */
  async function stream(
    callId: string,
    audio: Uint8Array,
    firstSequence: number,
    contract = audioFrameV1,
    encoding: 'mulaw' | 'alaw' = 'mulaw',
  ): Promise<number> {
    const frames = toFrames(encoding === 'alaw' ? mulawToAlaw(audio) : audio);
    const started = Date.now();
    for (const [index, frame] of frames.entries()) {
      const sequenceNumber = firstSequence + index;
      caller.publishBinary(contract, { callId, sequenceNumber, timestampMs: sequenceNumber * 20, encoding, sampleRateHz: 8000 }, frame);
      const due = started + (index + 1) * 20 - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
    return firstSequence + frames.length;
  }

  it('has exactly one worker transcribe a call, and another take it over within 3 s when that one dies', async () => {
    // Spoken before the workers start: the test's synthesis shares their event loop.
    const first = concatAudio(telephoneSilence(300), await speakToTelephone("I'd like pringles sour cream and onion"), telephoneSilence(700));
    const second = concatAudio(await speakToTelephone('do you have nescafe gold instant coffee', { voice: 'en-us+m3' }), telephoneSilence(700));
    const a = await worker('worker-a');
    const b = await worker('worker-b');
    const callId = 'CAclaims1';
    await caller.publish(callStartedV1, {
      callId,
      callerNumber: '+8613800138000',
      dialledNumber: '+864001234567',
      startedAt: new Date().toISOString(),
      provider: { name: 'twilio', callSid: callId, streamSid: 'MZ1' },
    });
    await eventually(() => a.transcriber.activeCalls().length + b.transcriber.activeCalls().length === 1, 'one worker to claim the call');

    let sequence = await stream(callId, first, 0);
    await eventually(() => transcripts.some((t) => t.kind === 'final'), 'the first final transcript', 15_000);
    expect(new Set(transcripts.map((t) => t.workerId)).size).toBe(1);
    expect(transcripts.filter((t) => t.kind === 'final').map((t) => t.text).join(' ')).toContain('cream and onion');
    // The worker that holds the call now is the one to die (the claim is what matters, not who spoke first).
    const [owner, standby] = a.transcriber.activeCalls().includes(callId) ? [a, b] : [b, a];
    const ownerId = owner === a ? 'worker-a' : 'worker-b';

    // Stopped hard: its NATS connection closes, its claim is never released.
    await buses[workers.indexOf(owner.transcriber)].close();
    const killedAt = Date.now();
    const silenceDuringTakeover = stream(callId, telephoneSilence(3000), sequence);
    await eventually(() => standby.transcriber.activeCalls().includes(callId), 'the standby worker to take the call over', 3000);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(3000);
    sequence = await silenceDuringTakeover;

    await stream(callId, second, sequence);
    const standbyFinal = (): TranscriptUpdatedV1[] => transcripts.filter((t) => t.kind === 'final' && t.workerId !== ownerId);
    // The standby sets its decoders up and decodes the call's next words under every speaker warp: on a
    // machine busy with the other suites that takes longer than a final usually does (the takeover's 3 s bound stays).
    await eventually(() => standbyFinal().length > 0, 'a final transcript from the worker that took over', 60_000);
    expect(standbyFinal().map((t) => t.text).join(' ')).toContain('coffee');
    // Times go on from the call's clock, and utterance ids do not repeat across workers.
    const finals = transcripts.filter((t) => t.kind === 'final');
    expect(finals[finals.length - 1].startMs).toBeGreaterThan(4000);
    expect(new Set(finals.map((t) => t.utteranceId)).size).toBe(finals.length);

    await caller.publish(callEndedV1, { callId, endedAt: new Date().toISOString(), durationMs: sequence * 20, reason: 'stopped', missingFrames: 0 });
    await eventually(() => standby.transcriber.activeCalls().length === 0, 'the call to be released at its end', 10_000);
  }, 120_000);

  it('keeps transcript times on the call clock when frames are lost on the way (a gap becomes silence)', async () => {
    // One worker alone: a takeover would restart the clock from the new worker's first frame.
    await Promise.allSettled(workers.map((transcriber) => transcriber.stop()));
    await worker('worker-gap');
    const callId = 'CAgap1';
    const before = transcripts.length;
    await caller.publish(callStartedV1, {
      callId,
      callerNumber: '+8613800138001',
      dialledNumber: '+864001234567',
      startedAt: new Date().toISOString(),
      provider: { name: 'twilio', callSid: callId, streamSid: 'MZ2' },
    });
    const mine = () => transcripts.slice(before).filter((t) => t.callId === callId && t.kind === 'final');
    await eventually(() => workers.some((w) => w.activeCalls().includes(callId)), 'a worker to claim the call');
    const first = concatAudio(telephoneSilence(300), await speakToTelephone("I'd like pringles sour cream and onion"), telephoneSilence(700));
    let sequence = await stream(callId, first, 0);
    await eventually(() => mine().length > 0, 'the first final transcript', 15_000);
    // Three seconds of frames never arrive (as in a NATS outage); then the caller speaks again.
    sequence += 150;
    const secondStartsMs = sequence * 20;
    const second = concatAudio(await speakToTelephone('do you have nescafe gold instant coffee'), telephoneSilence(700));
    sequence = await stream(callId, second, sequence);
    await eventually(() => mine().some((t) => t.text.includes('coffee')), 'the final transcript after the gap', 15_000);
    const after = mine().find((t) => t.text.includes('coffee'))!;
    expect(after.startMs).toBeGreaterThanOrEqual(secondStartsMs - 500);
    expect(after.startMs).toBeLessThan(secondStartsMs + 2000);
    await caller.publish(callEndedV1, { callId, endedAt: new Date().toISOString(), durationMs: sequence * 20, reason: 'stopped', missingFrames: 150 });
  }, 60_000);

  it("recognises the agent's side on a session of its own: agent transcripts say speaker agent, the caller's say caller", async () => {
    await Promise.allSettled(workers.map((transcriber) => transcriber.stop()));
    await worker('worker-both-sides', 2);
    const callId = 'CAbothsides1';
    const before = transcripts.length;
    await caller.publish(callStartedV1, {
      callId,
      callerNumber: '+8613800138002',
      dialledNumber: '+864001234567',
      startedAt: new Date().toISOString(),
      provider: { name: 'twilio', callSid: callId, streamSid: 'MZ3' },
    });
    await eventually(() => workers.some((w) => w.activeCalls().includes(callId)), 'a worker to claim the call');
    const callerSays = concatAudio(telephoneSilence(300), await speakToTelephone("I'd like pringles sour cream and onion"), telephoneSilence(700));
    const agentSays = concatAudio(telephoneSilence(300), await speakToTelephone('we have nescafe gold instant coffee', { voice: 'en-us+m3' }), telephoneSilence(700));
    // Both talk at once, as on a real line: neither side's words may end up in the other's transcript.
    const [sequence] = await Promise.all([stream(callId, callerSays, 0), stream(callId, agentSays, 0, agentAudioFrameV1)]);
    const finals = () => transcripts.slice(before).filter((t) => t.callId === callId && t.kind === 'final');
    await eventually(() => finals().some((t) => t.speaker === 'agent') && finals().some((t) => t.speaker === 'caller'), 'final transcripts of both sides', 90_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; got ${JSON.stringify(transcripts.slice(before).map((t) => [t.speaker, t.kind, t.text]))}`);
      },
    );
    const of = (speaker: string) => finals().filter((t) => t.speaker === speaker).map((t) => t.text).join(' ');
    expect(of('caller')).toContain('cream and onion');
    expect(of('caller')).not.toContain('coffee');
    expect(of('agent')).toContain('coffee');
    expect(of('agent')).not.toContain('onion');
    expect(transcripts.slice(before).filter((t) => t.callId === callId).every((t) => t.speaker === 'caller' || t.speaker === 'agent')).toBe(true);
    const ids = finals().map((t) => t.utteranceId);
    expect(new Set(ids).size).toBe(ids.length);
    await caller.publish(callEndedV1, { callId, endedAt: new Date().toISOString(), durationMs: sequence * 20, reason: 'stopped', missingFrames: 0 });
  }, 150_000);

  it('transcribes a SIP trunk’s A-law frames (PCMA, as Chinese and European carriers send them)', async () => {
    await Promise.allSettled(workers.map((transcriber) => transcriber.stop()));
    await worker('worker-alaw');
    const callId = 'sip-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const before = transcripts.length;
    await caller.publish(callStartedV1, {
      callId,
      callerNumber: '+8613800138002',
      dialledNumber: '+864001234567',
      startedAt: new Date().toISOString(),
      provider: { name: 'sip', callSid: 'a84b4c76e66710@pbx.example.cn', streamSid: '198.51.100.7:5060' },
    });
    await eventually(() => workers.some((w) => w.activeCalls().includes(callId)), 'a worker to claim the call');
    const speech = concatAudio(telephoneSilence(300), await speakToTelephone("I'd like pringles sour cream and onion"), telephoneSilence(700));
    const sequence = await stream(callId, speech, 0, audioFrameV1, 'alaw');
    const mine = () => transcripts.slice(before).filter((t) => t.callId === callId && t.kind === 'final');
    // Busy machines: the worker sets its decoders up first (see the takeover test).
    await eventually(() => mine().length > 0, 'a final transcript of the A-law call', 30_000);
    expect(mine().map((t) => t.text).join(' ')).toContain('cream and onion');
    await caller.publish(callEndedV1, { callId, endedAt: new Date().toISOString(), durationMs: sequence * 20, reason: 'stopped', missingFrames: 0 });
  }, 60_000);
});
