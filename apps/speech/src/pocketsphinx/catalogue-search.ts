import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArpaModel, trainingSentences } from './catalogue-language-model';
import { writeBinaryLanguageModel } from './pocketsphinx-native';
import { buildDictionary, CmuDictionary } from './pronunciations';

/** Where Debian's pocketsphinx-en-us puts the 16 kHz US English model. */
export const DEFAULT_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/**
 * The files one vocabulary version decodes with: a dictionary of exactly the words in use (CMU
 * pronunciations, generated ones for the rest) and a trigram model over the catalogue phrases,
 * written as ARPA text and loaded by decoders in sphinxbase's binary form.
 * Built once per vocabulary version and shared by every decoder of that version.
 */
export interface CatalogueSearch {
  readonly version: string;
  readonly dictionaryPath: string;
  readonly languageModelPath: string;
  readonly wordCount: number;
  /** Catalogue words that got a generated pronunciation (brands missing from the CMU dictionary). */
  readonly generatedWords: number;
  /** Words nothing could pronounce; they are left out of the search. */
  readonly unpronounceable: readonly string[];
  remove(): void;
}

let cmuCache: { path: string; dictionary: CmuDictionary } | undefined;

function cmuDictionary(modelDir: string): CmuDictionary {
  const path = join(modelDir, 'cmudict-en-us.dict');
  if (cmuCache?.path !== path) cmuCache = { path, dictionary: CmuDictionary.load(path) };
  return cmuCache.dictionary;
}

/** Builds the search files for one vocabulary version in a fresh temporary directory. */
export async function buildCatalogueSearch(options: {
  version: string;
  phrases: readonly string[];
  modelDir?: string;
  generate?: (words: readonly string[]) => Promise<Map<string, string>>;
}): Promise<CatalogueSearch> {
  const cmu = cmuDictionary(options.modelDir ?? DEFAULT_MODEL_DIR);
  const sentences = trainingSentences(options.phrases);
  const dictionary = await buildDictionary(sentences.flat(), cmu, options.generate);
  const unpronounceable = new Set(dictionary.unpronounceable);
  const model = buildArpaModel(sentences, (word) => !unpronounceable.has(word));
  const dir = mkdtempSync(join(tmpdir(), 'callcart-speech-'));
  const dictionaryPath = join(dir, 'catalogue.dict');
  const arpaPath = join(dir, 'catalogue.arpa');
  const languageModelPath = join(dir, 'catalogue.lm.bin');
  writeFileSync(dictionaryPath, dictionary.text);
  writeFileSync(arpaPath, model.arpa);
  try {
    // Each call makes fresh decoders; the binary model makes that several times cheaper.
    await writeBinaryLanguageModel(arpaPath, languageModelPath);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    version: options.version,
    dictionaryPath,
    languageModelPath,
    wordCount: model.words.length,
    generatedWords: dictionary.generated.size,
    unpronounceable: [...unpronounceable],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
