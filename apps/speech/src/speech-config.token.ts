/** Injection token of the speech service's {@link SpeechConfig}. */
export const SPEECH_CONFIG_TOKEN = Symbol('SPEECH_CONFIG');
