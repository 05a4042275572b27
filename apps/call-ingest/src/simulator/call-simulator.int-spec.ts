import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMulaw, writeWav } from '@callcart/audio';
import { callStartedV1, transcriptUpdatedV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { startCallIngestWorld, type CallIngestWorld } from '../call-ingest.spec-helper';
import { main } from './call.cli';

describe('callcart call (the call simulator) against call-ingest', () => {
  let world: CallIngestWorld;
  let dir: string;

  beforeAll(async () => {
    world = await startCallIngestWorld();
    dir = mkdtempSync(join(tmpdir(), 'callcart-sim-'));
  });

  afterAll(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function env(): NodeJS.ProcessEnv {
    return { NATS_URL: world.nats.url, NATS_PREFIX: world.nats.prefix };
  }

  it('speaks --say with espeak-ng and streams it, with the keypad digits, to NATS', async () => {
    const lines: string[] = [];
    const code = await main(
      ['--from', '+8613812345678', '--say', 'two bottles of olive oil please', '--dtmf', '12#', '--url', world.mediaUrl, '--fast', '--json', '--settle-ms', '100'],
      env(),
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    const events = lines.map((line) => JSON.parse(line) as { type: string; callId?: string; frames?: number; atMs: number });
    const started = events.find((e) => e.type === 'call-started');
    const callId = started!.callId!;
    expect(events.map((e) => e.type)).toEqual(['call-started', 'listening', 'audio-sent', 'dtmf-sent', 'dtmf-sent', 'dtmf-sent', 'call-stopped', 'socket-closed']);
    expect(events.every((e) => Number.isInteger(e.atMs))).toBe(true);
    const stopped = events.find((e) => e.type === 'call-stopped')!;

    await eventually(() => world.endedOf(callId).length === 1, 'call ended');
    const frames = world.framesOf(callId);
    expect(frames).toHaveLength(stopped.frames!);
    const speechFrames = events.find((e) => e.type === 'audio-sent')!.frames!;
    expect(speechFrames).toBeGreaterThan(50); // over a second of speech
    expect(frames.every((f) => f.body.length === 160)).toBe(true);
    const sequence = frames.map((f) => f.meta.sequenceNumber);
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    const loud = frames.slice(0, speechFrames).filter((f) => decodeMulaw(f.body).some((s) => Math.abs(s) > 2000));
    expect(loud.length).toBeGreaterThan(speechFrames / 3);
    expect(world.digits.filter((d) => d.callId === callId).map((d) => d.digit)).toEqual(['1', '2', '#']);
    expect(world.started.find((c) => c.callId === callId)?.callerNumber).toBe('+8613812345678');
    expect(world.endedOf(callId)[0]).toMatchObject({ reason: 'stopped', missingFrames: 0 });
  });

  it('plays a --wav file at its own rate, printing readable lines', async () => {
    const wav = join(dir, 'tone.wav');
    const tone = Int16Array.from({ length: 16000 }, (_, n) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * n) / 16000)));
    writeFileSync(wav, writeWav(tone, 16000));
    const lines: string[] = [];
    const code = await main(['--from', '+15550001234', '--wav', wav, '--url', world.mediaUrl, '--fast', '--no-nats'], env(), (line) => lines.push(line));
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^\+\s+\d+ ms {2}call-started callId=CA[0-9a-f]{32} from=\+15550001234/);
    expect(lines.some((line) => /call-stopped frames=50 audioMs=1000/.test(line))).toBe(true);
  });

  it('prints what the system made of the call as it arrives on NATS (a stand-in speech service)', async () => {
    const standIn = await world.bus.subscribe(callStartedV1, async (call) => {
      const base = { callId: call.callId, utteranceId: 'u-1', startMs: 0, workerId: 'stand-in', language: 'en' as const };
      await world.bus.publish(transcriptUpdatedV1, { ...base, kind: 'interim', text: 'two bottles', stability: 0.5 });
      const text = 'two bottles of olive oil';
      await world.bus.publish(transcriptUpdatedV1, { ...base, kind: 'final', text, alternatives: [{ text, confidence: 0.9 }], endMs: 1500 });
    });
    try {
      const lines: string[] = [];
      const args = ['--from', '+8613812345678', '--say', 'two bottles of olive oil', '--url', world.mediaUrl, '--fast', '--settle-ms', '300'];
      expect(await main(args, env(), (line) => lines.push(line))).toBe(0);
      expect(lines.some((line) => /^\+\s+\d+ ms {2}transcript interim "two bottles"$/.test(line))).toBe(true);
      expect(lines.some((line) => /^\+\s+\d+ ms {2}transcript final {3}"two bottles of olive oil"$/.test(line))).toBe(true);
    } finally {
      await standIn.stop();
    }
  });

  it('needs --wav or --say and refuses bad digits, with exit code 2', async () => {
    const quiet = () => undefined;
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['--from', '+1555', '--url', world.mediaUrl], env(), quiet)).toBe(2);
      expect(await main(['--from', '+1555', '--say', 'hi', '--dtmf', '12x'], env(), quiet)).not.toBe(0);
    } finally {
      stderr.mockRestore();
    }
  });
});
