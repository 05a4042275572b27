import { z } from 'zod';
import { defineEvent } from '../contract';
import { customerIdSchema } from '../common/ids';
import { nonNegativeMoneySchema } from '../common/money';
import { walletLedgerEntrySchema } from '../common/wallet';
import { ORDERS_STREAM } from '../streams';

/**
 * A customer's own top-up was paid: the provider's verified notification credited the wallet,
 * exactly once (a repeated notification announces nothing). The shop shows the new balance.
 */
export const walletCreditedV1 = defineEvent({
  subject: 'orders.wallet.credited.v1',
  stream: ORDERS_STREAM,
  schema: z.object({
    customerId: customerIdSchema,
    topUpId: z.uuid(),
    entry: walletLedgerEntrySchema,
    balance: nonNegativeMoneySchema,
  }),
});
export type WalletCreditedV1 = z.infer<typeof walletCreditedV1.schema>;
