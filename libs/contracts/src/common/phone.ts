import { z } from 'zod';

/**
 * A phone number exactly as the telephony provider gave it: possibly E.164, possibly a local
 * form, possibly "anonymous" or empty when the caller withheld it. Normalising is the orders
 * service's job, so the raw form is kept.
 */
export const rawPhoneNumberSchema = z.string().max(64);

/** A normalised phone number in E.164 (`+8613800138000`). Customers' usernames are these. */
export const e164Schema = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'a phone number in E.164 form');
