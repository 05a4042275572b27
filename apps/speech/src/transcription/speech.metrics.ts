import { Counter, Histogram, type Registry } from 'prom-client';

/** What an operator needs to see of call starts: how long audio waited, and what failed. */
export class SpeechMetrics {
  readonly recogniserReadySeconds: Histogram;
  readonly recogniserStartFailures: Counter;
  readonly decoderSetUpFailures: Counter;
  readonly startFramesDropped: Counter;

  constructor(registry?: Registry) {
    const registers = registry ? [registry] : [];
    this.recogniserReadySeconds = new Histogram({
      name: 'callcart_speech_recogniser_ready_seconds',
      help: 'From claiming a call to its recogniser taking audio (the call start audio waits this long in the buffer)',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    this.recogniserStartFailures = new Counter({
      name: 'callcart_speech_recogniser_start_failures_total',
      help: 'Attempts to start recognising a claimed call that failed (retried; the call is given up after the last)',
      registers,
    });
    this.decoderSetUpFailures = new Counter({
      name: 'callcart_speech_decoder_setup_failures_total',
      help: 'Failures setting up the spare pocketsphinx decoders for the next call (retried)',
      registers,
    });
    this.startFramesDropped = new Counter({
      name: 'callcart_speech_start_frames_dropped_total',
      help: 'Call-start audio frames dropped because the recogniser took longer than the buffer holds',
      registers,
    });
  }
}
