import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '@callcart/contracts';

/**
 * Where the prompts are: `apps/call-ingest/assets/prompts` in the repository, and the same path
 * beside `src/` in `dist/apps/call-ingest` (tools/build.mjs copies an app's `assets/`).
 */
export const DEFAULT_PROMPTS_DIR = join(__dirname, '..', '..', 'assets', 'prompts');

/** The prompt files: raw 8 kHz µ-law (no header), whole 20 ms frames. */
export const PROMPT_FILES = {
  greeting: { en: 'greeting.en.ulaw', zh: 'greeting.zh.ulaw' },
  waiting: 'waiting.ulaw',
} as const satisfies { greeting: Record<Language, string>; waiting: string };

/** What a waiting caller hears: the greeting in the call's language, then the waiting loop. */
export interface WaitingPrompts {
  readonly greeting: Uint8Array;
  readonly waiting: Uint8Array;
}

/** Reads the prompts for a language; throws naming the file when one is missing. */
export function loadWaitingPrompts(language: Language, dir = DEFAULT_PROMPTS_DIR): WaitingPrompts {
  const read = (file: string) => {
    try {
      return new Uint8Array(readFileSync(join(dir, file)));
    } catch (error) {
      throw new Error(`call-ingest: prompt ${join(dir, file)} is missing (npm run prompts:generate makes it): ${(error as Error).message}`);
    }
  };
  return { greeting: read(PROMPT_FILES.greeting[language]), waiting: read(PROMPT_FILES.waiting) };
}
