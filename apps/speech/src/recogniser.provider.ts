import { Logger, type Provider } from '@nestjs/common';
import { GoogleSpeechRecogniser } from './google/google-speech.recogniser';
import { PocketsphinxRecogniser } from './pocketsphinx/pocketsphinx.recogniser';
import type { Recogniser } from './recognition/recogniser';
import type { SpeechConfig } from './speech.config';
import { SpeechMetrics } from './transcription/speech.metrics';

/** Injection token of the process's one recogniser (SPEECH_PROVIDER picks it). */
export const RECOGNISER_TOKEN = Symbol('Recogniser');

/**
 * The recogniser SPEECH_PROVIDER names. Google's client connects here, while the module is being
 * built, so bad credentials or endpoint options stop the service at start, naming the cause.
 */
export async function createRecogniser(config: SpeechConfig, metrics?: SpeechMetrics): Promise<Recogniser> {
  if (config.provider === 'google') {
    return GoogleSpeechRecogniser.connect({
      languageCode: config.languageCode,
      streamRestartMs: config.streamRestartMs,
      endpoint: config.google.endpoint,
      insecure: config.google.insecure,
    });
  }
  const logger = new Logger('PocketsphinxRecogniser');
  return new PocketsphinxRecogniser({
    warps: config.warps,
    onDecoderSetUpFailure: (error, failuresInARow) => {
      metrics?.decoderSetUpFailures.inc();
      logger.error({ msg: 'spare decoders for the next call not set up: retrying', failuresInARow, err: error });
    },
  });
}

/** The Nest provider of RECOGNISER_TOKEN for `config`. */
export function recogniserProvider(config: SpeechConfig): Provider {
  return { provide: RECOGNISER_TOKEN, inject: [SpeechMetrics], useFactory: (metrics: SpeechMetrics) => createRecogniser(config, metrics) };
}
