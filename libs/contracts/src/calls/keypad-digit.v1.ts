import { z } from 'zod';
import { defineCallEvent } from '../contract';
import { callIdSchema } from '../envelope';

/** The caller pressed a key: item numbers may be keyed in rather than spoken. */
export const keypadDigitV1 = defineCallEvent({
  subject: 'calls.keypad.digit.v1',
  schema: z.object({
    callId: callIdSchema,
    digit: z.string().regex(/^[0-9*#A-D]$/, 'a DTMF digit: 0-9, *, #, A-D'),
    pressedAt: z.iso.datetime({ offset: true }),
  }),
});
export type KeypadDigitV1 = z.infer<typeof keypadDigitV1.schema>;
