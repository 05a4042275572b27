import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { mixToMono, readWav, WavFormatError, writeWav } from './wav.codec';
import { noise } from './spectrum.spec-helper';

describe('WAV files', () => {
  it('round-trips 16-bit PCM through write and read, extremes included', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, ...noise(1000, 30000)]);
    const file = writeWav(samples, 16000);
    expect(file.length).toBe(44 + 2 * samples.length);
    expect(Buffer.from(file.subarray(0, 4)).toString('ascii')).toBe('RIFF');
    const read = readWav(file);
    expect(read.sampleRate).toBe(16000);
    expect(read.channels).toBe(1);
    expect(Array.from(read.samples)).toEqual(Array.from(samples));
  });

  it('reads µ-law and 8-bit WAVs as 16-bit PCM', () => {
    const mulawFile = new WaveFile();
    mulawFile.fromScratch(1, 8000, '8m', Uint8Array.from([0xff, 0x00, 0x80]));
    expect(Array.from(readWav(mulawFile.toBuffer()).samples)).toEqual([0, -32124, 32124]);
    const eightBit = new WaveFile();
    eightBit.fromScratch(2, 22050, '8', Uint8Array.from([128, 255, 0, 128]));
    const read = readWav(eightBit.toBuffer());
    expect(read.channels).toBe(2);
    expect(Array.from(read.samples)).toEqual([0, 32767, -32768, 0]);
    expect(Array.from(mixToMono(read.samples, 2))).toEqual([16384, -16384]);
  });

  it('reads what espeak-ng writes (22,050 Hz mono PCM)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callcart-wav-'));
    try {
      execFileSync('espeak-ng', ['-v', 'en-us', '-w', join(dir, 'hello.wav'), 'hello']);
      const read = readWav(readFileSync(join(dir, 'hello.wav')));
      expect(read.sampleRate).toBe(22050);
      expect(read.channels).toBe(1);
      expect(read.samples.some((sample) => Math.abs(sample) > 1000)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what is not a WAV with a typed error', () => {
    expect(() => readWav(new TextEncoder().encode('not a riff file at all'))).toThrow(WavFormatError);
    expect(() => readWav(new Uint8Array(0))).toThrow(WavFormatError);
    expect(() => writeWav(new Int16Array(1), 0)).toThrow(RangeError);
  });
});
