import { Client } from 'pg';
import { LEFTOVER_AGE_MS, runNameCreatedAt, uniqueRunName } from './unique-name';

/** The server the harness creates its databases on; trust auth as on the development machines. */
export const TEST_POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database of its own for one test suite (`cc_t<time>x<random>`). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cc_${uniqueRunName()}`;
  await withAdmin(async (client) => {
    await dropLeftoverDatabases(client);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

async function dropLeftoverDatabases(client: Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'cc_t%'");
  for (const { datname } of rows) {
    const createdAt = runNameCreatedAt(datname.slice(3));
    if (createdAt && Date.now() - createdAt.getTime() > LEFTOVER_AGE_MS) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}
