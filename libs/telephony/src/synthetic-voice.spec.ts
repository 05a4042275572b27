import { fliteVoices, synthesiseSpeech } from './synthetic-voice';

const seconds = (audio: { samples: Int16Array; sampleRate: number; channels: number }) => audio.samples.length / audio.channels / audio.sampleRate;

describe('synthetic voices', () => {
  const text = 'do you have the yuwell upper arm blood pressure monitor';

  it("lists flite's US voices", async () => {
    await expect(fliteVoices()).resolves.toEqual(expect.arrayContaining(['kal16', 'rms', 'slt']));
  });

  it.each(['flite:kal16', 'flite:rms', 'flite:slt'])('speaks with %s at 16 kHz, faster at more words per minute', async (voice) => {
    const slow = await synthesiseSpeech(text, { voice, wordsPerMinute: 140 });
    const fast = await synthesiseSpeech(text, { voice, wordsPerMinute: 180 });
    expect(slow.sampleRate).toBe(16000);
    expect(seconds(slow)).toBeGreaterThan(2);
    expect(seconds(fast) / seconds(slow)).toBeGreaterThan(0.7);
    expect(seconds(fast) / seconds(slow)).toBeLessThan(0.85);
    expect(Math.max(...slow.samples.subarray(0, 48000).map(Math.abs))).toBeGreaterThan(1000);
  });

  it('speaks with espeak-ng by default, at the words per minute asked', async () => {
    const slow = await synthesiseSpeech(text, { wordsPerMinute: 140 });
    const fast = await synthesiseSpeech(text, { voice: 'en-us+f2', wordsPerMinute: 180 });
    expect(seconds(slow)).toBeGreaterThan(2);
    expect(seconds(fast)).toBeLessThan(seconds(slow) * 0.9);
  });

  it('names the voice when an engine does not have it, rather than speaking with another', async () => {
    await expect(synthesiseSpeech('hello', { voice: 'flite:nosuch' })).rejects.toThrow(/unknown flite voice "nosuch"; this flite has .*kal16/);
    await expect(synthesiseSpeech('hello', { voice: 'xx-nosuch' })).rejects.toThrow(/espeak-ng could not speak with "xx-nosuch"/);
  });

  it('refuses a rate that is not a positive number', async () => {
    await expect(synthesiseSpeech('hello', { wordsPerMinute: 0 })).rejects.toThrow(/words per minute must be positive/);
  });
});
