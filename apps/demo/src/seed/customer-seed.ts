import { isDeepStrictEqual } from 'node:util';
import { customerGetV1, customerRegisterV1, customerSetShippingAddressV1, type Money, type ShippingAddress, walletGetV1, walletTopUpV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import { DemoProblem } from '../demo-problem';
import { ask } from './seed-connections';
import { planWalletTopUp, type WalletPolicy } from './wallet-plan';

export interface CustomerSeedReport {
  readonly customerId: string;
  readonly phone: string;
  readonly registration: 'registered' | 'already there';
  readonly address: 'set' | 'already there';
  readonly wallet: 'topped up' | 'already there';
  readonly topUp: Money | null;
  readonly balance: Money;
}

export interface CustomerSeedInput {
  readonly phone: string;
  readonly address: ShippingAddress;
  readonly wallet: WalletPolicy;
  /** The admin doing it: audited by orders as the staff member behind each change. */
  readonly adminStaffId: string;
  readonly natsPrefix?: string;
}

/**
 * The demo customer over the orders service's NATS contracts: registered once (a second run
 * finds them and looks them up), the shipping address set only when it differs, the wallet topped
 * up only when it has fallen below the floor. Orders has no gateway route for registering a
 * number outside a call, which is why the seed talks to NATS at all.
 */
export async function seedCustomer(bus: MessageBus, input: CustomerSeedInput): Promise<CustomerSeedReport> {
  const actor = { kind: 'staff' as const, staffId: input.adminStaffId };
  const options = { prefix: input.natsPrefix };
  const registered = await ask(bus, customerRegisterV1, { phone: input.phone, how: 'agent', actor }, 'orders', { ...options, accept: ['ALREADY_REGISTERED'] });
  const found = await ask(bus, customerGetV1, { phone: input.phone }, 'orders', options);
  if (!found.ok) throw new DemoProblem(`orders could not find the demo customer ${input.phone}`, 'see the orders log');
  const customer = found.customer;

  let address: CustomerSeedReport['address'] = 'already there';
  if (!isDeepStrictEqual(customer.defaultAddress, input.address)) {
    await ask(bus, customerSetShippingAddressV1, { customerId: customer.customerId, address: input.address, actor }, 'orders', options);
    address = 'set';
  }

  const walletReply = await ask(bus, walletGetV1, { customerId: customer.customerId }, 'orders', options);
  if (!walletReply.ok) throw new DemoProblem(`orders has no wallet for the demo customer ${input.phone}`, 'see the orders log');
  let balance: Money = walletReply.wallet.balance;
  let topUp: Money | null = null;
  const plan = planWalletTopUp(walletReply.wallet, input.wallet);
  if (plan) {
    const toppedUp = await ask(
      bus,
      walletTopUpV1,
      {
        customerId: customer.customerId,
        amount: { amountMinor: plan.amountMinor, currency: input.wallet.currency },
        reason: 'callcart demo: prepaid balance for demo calls',
        staffId: input.adminStaffId,
        idempotencyKey: plan.idempotencyKey,
      },
      'orders',
      options,
    );
    if (!toppedUp.ok) throw new DemoProblem(`orders refused the demo top-up: ${toppedUp.code}`, 'see the orders log');
    balance = toppedUp.wallet.balance;
    topUp = { amountMinor: plan.amountMinor, currency: input.wallet.currency };
  }
  return {
    customerId: customer.customerId,
    phone: customer.phone,
    registration: registered.ok ? 'registered' : 'already there',
    address,
    wallet: topUp ? 'topped up' : 'already there',
    topUp,
    balance,
  };
}
