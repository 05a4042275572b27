import type { Logger } from '@nestjs/common';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { StreamDefinition } from '@callcart/contracts';
import { ensureDurableConsumer, ensureStreams, type DurableConsumerSpec } from './jetstream-admin';
import type { SubjectNamer } from './subjects';

/** Notifications after which the pull loop is not getting messages: its stream or consumer is gone, or the server is silent. */
const LOST = new Set(['consumer_deleted', 'consumer_not_found', 'stream_not_found']);
const MISSED_HEARTBEATS_LOST = 2;
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;
const PROBLEM_LOG_EVERY_MS = 60_000;

/** What a supervised consumer needs to (re-)create its stream and consumer and to log. */
export interface ConsumerAdmin {
  readonly jsm: JetStreamManager;
  readonly js: JetStreamClient;
  readonly namer: SubjectNamer;
  readonly logger: Logger;
}

/** Whether a durable consumer is consuming now; `/health` fails while one is not. */
export interface ConsumerState {
  readonly durable: string;
  readonly stream: string;
  consuming: boolean;
  /** Times the consumer was lost and set up again. */
  restarts: number;
  lastProblem?: string;
}

/**
 * Keeps one durable consumer consuming. It watches the pull loop's notifications (consumer
 * deleted or not found, stream not found, missed heartbeats) and, when the loop is lost, creates
 * the stream and the consumer again and resumes, backing off while that fails. Without this a
 * NATS server that lost its store leaves the consumer silent: no error, no log, no messages.
 */
export class SupervisedConsumer {
  readonly state: ConsumerState;
  private stopped = false;
  private current?: ConsumerMessages;
  private wake?: () => void;
  private lastProblemLogAt = 0;
  private loop: Promise<void> = Promise.resolve();

  private constructor(
    private readonly admin: ConsumerAdmin,
    private readonly stream: StreamDefinition,
    private readonly spec: DurableConsumerSpec,
    private readonly deliver: (jsMsg: JsMsg) => Promise<void>,
  ) {
    this.state = { durable: spec.durable, stream: spec.stream, consuming: false, restarts: 0 };
  }

  /**
   * Starts consuming an existing durable consumer; resolves once it is consuming (so `/health` is
   * right from the start) and throws if the first set-up fails, as a service start should.
   */
  static async start(admin: ConsumerAdmin, stream: StreamDefinition, spec: DurableConsumerSpec, deliver: (jsMsg: JsMsg) => Promise<void>): Promise<SupervisedConsumer> {
    const supervised = new SupervisedConsumer(admin, stream, spec, deliver);
    const first = await supervised.open();
    supervised.loop = supervised.run(first);
    return supervised;
  }

  /** Stops pulling and waits for the message in hand to be handled. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.current?.close();
    await this.loop;
  }

  private async open(): Promise<ConsumerMessages> {
    const consumer = await this.admin.js.consumers.get(this.spec.stream, this.spec.durable);
    const messages = await consumer.consume({ max_messages: 64 });
    this.current = messages;
    this.state.consuming = true;
    void this.watch(messages);
    return messages;
  }

  private async run(first: ConsumerMessages): Promise<void> {
    let failures = 0;
    let opened: ConsumerMessages | undefined = first;
    while (!this.stopped) {
      try {
        if (!opened) {
          await ensureStreams(this.admin.jsm, this.admin.namer, [this.stream]);
          await ensureDurableConsumer(this.admin.jsm, this.spec);
          opened = await this.open();
          this.admin.logger.log({ msg: 'durable consumer consuming again', durable: this.spec.durable, restarts: this.state.restarts });
          failures = 0;
          if (this.stopped) await opened.close();
        }
        for await (const jsMsg of opened) await this.deliver(jsMsg);
      } catch (error) {
        this.problem(`setting up the consumer failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.current = undefined;
      opened = undefined;
      if (this.stopped) break;
      this.state.consuming = false;
      this.state.restarts += 1;
      await this.pause(Math.min(RETRY_FIRST_MS * 2 ** failures, RETRY_MAX_MS));
      failures += 1;
    }
    this.state.consuming = false;
  }

  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      const lost = LOST.has(status.type) || (status.type === 'heartbeats_missed' && status.count >= MISSED_HEARTBEATS_LOST);
      if (!lost || this.stopped) continue;
      this.problem(`consumer lost (${status.type}); creating it again`);
      this.state.consuming = false;
      await messages.close();
      return;
    }
  }

  /** Records what went wrong; logs the first problem of an outage and then at most once a minute. */
  private problem(description: string): void {
    this.state.lastProblem = description;
    const firstOfOutage = this.state.consuming || Date.now() - this.lastProblemLogAt >= PROBLEM_LOG_EVERY_MS;
    if (!firstOfOutage) return;
    this.lastProblemLogAt = Date.now();
    this.admin.logger.warn({ msg: 'durable consumer not consuming', durable: this.spec.durable, stream: this.spec.stream, problem: description });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
