import type { ReplyOf, RequestContract, RequestOf } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { DemoProblem } from '../demo-problem';

/** How the seed reaches NATS: the services' own variables, so it talks to the same deployment. */
export interface NatsSettings {
  readonly servers: string[];
  readonly prefix?: string;
  readonly user?: string;
  readonly password?: string;
}

export function natsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): NatsSettings {
  return {
    servers: (env.NATS_URL || 'nats://127.0.0.1:4222').split(',').map((server) => server.trim()).filter(Boolean),
    prefix: env.NATS_PREFIX || undefined,
    user: env.NATS_USER || undefined,
    password: env.NATS_PASSWORD || undefined,
  };
}

/** Connects to NATS for requests only (no streams are created: the services own them). */
export async function connectNats(settings: NatsSettings): Promise<MessageBus> {
  try {
    return await MessageBus.connect({ ...settings, serviceName: 'demo-seed', streams: [], requestTimeoutMs: 10_000 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/auth/i.test(reason)) {
      throw new DemoProblem(`NATS at ${settings.servers.join(',')} refused the credentials (${reason})`, 'set NATS_USER and NATS_PASSWORD as the services have them');
    }
    throw new DemoProblem(`NATS is not reachable at ${settings.servers.join(',')} (${reason})`, 'start it with `bash infra/local/up.sh` (or `npm start`), or set NATS_URL');
  }
}

/**
 * The success of a NATS request, or a problem naming the service that did not answer or what it
 * refused. `accept` lists refusals the caller handles itself (they come back as the failure).
 */
export async function ask<C extends RequestContract>(
  bus: MessageBus,
  contract: C,
  request: RequestOf<C>,
  service: string,
  options: { accept?: readonly string[]; timeoutMs?: number; prefix?: string } = {},
): Promise<ReplyOf<C>> {
  const reply = await bus.request(contract, request, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
  if (reply.ok || options.accept?.includes(reply.code)) return reply;
  if (reply.code === 'UNAVAILABLE' || reply.code === 'TIMEOUT') {
    throw new DemoProblem(
      `the ${service} service did not answer ${contract.subject} on NATS (${reply.code}: ${reply.message})`,
      `check that ${service} runs (\`npm start\`) and that NATS_PREFIX matches the services' (now ${options.prefix ? `"${options.prefix}"` : 'none'})`,
    );
  }
  throw new DemoProblem(`${service} refused ${contract.subject}: ${reply.code} (${reply.message})`, `see the ${service} log`);
}
