import { GatewayClient, GatewayRequestError } from '@callcart/gateway-client';
import { gatewayProblem } from '../demo-problem';

export type AgentSeedOutcome = 'created' | 'password reset' | 'reactivated' | 'already there';

export interface AgentSeedReport {
  readonly username: string;
  readonly password: string;
  readonly staffId: string;
  readonly outcome: AgentSeedOutcome;
}

interface StaffAccount {
  readonly staffId: string;
  readonly username: string;
  readonly role: string;
  readonly active: boolean;
}

/** True when the account signs in with this password (the session is closed again). */
async function passwordWorks(gatewayUrl: string, username: string, password: string): Promise<boolean> {
  try {
    const session = await GatewayClient.signInStaff(gatewayUrl, username, password);
    await session.signOut();
    return true;
  } catch (error) {
    if (error instanceof GatewayRequestError && error.code === 'INVALID_CREDENTIALS') return false;
    throw error;
  }
}

/**
 * Makes sure the demo agent exists, is an active agent and signs in with the printed password,
 * through the gateway's admin API. An account someone changed (other password, deactivated,
 * another role) is put back so the printed sign-in is true; an intact one is left alone.
 */
export async function seedAgent(admin: GatewayClient, agent: { username: string; password: string }): Promise<AgentSeedReport> {
  const gatewayUrl = admin.baseUrl;
  try {
    const accounts = await admin.get<StaffAccount[]>('/api/admin/staff');
    const existing = accounts.find((account) => account.username === agent.username);
    if (!existing) {
      const created = await admin.post<StaffAccount>('/api/admin/staff', { username: agent.username, password: agent.password, role: 'agent' });
      return { ...agent, staffId: created.staffId, outcome: 'created' };
    }
    if (!existing.active || existing.role !== 'agent') {
      await admin.patch(`/api/admin/staff/${existing.staffId}`, { active: true, role: 'agent', password: agent.password });
      return { ...agent, staffId: existing.staffId, outcome: 'reactivated' };
    }
    if (await passwordWorks(gatewayUrl, agent.username, agent.password)) return { ...agent, staffId: existing.staffId, outcome: 'already there' };
    await admin.patch(`/api/admin/staff/${existing.staffId}`, { password: agent.password });
    return { ...agent, staffId: existing.staffId, outcome: 'password reset' };
  } catch (error) {
    throw gatewayProblem(error, gatewayUrl, `setting up the demo agent ${agent.username}`);
  }
}
