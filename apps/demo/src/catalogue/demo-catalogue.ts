import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const FILE_IN_REPOSITORY = join('apps', 'demo', 'data', 'demo-catalogue.jsonl');

/**
 * Where the demo catalogue is: found by walking up from this file, which runs from
 * `apps/demo/src` under jest and from `dist/apps/demo/src` otherwise (the build copies no data).
 */
export function demoCataloguePath(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, FILE_IN_REPOSITORY);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`the demo catalogue ${FILE_IN_REPOSITORY} was not found above ${from}`);
  }
}

const HAN = /\p{Script=Han}/u;

/**
 * One line of the demo catalogue as this project writes it: the catalogue import format
 * (docs/catalogue.md) with stricter house rules for the demo, so a caller can key any item
 * number in and the desk shows both names: six-digit item numbers, an English name (the offline
 * recogniser is English-only), the Chinese name first among the aliases, a CNY price in yuan.
 */
export const demoProductSchema = z.strictObject({
  id: z.string().regex(/^demo-[a-z0-9-]{3,59}$/, 'ids are demo-<lower-case words>'),
  sku: z.string().regex(/^[1-9]\d{5}$/, 'item numbers are six digits'),
  name: z
    .string()
    .min(3)
    .max(120)
    .refine((name) => !HAN.test(name), 'the name is English: the Chinese name goes in the aliases'),
  aliases: z
    .array(z.string().min(1).max(200))
    .min(1)
    .refine((aliases) => HAN.test(aliases[0] ?? ''), 'the first alias is the Chinese name'),
  brand: z.string().min(1).max(100).optional(),
  category: z.string().min(1).max(100),
  price: z.string().regex(/^\d{1,4}\.\d{2}$/, 'prices are yuan with two decimals, e.g. "32.90"'),
  currency: z.literal('CNY'),
  language: z.literal('en'),
});
export type DemoProduct = z.infer<typeof demoProductSchema>;

/** The file's text, for the import. */
export function readDemoCatalogueText(path = demoCataloguePath()): string {
  return readFileSync(path, 'utf8');
}

/** Every line parsed and checked; throws naming the first bad line. */
export function parseDemoCatalogue(text: string): DemoProduct[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = demoProductSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`demo catalogue line ${index + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      return parsed.data;
    });
}
