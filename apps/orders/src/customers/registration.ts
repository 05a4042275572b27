import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { customerRegisteredV1, type RegistrationHow } from '@callcart/contracts';
import { attachCallCart } from '../carts/cart-records';
import { enqueueEvent } from '../outbox/outbox';
import { rows } from '../shared/transaction';
import { customerByPhone, type CustomerRow } from './customer-records';

/**
 * Registers a phone number as a customer (username = the number in E.164) with an empty wallet,
 * in the caller's transaction, and announces it. With a call, the call is linked to the customer
 * and its cart becomes theirs. A number already registered is not registered again: the
 * existing customer is returned with `created: false` (and the call still linked).
 */
export async function registerCustomer(
  manager: EntityManager,
  registration: { phone: string; how: RegistrationHow; callId?: string; currency: string },
): Promise<{ customer: CustomerRow; created: boolean }> {
  const inserted = await rows<{ id: string }>(
    manager,
    `INSERT INTO @.customer ("id", "phone", "registered_via", "registered_call_id") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("phone") DO NOTHING RETURNING "id"`,
    [randomUUID(), registration.phone, registration.how, registration.callId ?? null],
  );
  const customer = (await customerByPhone(manager, registration.phone))!;
  const created = inserted.length === 1;
  if (created) {
    await rows(manager, `INSERT INTO @.wallet ("customer_id", "currency") VALUES ($1, $2)`, [customer.id, registration.currency]);
    await enqueueEvent(
      manager,
      customerRegisteredV1,
      {
        customerId: customer.id,
        phone: customer.phone,
        how: registration.how,
        ...(registration.callId ? { callId: registration.callId } : {}),
        registeredAt: new Date(customer.registered_at).toISOString(),
      },
      { callId: registration.callId, correlationId: customer.id },
    );
  }
  if (registration.callId) {
    await rows(manager, `UPDATE @.call_session SET "customer_id" = $2 WHERE "call_id" = $1 AND "customer_id" IS NULL`, [registration.callId, customer.id]);
    await attachCallCart(manager, registration.callId, customer.id, registration.currency);
  }
  return { customer, created };
}
