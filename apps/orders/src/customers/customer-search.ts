import type { EntityManager } from 'typeorm';
import type { CustomerFindReplyV1 } from '@callcart/contracts';
import { rows, toAmount } from '../shared/transaction';

type FoundCustomer = Extract<CustomerFindReplyV1, { ok: true }>['customers'][number];

/**
 * Whether staff typed a phone number rather than a name: only digits and the usual separators
 * (`+86 138-0013 8000`, `(021) 6...`, `0086…`), with at least five digits.
 */
export function looksLikePhoneNumber(query: string): boolean {
  return /^[+\d\s().\-/]+$/.test(query) && (query.match(/\d/g)?.length ?? 0) >= 5;
}

/** `text` as a LIKE pattern matching it anywhere, with its own `%`, `_` and `\` taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const SELECT_FOUND = `
  SELECT c."id", c."phone", c."name", c."default_address"->>'recipient' AS "recipient", c."default_address"->>'city' AS "city",
         w."balance_minor", w."currency"
    FROM @.customer c LEFT JOIN @.wallet w ON w."customer_id" = c."id"`;

interface FoundRow {
  id: string;
  phone: string;
  name: string | null;
  recipient: string | null;
  city: string | null;
  balance_minor: string | null;
  currency: string | null;
}

const found = (row: FoundRow, currency: string): FoundCustomer => ({
  customerId: row.id,
  phone: row.phone,
  name: row.name,
  recipient: row.recipient,
  city: row.city,
  walletBalance: { amountMinor: row.balance_minor === null ? 0 : toAmount(row.balance_minor), currency: row.currency ?? currency },
});

/** The customer with this E.164 number (usernames are unique: zero or one). */
export async function customersByPhone(manager: EntityManager, e164: string, currency: string): Promise<FoundCustomer[]> {
  return (await rows<FoundRow>(manager, `${SELECT_FOUND} WHERE c."phone" = $1`, [e164])).map((row) => found(row, currency));
}

/**
 * Customers whose name or address recipient contains `name` (case-insensitive; Chinese names
 * match by any part, 王 or 秀英), most recently registered first.
 */
export async function customersByName(manager: EntityManager, name: string, limit: number, currency: string): Promise<FoundCustomer[]> {
  const matching = await rows<FoundRow>(
    manager,
    `${SELECT_FOUND} WHERE c."name" ILIKE $1 OR c."default_address"->>'recipient' ILIKE $1 ORDER BY c."registered_at" DESC, c."id" LIMIT $2`,
    [containsPattern(name), limit],
  );
  return matching.map((row) => found(row, currency));
}
