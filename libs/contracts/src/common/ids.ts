import { z } from 'zod';

/**
 * Catalogue product id: the merchant's own id when the import file has one (`W0`, `tb-train-17`),
 * otherwise a generated uuid. Never changes once assigned.
 */
export const productIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a product id is 1-64 letters, digits, ".", "_", ":" or "-"');
/** Registered customer id (the username is the phone number; the id never changes). */
export const customerIdSchema = z.uuid();
export const cartIdSchema = z.uuid();
export const orderIdSchema = z.uuid();

/**
 * The item number printed in the catalogue, as merchants write them: letters, digits and the
 * separators model numbers use (`100234`, `DCS-1100`, `elplp12`). Callers read it out ("d c s one
 * one hundred") or key its digits in; it is matched exactly (case-insensitively), never with
 * typo tolerance.
 */
export const skuSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'an item number is 1-40 letters, digits, ".", "_", "/" or "-"');

/**
 * Chosen by the caller of a command that moves money or creates an order; a retry with the same
 * key gets the first outcome instead of doing it twice.
 */
export const idempotencyKeySchema = z.string().min(8).max(128);

/** A gateway staff account (agent or admin), named where staff act on a customer's money. */
export const staffIdSchema = z.string().min(1).max(64);

/** One utterance of the caller as the recogniser segmented it, stable from interim to final. */
export const utteranceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
