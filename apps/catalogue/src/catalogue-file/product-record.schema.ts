import { z } from 'zod';
import type { Language } from '@callcart/contracts';

/**
 * One product as a catalogue file describes it, validated and normalised: the shape the products
 * table takes (the import's `ProductDraft` is structurally the same), prices already in integer
 * minor units.
 */
export interface ProductRecord {
  /** The merchant's own product id; absent → the importer generates one. */
  readonly id?: string;
  /** The item number, separators normalised ("hp ce278a" → "hp-ce278a"); null → the importer assigns one. */
  readonly sku: string | null;
  readonly name: string;
  readonly brand: string | null;
  readonly category: string | null;
  readonly aliases: readonly string[];
  /** Integer minor units of `currency` (cents, fen); null → listed without a price. */
  readonly priceMinor: number | null;
  readonly currency: string;
  readonly active: boolean;
  readonly language: Language;
}

/** Longest display name the contracts carry; longer listing titles are cut at a word boundary. */
export const PRODUCT_NAME_MAX = 200;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const SKU_RULE = 'an item number is 1-40 letters, digits, ".", "_", "/" or "-"';
const HAN = /\p{Script=Han}/u;

const optionalText = (max: number) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((value) => (value === null || value === undefined ? null : String(value).trim() || null))
    .refine((value) => value === null || value.length <= max, `at most ${max} characters`);

/**
 * Item numbers as merchants type them: full-width characters as their ASCII forms ("ilce-6000l
 * （16-50）", typed with a Chinese input method), spaces and stray punctuation as one "-" ("hp
 * ce278a", "eos,80d"), which changes nothing for matching (item numbers are compared without
 * separators). What is still not an item number after that (Han characters, 41+ characters) is
 * not used as one: see toProductRecord.
 */
export function normaliseSku(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/[\s!-,:-@[-^`{-~]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[._/-]+|[._/-]+$/g, '');
}

/** Cuts a listing title to the contracts' display limit at a word boundary. */
export function fitProductName(name: string): string {
  const compact = name.replace(/\s+/g, ' ').trim();
  if (compact.length <= PRODUCT_NAME_MAX) return compact;
  const cut = compact.slice(0, PRODUCT_NAME_MAX);
  const space = cut.lastIndexOf(' ');
  return (space > PRODUCT_NAME_MAX / 2 ? cut.slice(0, space) : cut).trim();
}

/** Minor-unit exponent of an ISO 4217 currency (USD 2, JPY 0, KWD 3); throws on an unknown code. */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}
const exponents = new Map<string, number>();

/**
 * A decimal price in major units ("58.45", 58.45) → integer minor units, by string arithmetic so
 * no float artefact (58.45 * 100 = 5844.999…) can creep in. Throws a plain message on bad input.
 */
export function toMinorUnits(price: string | number, currency: string): number {
  const text = typeof price === 'number' ? String(price) : price.trim();
  if (/^-/.test(text)) throw new Error('price must not be negative');
  const parts = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!parts) throw new Error(`price "${text}" is not a decimal number`);
  const exponent = currencyExponent(currency);
  const fraction = (parts[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) throw new Error(`price ${text} has more decimals than ${currency} allows (${exponent})`);
  const minor = BigInt(parts[1]) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('price is too large');
  return Number(minor);
}

const priceInput = z.union([z.number(), z.string(), z.null()]).optional();

/** The fields a row may carry, before prices are converted (JSON values or CSV cells already typed). */
const rowSchema = z.object({
  id: z
    .union([z.string(), z.number()])
    .optional()
    .transform((value) => (value === undefined ? undefined : String(value).trim() || undefined))
    .refine((value) => value === undefined || ID_PATTERN.test(value), 'id must be 1-64 letters, digits, ".", "_", ":" or "-"'),
  sku: optionalText(200),
  name: z
    .union([z.string(), z.number()], { error: (issue) => (issue.input === undefined || issue.input === null ? 'name is required' : 'name must be text') })
    .transform((value) => fitProductName(String(value)))
    .pipe(z.string().min(1, 'name is required')),
  brand: optionalText(100),
  category: optionalText(100),
  aliases: z
    .array(z.union([z.string(), z.number()]))
    .max(100)
    .nullish()
    .transform((list) => [...new Set((list ?? []).map((alias) => String(alias).trim()).filter((alias) => alias.length > 0 && alias.length <= 200))]),
  price: priceInput,
  price_minor: z.union([z.number().int().nonnegative('price_minor must not be negative').safe(), z.null()]).optional(),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as USD').optional(),
  active: z.boolean().optional(),
  language: z.enum(['en', 'zh']).optional(),
  /** The Chinese evaluation catalogue's tagged brand and type words: more names callers use. */
  brands: z.array(z.string()).optional(),
  types: z.array(z.string()).optional(),
});

/**
 * Turns a parsed row (a JSON object, or CSV cells converted) into a record, or a reason it is not
 * one. A row with an id whose item number cannot be one ("豹子号", "u十": Chinese merchants'
 * shorthand) is still a product: it is imported without it (the importer assigns a number), the
 * text is kept as another name of the product so a caller saying it still finds it, and `note`
 * says so. Without an id such a row is rejected: nothing else would find it again on re-import.
 */
export function toProductRecord(row: unknown, defaultCurrency: string): { record: ProductRecord; note?: string } | { error: string } {
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    // This file's own messages name their field ("name is required"); zod's generic ones get it in front.
    return { error: field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : issue.message };
  }
  const fields = parsed.data;
  const currency = fields.currency ?? defaultCurrency;
  let priceMinor: number | null = null;
  try {
    currencyExponent(currency);
    if (fields.price_minor !== undefined && fields.price_minor !== null) priceMinor = fields.price_minor;
    else if (fields.price !== undefined && fields.price !== null && fields.price !== '') priceMinor = toMinorUnits(fields.price, currency);
  } catch (error) {
    return { error: `price: ${error instanceof Error ? error.message : String(error)}` };
  }
  const sku = fields.sku === null ? null : normaliseSku(fields.sku);
  const usableSku = sku !== null && SKU_PATTERN.test(sku);
  // Without an id either, a new number each import would make the row a new product each time.
  if (fields.sku !== null && !usableSku && fields.id === undefined) return { error: `sku: ${SKU_RULE}; a row with an id may have any item number` };
  const extraNames = [...(fields.brands ?? []), ...(fields.types ?? [])].map((word) => word.trim()).filter((word) => word.length > 0 && word.length <= 200);
  const skuAsName = fields.sku !== null && !usableSku ? [fields.sku] : [];
  const aliases = [...new Set([...fields.aliases, ...extraNames, ...skuAsName])].filter((alias) => alias !== fields.name).slice(0, 100);
  return {
    ...(skuAsName.length === 0 ? {} : { note: `item number "${fields.sku}" is not one callcart can use (${SKU_RULE}): the product has an item number callcart assigns (kept on later imports), "${fields.sku}" is another name of it` }),
    record: {
      ...(fields.id === undefined ? {} : { id: fields.id }),
      sku: usableSku ? sku : null,
      name: fields.name,
      brand: fields.brand,
      category: fields.category,
      aliases,
      priceMinor,
      currency,
      active: fields.active ?? true,
      language: fields.language ?? (HAN.test(fields.name) ? 'zh' : 'en'),
    },
  };
}
