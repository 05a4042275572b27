import { DEFAULT_PROMPTS_DIR } from './prompt-files';
import { generatePrompts } from './prompt-generator';

/**
 * `npm run prompts:generate [-- DIR]`: synthesises the greetings (flite, espeak-ng) and computes
 * the waiting chimes into apps/call-ingest/assets/prompts (or DIR). Run it after changing a
 * greeting's text or voice and commit the files; the service only reads them.
 */
async function main(): Promise<void> {
  // From dist/, DEFAULT_PROMPTS_DIR is the built copy: write the repository's by default.
  const dir = process.argv[2] ?? DEFAULT_PROMPTS_DIR.replace(/\/dist\/apps\//, '/apps/');
  for (const { file, bytes } of await generatePrompts(dir)) {
    console.log(`${file}: ${bytes} bytes, ${(bytes / 8000).toFixed(2)} s of 8 kHz µ-law`);
  }
  console.log(`prompts written to ${dir}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
