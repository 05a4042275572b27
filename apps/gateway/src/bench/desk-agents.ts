import { GatewayClient, type LiveFeed, type LiveMessage } from '@callcart/gateway-client';

/** One signed-in agent of the benchmark with its open `/api/live` socket. */
export interface DeskAgent {
  readonly username: string;
  readonly client: GatewayClient;
  readonly feed: LiveFeed;
  /** The call routed to this agent, once it has rung (`call.ringing`) and been answered. */
  callId?: string;
}

const AGENT_PASSWORD = 'desk bench agent password';

/** Runs `work` over `items` with at most `concurrency` at a time, in order of start. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

/**
 * The admin creates `count` agents; each signs in, opens its live socket and becomes available,
 * as the desk does. Passwords are scrypt-hashed by the gateway (~66 ms of CPU each, twice per
 * agent), so a few run at a time.
 */
export async function seatAgents(gatewayUrl: string, admin: GatewayClient, count: number, runId: string): Promise<DeskAgent[]> {
  const usernames = Array.from({ length: count }, (_, i) => `desk-${runId}-${i}`);
  return inPool(usernames, 4, async (username) => {
    await admin.post('/api/admin/staff', { username, password: AGENT_PASSWORD, role: 'agent' });
    const client = await GatewayClient.signInStaff(gatewayUrl, username, AGENT_PASSWORD);
    const feed = await client.live();
    await feed.next('hello', () => true, 30_000);
    await client.post('/api/agent/availability', { available: true });
    return { username, client, feed };
  });
}

/** Waits until every agent's desk rings (`call.ringing`) and answers it; throws naming those still without one. */
export async function awaitAssignments(agents: readonly DeskAgent[], timeoutMs: number): Promise<void> {
  const outcomes = await Promise.allSettled(
    agents.map(async (agent) => {
      const ringing: LiveMessage = await agent.feed.next('call.ringing', () => true, timeoutMs);
      await agent.client.post(`/api/agent/calls/${ringing.callId}/answer`);
      agent.callId = ringing.callId;
    }),
  );
  const without = agents.filter((_, i) => outcomes[i].status === 'rejected');
  if (without.length > 0) throw new Error(`${without.length} of ${agents.length} agents got no call within ${timeoutMs} ms (first: ${without[0].username})`);
  const calls = new Set(agents.map((agent) => agent.callId));
  if (calls.size !== agents.length) throw new Error(`${agents.length} agents hold only ${calls.size} distinct calls`);
}

/** Closes every live socket (never throws). */
export async function releaseAgents(agents: readonly DeskAgent[]): Promise<void> {
  await Promise.all(agents.map((agent) => agent.feed.close().catch(() => undefined)));
}
