import { Logger } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, headers, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type {
  BinaryEventContract,
  EnvelopeMeta,
  EventContract,
  MetaOf,
  PayloadOf,
  ReplyOf,
  RequestContract,
  RequestOf,
} from '@callcart/contracts';
import {
  BINARY_ENVELOPE_HEADER,
  decodeBinaryHeader,
  decodeEnvelope,
  describeIssues,
  encodeJson,
  type EnvelopeInput,
  InvalidMessageError,
  newEnvelopeMeta,
} from './envelope-codec';
import { ensureDurableConsumer, ensureStreams } from './jetstream-admin';
import { KeyValueBucket, type KeyValueOptions } from './key-value-bucket';
import { checkMessagingOptions, type MessagingOptions } from './messaging-options';
import { MessagingMetrics } from './messaging-metrics';
import { TurnBatch } from './turn-batch';
import { answerRequest, type RequestHandler, sendRequest, type RequestParty } from './request-reply';
import { deliverDurable } from './durable-delivery';
import { SupervisedConsumer, type ConsumerState } from './supervised-consumer';
import { SubjectNamer } from './subjects';

export type EventHandler<C extends EventContract> = (payload: PayloadOf<C>, meta: EnvelopeMeta) => unknown;
export type BinaryHandler<C extends BinaryEventContract> = (
  header: MetaOf<C>,
  body: Uint8Array,
  meta: EnvelopeMeta,
) => unknown;
export type { RequestHandler };

export interface SubscribeOptions {
  /** Replicas sharing a queue group split the messages: each is handled by one of them. */
  readonly queue?: string;
  /** For per-call contracts: only this call's messages (all calls' when absent). */
  readonly callId?: string;
  /**
   * For per-call binary contracts heard for all calls: checked on the subject's call id before
   * anything is decoded, so the messages of calls the subscriber does not want cost next to nothing.
   */
  readonly acceptCall?: (callId: string) => boolean;
}

export interface DurableConsumeOptions {
  /** The durable consumer's name: replicas using the same name share its work. */
  readonly durable: string;
  /** Where a consumer created for the first time starts: every kept message, or new ones only. */
  readonly deliver?: 'all' | 'new';
  /** How long a message may be in a handler before it is delivered again. */
  readonly ackWaitMs?: number;
  /** How many times a failing message is tried before it is given up (and logged). */
  readonly maxDeliver?: number;
}

/** Something to stop: a subscription or a durable consumer's loop. */
export interface Listening {
  stop(): Promise<void>;
}

/**
 * Typed publish, subscribe, request and durable consumption over NATS and JetStream.
 * Every payload is checked against its contract on the way out and on the way in: an invalid
 * message is logged with its subject and dropped, an invalid request gets an `INVALID_REQUEST`
 * reply, and no handler error ever escapes into the process.
 */
