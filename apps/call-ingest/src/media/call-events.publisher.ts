import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { audioFrameV1, keypadDigitV1, type AudioFrameMetaV1, type EventContract, type KeypadDigitV1, type PayloadOf } from '@callcart/contracts';
import { InvalidMessageError, MessageBus } from '@callcart/messaging';
import { IngestMetrics } from './ingest.metrics';

/** First retry after 100 ms, doubling to at most 5 s between tries. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Puts a call's facts on NATS. Call started and call ended are durable (JetStream): they are
 * awaited and retried with backoff, under one message id so the stream drops a duplicate, until
 * stored; only a service shutting down gives up, after its grace period. Audio frames and keypad
 * digits are live data on core NATS, in order (the client buffers them through a reconnect).
 *
 * Audio frames are handed to the NATS client together, once per turn of the event loop
 * (`publishBinaryInTurn`), not one by one as each packet arrives: 300 SIP calls' packets
 * published one by one were 15,000 socket writes a second, which kept the loop in its I/O phase
 * for about a second at a time and starved the 20 ms media clock (bench:sip: 35,686 of ~326,000
 * packets sent back to callers). The bus publishes waiting frames before anything else (call
 * ended), so nothing overtakes them.
 */
@Injectable()
export class CallEventsPublisher {
  private readonly logger = new Logger(CallEventsPublisher.name);
  private readonly pending = new Set<Promise<void>>();
  private giveUpAt: number | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly metrics: IngestMetrics,
  ) {}

  /** Publishes a durable fact, retrying until JetStream has stored it. Never rejects. */
  publishDurably<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void> {
    const done = this.retryUntilStored(contract, payload);
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
    return done;
  }

  private async retryUntilStored<C extends EventContract>(contract: C, payload: PayloadOf<C>): Promise<void> {
    const messageId = randomUUID();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.bus.publish(contract, payload, { messageId });
        if (attempt > 1) this.logger.log({ msg: 'durable publish succeeded after retrying', subject: contract.subject, attempt });
        return;
      } catch (error) {
        if (error instanceof InvalidMessageError) {
          this.logger.error({ msg: 'call event refused by its contract: not published', subject: contract.subject, reason: error.reason });
          return;
        }
        if (this.giveUpAt !== undefined && Date.now() >= this.giveUpAt) {
          this.logger.error({ msg: 'durable publish abandoned at shutdown', subject: contract.subject, attempt, payload, err: error });
          return;
        }
        this.metrics.durablePublishRetries.inc({ subject: contract.subject });
        const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
        this.logger.warn({ msg: 'durable publish failed, retrying', subject: contract.subject, attempt, retryInMs: delay, err: (error as Error).message });
        const untilGiveUp = this.giveUpAt === undefined ? Infinity : Math.max(0, this.giveUpAt - Date.now());
        await sleep(Math.min(untilGiveUp, delay * (0.75 + Math.random() * 0.5)));
      }
    }
  }

  /** Publishes one audio frame with the others of this turn of the event loop (see the class). */
  publishAudioFrame(meta: AudioFrameMetaV1, payload: Uint8Array): void {
    try {
      this.bus.publishBinaryInTurn(audioFrameV1, meta, payload, (error) => (error === undefined ? this.metrics.framesPublished.inc() : this.frameFailed(meta, error)));
    } catch (error) {
      this.frameFailed(meta, error);
    }
  }

  /** A frame refused by its contract or by NATS (connection closed): counted as lost. */
  private frameFailed(meta: AudioFrameMetaV1, error: unknown): void {
    this.metrics.framesFailed.inc();
    this.logger.error({ msg: 'audio frame not published', callId: meta.callId, sequenceNumber: meta.sequenceNumber, err: (error as Error).message });
  }

  /** Publishes a keypad digit (live, core NATS). */
  async publishKeypadDigit(digit: KeypadDigitV1): Promise<void> {
    try {
      await this.bus.publish(keypadDigitV1, digit);
      this.metrics.keypadDigits.inc();
    } catch (error) {
      this.logger.error({ msg: 'keypad digit not published', callId: digit.callId, err: (error as Error).message });
    }
  }

  /** At shutdown: keeps retrying what is pending for at most `graceMs`, then gives up. */
  async drain(graceMs: number): Promise<void> {
    this.giveUpAt = Date.now() + graceMs;
    await Promise.all([...this.pending]);
  }
}
