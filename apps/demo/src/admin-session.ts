import { GatewayClient, GatewayRequestError } from '@callcart/gateway-client';
import { DemoProblem, gatewayProblem } from './demo-problem';

/** The dev admin's session; a wrong password or an account that is not an admin is said plainly. */
export async function signInAdmin(gatewayUrl: string, admin: { username: string; password: string }): Promise<{ client: GatewayClient; staffId: string }> {
  let client: GatewayClient;
  try {
    client = await GatewayClient.signInStaff(gatewayUrl, admin.username, admin.password);
  } catch (error) {
    if (error instanceof GatewayRequestError && error.code === 'INVALID_CREDENTIALS') {
      throw new DemoProblem(
        `the gateway at ${gatewayUrl} refused the admin "${admin.username}" (wrong username or password)`,
        'set GATEWAY_ADMIN_USERNAME and GATEWAY_ADMIN_PASSWORD to the first admin the gateway was started with (npm start uses admin / callcart-dev-admin)',
      );
    }
    throw gatewayProblem(error, gatewayUrl, 'signing the admin in');
  }
  const me = await client.get<{ kind: string; staffId?: string; role?: string }>('/api/auth/me');
  if (me.kind !== 'staff' || me.role !== 'admin' || !me.staffId) {
    throw new DemoProblem(`"${admin.username}" signed in but is not an admin (role ${me.role ?? me.kind})`, 'set GATEWAY_ADMIN_USERNAME / GATEWAY_ADMIN_PASSWORD to an admin account');
  }
  return { client, staffId: me.staffId };
}
