import { eventually } from './eventually';
import type { RunningService } from './service-stack';

/** The catalogue's answer to a vocabulary request, when it gave one. */
export type VocabularyAnswer = { readonly version: string; readonly phrases: readonly string[] } | undefined;

/**
 * Waits until the catalogue's recogniser vocabulary (asked with `askVocabulary`) holds a phrase
 * matching `phrase` and every speech worker process has logged that it went live with that
 * version (speech refreshes ~3 s after product changes settle); returns the version. For suites
 * that import products and then speak. `hint` is added to a timeout's message (the services' logs).
 */
export async function waitForSpeechVocabulary(
  askVocabulary: () => Promise<VocabularyAnswer>,
  phrase: RegExp,
  speechWorkers: readonly RunningService[],
  hint: () => string = () => '',
): Promise<string> {
  let version = '';
  await eventually(async () => {
    const answer = await askVocabulary();
    if (!answer?.phrases.some((candidate) => phrase.test(candidate))) return false;
    version = answer.version;
    return true;
  }, `the catalogue vocabulary to include ${phrase}`, 15_000);
  for (const worker of speechWorkers) {
    await eventually(() => worker.process.output().includes(version), `${worker.name} to go live with vocabulary ${version}; ${hint()}`, 20_000);
  }
  return version;
}
