import { z } from 'zod';
import { e164Schema } from './phone';

/** Where an order is shipped and who receives it; orders and shipments keep a snapshot of it. */
export const shippingAddressSchema = z.object({
  recipient: z.string().trim().min(1).max(100),
  /** The recipient's number for the courier, which may differ from the customer's. */
  phone: e164Schema,
  /** Province, state or region. */
  region: z.string().trim().min(1).max(100),
  city: z.string().trim().min(1).max(100),
  district: z.string().trim().min(1).max(100).optional(),
  street: z.string().trim().min(1).max(200),
  postcode: z.string().trim().min(1).max(16).optional(),
  /** ISO 3166-1 alpha-2 (`CN`, `GB`). */
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code'),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;
