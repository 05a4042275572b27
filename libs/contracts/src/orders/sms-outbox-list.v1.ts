import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { e164Schema } from '../common/phone';
import { timestampSchema } from '../common/time';

/**
 * The development outbox: text messages (one-time codes) that the default SMS sender kept
 * instead of sending, newest first, for the admin page outside production.
 */
export const smsOutboxListV1 = defineRequest({
  subject: 'orders.sms.outbox-list.v1',
  request: z.object({ limit: z.number().int().min(1).max(200) }),
  success: z.object({
    messages: z.array(z.object({ id: z.uuid(), phone: e164Schema, text: z.string(), createdAt: timestampSchema })),
  }),
  errorCodes: ['OUTBOX_DISABLED'],
});
export type SmsOutboxListReplyV1 = ReplyOf<typeof smsOutboxListV1>;
