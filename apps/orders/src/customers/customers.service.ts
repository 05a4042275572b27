import { Inject, Injectable } from '@nestjs/common';
import {
  customerFindV1,
  customerGetV1,
  customerRegisterV1,
  customerSetShippingAddressV1,
  type ReplyOf,
  type RequestOf,
} from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import { auditStaffAction } from '../audit/staff-audit';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { rows, Transactions } from '../shared/transaction';
import { customerById, customerByPhone, customerProfile } from './customer-records';
import { customersByName, customersByPhone, looksLikePhoneNumber } from './customer-search';
import { invalidPhone, readPhoneNumber } from './phone-number';
import { registerCustomer } from './registration';

/** Registering customers by hand (agent, website), their shipping address, and their profile. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly transactions: Transactions,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async register(request: RequestOf<typeof customerRegisterV1>): Promise<ReplyOf<typeof customerRegisterV1>> {
    const reading = readPhoneNumber(request.phone, this.config.defaultRegion);
    if (!reading.ok) return invalidPhone(request.phone, reading);
    return this.transactions.decide(async (manager) => {
      if (request.callId) {
        const [call] = await rows<{ phone: string | null }>(manager, `SELECT "phone" FROM @.call_session WHERE "call_id" = $1 FOR UPDATE`, [request.callId]);
        if (!call) return requestFailure('CALL_NOT_FOUND', `no call ${request.callId}`);
      }
      if (await customerByPhone(manager, reading.e164)) return requestFailure('ALREADY_REGISTERED', `${reading.e164} is already a customer`);
      const { customer } = await registerCustomer(manager, { phone: reading.e164, how: request.how, callId: request.callId, currency: this.config.currency });
      await auditStaffAction(manager, request.actor, 'customer.register', { customerId: customer.id, callId: request.callId });
      return {
        ok: true,
        customer: { customerId: customer.id, phone: customer.phone, registeredAt: new Date(customer.registered_at).toISOString() },
      };
    });
  }

  async setShippingAddress(request: RequestOf<typeof customerSetShippingAddressV1>): Promise<ReplyOf<typeof customerSetShippingAddressV1>> {
    return this.transactions.decide(async (manager) => {
      if (request.actor?.kind === 'customer' && request.actor.customerId !== request.customerId) {
        return requestFailure('CUSTOMER_NOT_FOUND', 'no such customer');
      }
      const updated = await rows(manager, `UPDATE @.customer SET "default_address" = $2 WHERE "id" = $1 RETURNING 1`, [
        request.customerId,
        JSON.stringify(request.address),
      ]);
      if (updated.length === 0) return requestFailure('CUSTOMER_NOT_FOUND', 'no such customer');
      await auditStaffAction(manager, request.actor, 'customer.set-address', { customerId: request.customerId, details: { address: request.address } });
      return { ok: true, customerId: request.customerId, address: request.address };
    });
  }

  async get(request: RequestOf<typeof customerGetV1>): Promise<ReplyOf<typeof customerGetV1>> {
    let phone: string | undefined;
    if ('phone' in request) {
      const reading = readPhoneNumber(request.phone, this.config.defaultRegion);
      if (!reading.ok) return invalidPhone(request.phone, reading);
      phone = reading.e164;
    }
    return this.transactions.decide(async (manager) => {
      const customer = phone ? await customerByPhone(manager, phone) : await customerById(manager, (request as { customerId: string }).customerId);
      if (!customer) return requestFailure('CUSTOMER_NOT_FOUND', 'no such customer');
      return { ok: true, customer: await customerProfile(manager, customer, this.config.currency) };
    });
  }

  /** Staff look a customer up by phone number (any common way of writing it) or by name. */
  async find(request: RequestOf<typeof customerFindV1>): Promise<ReplyOf<typeof customerFindV1>> {
    const currency = this.config.currency;
    if (looksLikePhoneNumber(request.query)) {
      const reading = readPhoneNumber(request.query, this.config.defaultRegion);
      if (!reading.ok) return invalidPhone(request.query, reading);
      const customers = await this.transactions.run(async (manager) => customersByPhone(manager, reading.e164, currency));
      return { ok: true, matchedBy: 'phone', phone: reading.e164, customers };
    }
    const customers = await this.transactions.run(async (manager) => customersByName(manager, request.query, request.limit ?? 10, currency));
    return { ok: true, matchedBy: 'name', customers };
  }
}
