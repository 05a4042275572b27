import { AgentDesk, GatewayClient, GatewayRequestError } from '@callcart/gateway-client';
import { DemoProblem, gatewayProblem } from '../demo-problem';

/**
 * Signs the demo's agent in and opens the desk (`AgentDesk` of the gateway client: the same API
 * the web desk uses, so a browser signed in as the same agent shows every step), with what went
 * wrong put the way a person running the demo can act on.
 */
export async function openDemoDesk(gatewayUrl: string, agent: { username: string; password: string }): Promise<AgentDesk> {
  let session: GatewayClient;
  try {
    session = await GatewayClient.signInStaff(gatewayUrl, agent.username, agent.password);
  } catch (error) {
    if (error instanceof GatewayRequestError && error.code === 'INVALID_CREDENTIALS') {
      throw new DemoProblem(`the demo agent ${agent.username} cannot sign in at ${gatewayUrl}`, 'set the demo up first: `npm start` does, or `npm run demo:seed`');
    }
    throw gatewayProblem(error, gatewayUrl, `signing ${agent.username} in`);
  }
  try {
    return await AgentDesk.open(session);
  } catch (error) {
    await session.signOut().catch(() => undefined);
    throw gatewayProblem(error, gatewayUrl, `opening ${agent.username}'s desk`);
  }
}
