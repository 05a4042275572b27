import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '@callcart/service-kit';
import { loadCatalogueConfig, type CatalogueConfig } from '../catalogue.config';
import { importCommand } from './import.command';
import { reindexCommand } from './reindex.command';

/**
 * `callcart catalogue …` (run through tools/callcart.mjs): import a product file into the
 * database the catalogue service uses, or ask the running service(s) to reindex. Reads the same
 * environment as the service (DATABASE_URL, NATS_URL, NATS_PREFIX, DEFAULT_CURRENCY, …).
 */
function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
}

function currencyCode(value: string): string {
  if (!/^[A-Z]{3}$/.test(value)) throw new InvalidArgumentError('expected an ISO 4217 code such as USD');
  return value;
}

function loadConfig(): CatalogueConfig {
  try {
    return loadCatalogueConfig({ LOG_LEVEL: 'error', ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('callcart catalogue').description('the product catalogue: import products, rebuild the search index');
  program
    .command('import')
    .argument('<file>', 'a .jsonl or .csv file of products')
    .description('import products (upsert by id, else by item number) and report rejected rows')
    .option('--currency <code>', 'currency of prices in rows that name none (default: DEFAULT_CURRENCY)', currencyCode)
    .option('--batch-size <rows>', 'rows per transaction', positiveInt, 500)
    .option('--max-rejected <rows>', 'rejected rows to print', positiveInt, 100)
    .addOption(
      new Option('--duplicate-item-numbers <policy>', 'a row whose item number is taken: reject it, or import it with a new number')
        .choices(['reject', 'assign-new'])
        .default('reject'),
    )
    .action(async (file: string, options: { currency?: string; batchSize: number; maxRejected: number; duplicateItemNumbers: 'reject' | 'assign-new' }) => {
      const config = loadConfig();
      exitCode = await importCommand(file, config, {
        currency: options.currency ?? config.catalogue.defaultCurrency,
        batchSize: options.batchSize,
        maxRejected: options.maxRejected,
        duplicateItemNumbers: options.duplicateItemNumbers,
      });
    });
  program
    .command('reindex')
    .description('rebuild every catalogue replica\'s search index from the database and swap it in')
    .option('--timeout-ms <ms>', 'give up after this long', positiveInt, 120_000)
    .action(async (options: { timeoutMs: number }) => {
      exitCode = await reindexCommand(loadConfig(), options);
    });
  await program.parseAsync(argv, { from: 'user' });
  return exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`callcart catalogue: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
