import type { Registry } from 'prom-client';
import type { StreamDefinition } from '@callcart/contracts';

/** How a service reaches NATS and how its messages are kept apart from other deployments. */
export interface MessagingOptions {
  /** One or more `nats://host:port` URLs. */
  readonly servers: string | string[];
  readonly user?: string;
  readonly password?: string;
  /**
   * Prepended to every subject (`<prefix>.calls.call.started.v1`) and stream (`<prefix>_CALLS`),
   * so that test runs, or two deployments on one NATS, never see each other's messages.
   */
  readonly prefix?: string;
  /** The service's name: the default queue group for its replies and its NATS connection name. */
  readonly serviceName: string;
  /** JetStream streams to create (or update) at start. */
  readonly streams: readonly StreamDefinition[];
  /** Where message counters are registered; none are kept when absent. */
  readonly metricsRegistry?: Registry;
  /** Default time a request waits for its reply. */
  readonly requestTimeoutMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

const PREFIX = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks options once, at start, so a bad prefix fails with a message rather than odd subjects. */
export function checkMessagingOptions(options: MessagingOptions): MessagingOptions {
  if (options.prefix !== undefined && options.prefix !== '' && !PREFIX.test(options.prefix)) {
    throw new Error(`NATS prefix "${options.prefix}" must be 1-64 letters, digits, "-" or "_"`);
  }
  return options;
}
