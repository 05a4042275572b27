import { eventually } from '@callcart/testing';
import type { TestBrowser } from '../gateway-world.spec-helper';

/** Answers the call once it rings at the agent's desk (retrying the answer until it does). */
export async function answerWhenRinging(agent: TestBrowser, callId: string): Promise<void> {
  await eventually(async () => (await agent.post(`/api/agent/calls/${callId}/answer`)).status === 200, `${callId} to ring and be answered`);
}
