import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { MessageBus } from '@callcart/messaging';
import {
  createTestDatabase,
  createTestNats,
  eventually,
  startServiceApp,
  testServiceEnv,
  WORKSPACE_ROOT,
  type RunningServiceApp,
  type TestDatabase,
  type TestNats,
} from '@callcart/testing';
import { productChangedV1 } from '@callcart/contracts';
import { AppModule } from '../app.module';
import { loadCatalogueConfig } from '../catalogue.config';
import { CatalogueIndex } from '../indexing/catalogue-index';

const CLI = join(WORKSPACE_ROOT, 'dist', 'apps', 'catalogue', 'src', 'cli', 'catalogue.cli.js');
const fixture = (name: string) => join(__dirname, '..', 'products', 'import', 'test-fixtures', name);

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('callcart catalogue (command-line tool)', () => {
  let nats: TestNats;
  let database: TestDatabase;
  let env: Record<string, string>;
  let service: RunningServiceApp;

  beforeAll(async () => {
    nats = await createTestNats();
    database = await createTestDatabase();
    env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, databaseUrl: database.url });
    service = await startServiceApp(AppModule.register(loadCatalogueConfig(env)));
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
    await nats?.cleanup();
  });

  it('imports a file, prints the report with each rejected row, and the running service learns of it', async () => {
    const changed: string[] = [];
    await service.app.get(MessageBus).subscribe(productChangedV1, ({ product }) => void changed.push(product.id));
    const result = await runCli(['import', fixture('malformed-catalogue.jsonl'), '--currency', 'USD'], env);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('created 4, updated 0, unchanged 0, rejected 7');
    expect(result.stdout).toContain('imported with a new item number:\n  line 10: item number "变成" is not one callcart can use');
    expect(result.stdout).toContain('line 4: duplicate item number "a-100" (first on line 1)');
    await eventually(() => service.app.get(CatalogueIndex).product('unpriced') !== undefined, 'the service to index the import');
    expect(changed.sort()).toEqual(['bad-sku', 'no-sku', 'ok-1', 'unpriced']);
  });

  it('exits non-zero when the file cannot be read at all', async () => {
    const result = await runCli(['import', fixture('no-such-file.jsonl')], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot read');
  });

  it('asks the running service to reindex and returns once it has swapped', async () => {
    const before = service.app.get(CatalogueIndex).liveVersionId();
    const result = await runCli(['reindex'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/now serves \S+ \(4 products\)/);
    expect(service.app.get(CatalogueIndex).liveVersionId()).not.toBe(before);
  });

  it('says so when no catalogue service is running', async () => {
    const empty = await createTestNats();
    try {
      const result = await runCli(['reindex', '--timeout-ms', '2000'], { ...env, NATS_PREFIX: empty.prefix });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('UNAVAILABLE');
    } finally {
      await empty.cleanup();
    }
  });
});
