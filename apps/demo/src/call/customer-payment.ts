import type { Money, Payment } from '@callcart/contracts';
import { GatewayClient, GatewayRequestError, signInCodeFromOutbox } from '@callcart/gateway-client';
import { DemoProblem, gatewayProblem } from '../demo-problem';
import type { Narrator } from './narration';

/** orders allows one code a minute per number: a demo run right after another waits this long at most. */
const LONGEST_CODE_WAIT_MS = 65_000;
const OUTBOX_WAIT_MS = 5_000;

/** When a refused code request says when the next one may be sent ("… after 2025-03-14T01:27:53.589Z"). */
export function codeResendAt(message: string): Date | undefined {
  const iso = /after (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(message)?.[1];
  return iso ? new Date(iso) : undefined;
}

async function requestCode(gatewayUrl: string, phone: string, narrator: Narrator): Promise<Date> {
  for (let attempt = 1; ; attempt += 1) {
    const requestedAt = new Date();
    try {
      await GatewayClient.requestCustomerCode(gatewayUrl, phone);
      return requestedAt;
    } catch (error) {
      const resendAt = error instanceof GatewayRequestError && error.code === 'RATE_LIMITED' ? codeResendAt(error.message) : undefined;
      const waitMs = resendAt ? resendAt.getTime() - Date.now() + 250 : Infinity;
      if (attempt === 1 && waitMs <= LONGEST_CODE_WAIT_MS) {
        narrator.detail(`the shop sends one code a minute per number (the last demo asked for one): waiting ${Math.ceil(waitMs / 1000)} s`);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
        continue;
      }
      if (error instanceof GatewayRequestError && error.code === 'RATE_LIMITED') {
        throw new DemoProblem(`the shop refused to text ${phone} another sign-in code (${error.message})`, 'orders sends at most 5 codes an hour to one number: wait, or restart with a fresh database');
      }
      throw gatewayProblem(error, gatewayUrl, 'asking for the customer’s sign-in code');
    }
  }
}

/** The code texted to `phone` since `since`, read from the development SMS outbox as the admin. */
async function codeFromOutbox(admin: GatewayClient, phone: string, since: Date): Promise<string> {
  try {
    return await signInCodeFromOutbox(admin, phone, since, OUTBOX_WAIT_MS);
  } catch (error) {
    if (error instanceof GatewayRequestError) throw error;
    throw new DemoProblem(`no sign-in code for ${phone} in the SMS outbox`, 'the outbox is off in production (NODE_ENV=production) and only admins may read it');
  }
}

export interface ShopPayment {
  readonly payment: Payment;
  readonly balance: Money;
}

/**
 * The customer pays the order on the shop website, as a person would on their phone: asks for a
 * sign-in code, reads it from their texts (here: the development SMS outbox, read as the admin),
 * signs in and pays from the wallet.
 */
export async function payOnShop(options: { gatewayUrl: string; phone: string; orderId: string; admin: GatewayClient; narrator: Narrator }): Promise<ShopPayment> {
  const { gatewayUrl, phone, orderId, narrator } = options;
  const requestedAt = await requestCode(gatewayUrl, phone, narrator);
  let code: string;
  try {
    code = await codeFromOutbox(options.admin, phone, requestedAt);
  } catch (error) {
    throw gatewayProblem(error, gatewayUrl, 'reading the SMS outbox');
  }
  narrator.step(`the customer gets the text "…code is ${code}…" and signs in on the shop`);
  await narrator.pause(2000);
  let customer: GatewayClient;
  try {
    customer = await GatewayClient.signInCustomer(gatewayUrl, phone, code);
  } catch (error) {
    throw gatewayProblem(error, gatewayUrl, 'signing the customer in with the code');
  }
  try {
    return await customer.post<ShopPayment>(`/api/shop/orders/${orderId}/pay`, { idempotencyKey: `demo-pay-${orderId}` });
  } catch (error) {
    throw gatewayProblem(error, gatewayUrl, `paying order ${orderId} from the wallet`);
  } finally {
    await customer.signOut().catch(() => undefined);
  }
}
