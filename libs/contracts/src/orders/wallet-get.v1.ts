import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema } from '../common/ids';
import { walletSchema } from '../common/wallet';

/** A customer's wallet balance and latest ledger entries, for the shop and the admin page. */
export const walletGetV1 = defineRequest({
  subject: 'orders.wallet.get.v1',
  request: z.object({ customerId: customerIdSchema }),
  success: z.object({ wallet: walletSchema }),
  errorCodes: ['CUSTOMER_NOT_FOUND'],
});
export type WalletGetRequestV1 = z.infer<typeof walletGetV1.request>;
export type WalletGetReplyV1 = ReplyOf<typeof walletGetV1>;
