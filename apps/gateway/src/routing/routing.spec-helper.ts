import { eventually } from '@callcart/testing';
import type { LiveClient, TestBrowser } from '../gateway-world.spec-helper';

/** Answers the call once it rings at the agent's desk (retrying the answer until it does). */
export async function answerWhenRinging(agent: TestBrowser, callId: string): Promise<void> {
  await eventually(async () => (await agent.post(`/api/agent/calls/${callId}/answer`)).status === 200, `${callId} to ring and be answered`);
}

/** Opens the agent's desk (a live socket, greeted): only an agent with a desk open is rung. Close it when done. */
export async function openDesk(agent: TestBrowser): Promise<LiveClient> {
  const desk = await agent.openLive();
  await eventually(() => desk.messages.some((message) => message.type === 'hello'), 'the desk to be greeted');
  return desk;
}