export class MessageBus {
  private readonly logger: Logger;
  private readonly namer: SubjectNamer;
  private readonly metrics: MessagingMetrics;
  private readonly listenings = new Set<Listening>();
  private readonly consumers = new Set<ConsumerState>();
  private readonly turn = new TurnBatch();
  private connected = true;
  private js!: JetStreamClient;
  private jsm!: JetStreamManager;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly options: MessagingOptions,
  ) {
    this.logger = new Logger(`MessageBus:${options.serviceName}`);
    this.namer = new SubjectNamer(options.prefix || undefined);
    this.metrics = new MessagingMetrics(options.metricsRegistry);
  }

  /** Connects (reconnecting forever after any later loss) and creates the JetStream streams. */
  static async connect(options: MessagingOptions): Promise<MessageBus> {
    checkMessagingOptions(options);
    const nc = await connect({
      servers: options.servers,
      user: options.user,
      pass: options.password,
      name: options.serviceName,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      pingInterval: 10_000,
    });
    const bus = new MessageBus(nc, options);
    await bus.init();
    return bus;
  }

  /** What the request/reply functions need of this bus. */
  private get requestParty(): RequestParty {
    return { nc: this.nc, namer: this.namer, metrics: this.metrics, logger: this.logger, defaultTimeoutMs: this.options.requestTimeoutMs ?? 5000 };
  }

  private async init(): Promise<void> {
    this.jsm = await jetstreamManager(this.nc);
    this.js = jetstream(this.nc);
    await ensureStreams(this.jsm, this.namer, this.options.streams);
    void this.watchStatus();
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
      if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'error') {
        this.logger.warn({ msg: `NATS ${status.type}`, natsStatus: status.type, server: 'server' in status ? status.server : undefined });
      }
    }
  }

  /** True while the connection to NATS is up (not closed and not between reconnects). */
  isConnected(): boolean {
    return this.connected && !this.nc.isClosed();
  }

  /** The subject a contract's messages travel on here, prefix included. */
  subjectOf(contract: EventContract | BinaryEventContract | RequestContract, callId?: string): string {
    return this.namer.filter(contract, callId);
  }

  /**
   * Publishes a fact. A durable contract goes through JetStream and resolves once the stream
   * has stored it (a republished `messageId` is dropped there as a duplicate).
   */
  async publish<C extends EventContract>(contract: C, payload: PayloadOf<C>, envelope: EnvelopeInput = {}): Promise<void> {
    this.turn.flush();
    const checked = contract.schema.safeParse(payload);
    if (!checked.success) {
      throw new InvalidMessageError(contract.subject, describeIssues(checked.error));
    }
    const callId = contract.scope === 'call' ? (checked.data as { callId: string }).callId : envelope.callId;
    const meta = newEnvelopeMeta({ ...envelope, callId });
    const subject = this.namer.subject(contract, callId);
    const body = encodeJson({ meta, payload: checked.data });
    if (contract.delivery === 'durable') {
      await this.js.publish(subject, body, { msgID: meta.id });
    } else {
      this.nc.publish(subject, body);
    }
    this.metrics.published.inc({ subject: contract.subject });
  }

  /** Publishes raw bytes (an audio frame) with its typed header; core NATS, in order per call. */
  publishBinary<C extends BinaryEventContract>(contract: C, header: MetaOf<C>, body: Uint8Array): void {
    this.turn.flush();
    const message = this.binaryMessage(contract, header, body);
    this.nc.publish(message.subject, body, { headers: message.headers });
    this.metrics.published.inc({ subject: contract.subject });
  }

  /**
   * Like {@link publishBinary}, but given to the NATS client with every other frame of this turn
   * of the event loop, in one socket write ({@link TurnBatch}): for audio from many calls at
   * once. The header is checked now (InvalidMessageError); `done` is told when the client took
   * the frame, or with the error when it refused it (connection closed). Anything else published
   * meanwhile goes out after it.
   */
  publishBinaryInTurn<C extends BinaryEventContract>(contract: C, header: MetaOf<C>, body: Uint8Array, done: (error?: unknown) => void): void {
    const message = this.binaryMessage(contract, header, body);
    this.turn.add(() => {
      try {
        this.nc.publish(message.subject, body, { headers: message.headers });
        this.metrics.published.inc({ subject: contract.subject });
      } catch (error) {
        done(error);
        return;
      }
      done();
    });
  }

  private binaryMessage<C extends BinaryEventContract>(contract: C, header: MetaOf<C>, body: Uint8Array): { subject: string; headers: MsgHdrs } {
    const checked = contract.meta.safeParse(header);
    if (!checked.success) throw new InvalidMessageError(contract.subject, describeIssues(checked.error));
    if (body.byteLength > contract.maxBytes) {
      throw new InvalidMessageError(contract.subject, `body of ${body.byteLength} bytes exceeds ${contract.maxBytes}`);
    }
    const callId = (checked.data as { callId: string }).callId;
    const h = headers();
    h.set(BINARY_ENVELOPE_HEADER, JSON.stringify({ meta: newEnvelopeMeta({ callId }), header: checked.data }));
    return { subject: this.namer.subject(contract, callId), headers: h };
  }

  /** Handles a fact from core NATS (for a durable contract, this sees only live messages). */
  async subscribe<C extends EventContract>(
    contract: C,
    handler: EventHandler<C>,
    options: SubscribeOptions = {},
  ): Promise<Listening> {
    return this.listen(this.namer.filter(contract, options.callId), options.queue, contract.subject, async (msg) => {
      const { meta, payload } = decodeEnvelope(msg.subject, msg.data, contract.schema);
      this.metrics.received.inc({ subject: contract.subject });
      await handler(payload as PayloadOf<C>, meta);
    });
  }

  /** Handles raw-byte messages with their typed header. */
  async subscribeBinary<C extends BinaryEventContract>(
    contract: C,
    handler: BinaryHandler<C>,
    options: SubscribeOptions = {},
  ): Promise<Listening> {
    const { acceptCall } = options;
    return this.listen(this.namer.filter(contract, options.callId), options.queue, contract.subject, async (msg) => {
      if (acceptCall && !acceptCall(msg.subject.slice(msg.subject.lastIndexOf('.') + 1))) return;
      if (msg.data.byteLength > contract.maxBytes) {
        throw new InvalidMessageError(msg.subject, `body of ${msg.data.byteLength} bytes exceeds ${contract.maxBytes}`);
      }
      const { meta, header } = decodeBinaryHeader(msg.subject, msg.headers?.get(BINARY_ENVELOPE_HEADER), contract.meta);
      this.metrics.received.inc({ subject: contract.subject });
      await handler(header as MetaOf<C>, msg.data, meta);
    });
  }

  /**
   * Answers a request contract. Replicas share the service's queue group, so each request is
   * answered once. An invalid request gets `INVALID_REQUEST`; a handler that throws, `INTERNAL`.
   */
  async reply<C extends RequestContract>(
    contract: C,
    handler: RequestHandler<C>,
    options: { queue?: string } = {},
  ): Promise<Listening> {
    const subject = this.namer.subject(contract);
    const queue = options.queue ?? this.options.serviceName;
    const sub = this.nc.subscribe(subject, {
      queue,
      callback: (error, msg) => {
        if (error) return this.logger.error({ msg: 'reply subscription failed', subject, err: error });
        void answerRequest(this.requestParty, contract, handler, msg);
      },
    });
    await this.nc.flush();
    return this.track(sub);
  }

  /**
   * Sends a request and returns its typed reply. Transport failures come back as replies too:
   * `TIMEOUT`, `UNAVAILABLE` (nobody serves the subject), `INVALID_REPLY`; an invalid request is
   * not sent and comes back as `INVALID_REQUEST`.
   */
  async request<C extends RequestContract>(
    contract: C,
    data: RequestOf<C>,
    options: EnvelopeInput & { timeoutMs?: number } = {},
  ): Promise<ReplyOf<C>> {
    this.turn.flush();
    const started = process.hrtime.bigint();
    const reply = await sendRequest(this.requestParty, contract, data, options);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.requestSeconds.observe({ subject: contract.subject, outcome: reply.ok ? 'ok' : reply.code }, seconds);
    return reply;
  }

  /**
   * Consumes a durable contract through a JetStream durable pull consumer, created (or updated)
   * here. Messages are handled one at a time, in stream order; a handler that returns acks the
   * message, one that throws gets it again later; a message failing its schema is logged and
   * terminated, never redelivered. A consumer that was stopped catches up on what it missed.
   * The consumer is supervised: lost (NATS lost its store, the consumer was deleted), its stream
   * and it are created again, and {@link consumersNotConsuming} names it meanwhile (`/health`).
   */
  async consume<C extends EventContract>(
    contract: C,
    options: DurableConsumeOptions,
    handler: EventHandler<C>,
  ): Promise<Listening> {
    if (contract.delivery !== 'durable' || !contract.stream) {
      throw new Error(`${contract.subject} is not a durable contract: subscribe to it instead`);
    }
    const stream = this.namer.streamName(contract.stream);
    const spec = {
      stream,
      durable: options.durable,
      filterSubject: this.namer.filter(contract),
      deliver: options.deliver ?? 'all',
      ackWaitMs: options.ackWaitMs ?? 30_000,
      maxDeliver: options.maxDeliver ?? 10,
    } as const;
    await ensureDurableConsumer(this.jsm, spec);
    const supervised = await SupervisedConsumer.start(
      { jsm: this.jsm, js: this.js, namer: this.namer, logger: this.logger },
      contract.stream,
      spec,
      (jsMsg) => deliverDurable({ contract, handler, jsMsg, maxDeliver: spec.maxDeliver, metrics: this.metrics, logger: this.logger }),
    );
    this.consumers.add(supervised.state);
    return this.track({
      stop: async () => {
        this.consumers.delete(supervised.state);
        await supervised.stop();
      },
    });
  }

  /** The durable consumers of this bus that are not consuming now (stream or consumer lost and not yet re-created). */
  consumersNotConsuming(): string[] {
    return [...this.consumers].filter((state) => !state.consuming).map((state) => state.durable);
  }

  /** Subscribes and waits until the server has the subscription, so nothing sent after is missed. */
  private async listen(
    subject: string,
    queue: string | undefined,
    contractSubject: string,
    handle: (msg: Msg) => Promise<void>,
  ): Promise<Listening> {
    const sub = this.nc.subscribe(subject, {
      queue,
      callback: (error, msg) => {
        if (error) return this.logger.error({ msg: 'subscription failed', subject, err: error });
        handle(msg).catch((failure: unknown) => {
          if (failure instanceof InvalidMessageError) {
            this.metrics.invalid.inc({ subject: contractSubject });
            this.logger.warn({ msg: 'invalid message dropped', subject: msg.subject, reason: failure.reason });
          } else {
            this.metrics.handlerFailures.inc({ subject: contractSubject });
            this.logger.error({ msg: 'message handler failed', subject: msg.subject, err: failure });
          }
        });
      },
    });
    await this.nc.flush();
    return this.track(sub);
  }

  private track(target: Subscription | Listening): Listening {
    const listening: Listening =
      'stop' in target
        ? target
        : {
            stop: async () => {
              if (!target.isClosed()) target.unsubscribe();
            },
          };
    this.listenings.add(listening);
    return {
      stop: async () => {
        this.listenings.delete(listening);
        await listening.stop();
      },
    };
  }

  /** A JetStream key-value bucket with compare-and-set (leases such as call claims), prefixed like streams. */
  keyValue<T>(bucket: string, options: KeyValueOptions): KeyValueBucket<T> {
    return new KeyValueBucket<T>(this.nc, this.jsm, this.js, this.namer, bucket, options);
  }

  /**
   * Deletes every JetStream stream (key-value buckets included) under this bus's prefix: how a
   * benchmark or a trial run leaves nothing behind. Refused without a prefix, so a deployment's
   * own streams can never be deleted this way. Returns the names deleted.
   */
  async deletePrefixStreams(): Promise<string[]> {
    const prefix = this.options.prefix;
    if (!prefix) throw new Error('deletePrefixStreams needs a bus with a prefix: it would delete the deployment\'s own streams');
    const names: string[] = [];
    for await (const info of this.jsm.streams.list()) if (info.config.name.startsWith(`${prefix}_`)) names.push(info.config.name);
    for (const name of names) await this.jsm.streams.delete(name);
    return names;
  }

  /** Stops every subscription and consumer, lets in-flight messages finish, and disconnects. */
  async close(): Promise<void> {
    this.turn.flush();
    const all = [...this.listenings];
    this.listenings.clear();
    await Promise.allSettled(all.map((listening) => listening.stop()));
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}
