import type { Provider } from '@nestjs/common';
import { GoogleSpeechRecogniser } from './google/google-speech.recogniser';
import { PocketsphinxRecogniser } from './pocketsphinx/pocketsphinx.recogniser';
import type { Recogniser } from './recognition/recogniser';
import type { SpeechConfig } from './speech.config';

/** Injection token of the process's one recogniser (SPEECH_PROVIDER picks it). */
export const RECOGNISER_TOKEN = Symbol('Recogniser');

/**
 * The recogniser SPEECH_PROVIDER names. Google's client connects here, while the module is being
 * built, so bad credentials or endpoint options stop the service at start, naming the cause.
 */
export async function createRecogniser(config: SpeechConfig): Promise<Recogniser> {
  if (config.provider === 'google') {
    return GoogleSpeechRecogniser.connect({
      languageCode: config.languageCode,
      streamRestartMs: config.streamRestartMs,
      endpoint: config.google.endpoint,
      insecure: config.google.insecure,
    });
  }
  return new PocketsphinxRecogniser({ warps: config.warps });
}

/** The Nest provider of RECOGNISER_TOKEN for `config`. */
export function recogniserProvider(config: SpeechConfig): Provider {
  return { provide: RECOGNISER_TOKEN, useFactory: () => createRecogniser(config) };
}
