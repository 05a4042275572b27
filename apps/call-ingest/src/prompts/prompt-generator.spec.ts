import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMulaw } from '@callcart/audio';
import { DEFAULT_PROMPTS_DIR, loadWaitingPrompts, PROMPT_FILES } from './prompt-files';
import { generatePrompts } from './prompt-generator';

const rms = (mulaw: Uint8Array) => {
  const pcm = decodeMulaw(mulaw);
  return Math.sqrt(pcm.reduce((sum, sample) => sum + sample * sample, 0) / Math.max(1, pcm.length));
};

describe('waiting prompts', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'callcart-prompts-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('regenerate as the committed files: whole 20 ms frames of 8 kHz µ-law, same lengths, the same chimes', async () => {
    const generated = await generatePrompts(dir);
    expect(generated.map((entry) => entry.file).sort()).toEqual([PROMPT_FILES.greeting.en, PROMPT_FILES.greeting.zh, PROMPT_FILES.waiting].sort());
    for (const { file, bytes } of generated) {
      const committed = await readFile(join(DEFAULT_PROMPTS_DIR, file));
      expect({ file, bytes }).toEqual({ file, bytes: committed.length });
      expect(bytes % 160).toBe(0);
    }
    expect(await readFile(join(dir, PROMPT_FILES.waiting))).toEqual(await readFile(join(DEFAULT_PROMPTS_DIR, PROMPT_FILES.waiting)));
  }, 120_000); // two synthesisers and a resampler: seconds alone, much longer beside other suites

  it('are audible and short: a greeting of 3–9 s in each language, a 4 s waiting loop', () => {
    for (const language of ['en', 'zh'] as const) {
      const prompts = loadWaitingPrompts(language);
      expect(prompts.greeting.length / 8000).toBeGreaterThan(3);
      expect(prompts.greeting.length / 8000).toBeLessThan(9);
      expect(rms(prompts.greeting)).toBeGreaterThan(500);
      expect(prompts.waiting.length).toBe(4 * 8000);
      expect(rms(prompts.waiting)).toBeGreaterThan(300);
    }
    expect(loadWaitingPrompts('en').greeting).not.toEqual(loadWaitingPrompts('zh').greeting);
  });

  it('names the missing file when a prompt is not there', () => {
    expect(() => loadWaitingPrompts('en', dir + '/nowhere')).toThrow(/greeting\.en\.ulaw is missing \(npm run prompts:generate/);
  });
});
