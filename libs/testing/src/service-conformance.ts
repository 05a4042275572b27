import type { DynamicModule } from '@nestjs/common';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { startServiceApp } from './service-app';
import { spawnService, waitForHealthy } from './service-process';
import { createTestDatabase, type TestDatabase } from './test-database';
import { createTestNats, type TestNats } from './test-nats';
import { testServiceEnv } from './service-app';

export interface ServiceUnderTest {
  /** The app's folder name under `apps/`. */
  readonly app: string;
  /** Builds the app's root module from an environment, as its `main.ts` does. */
  readonly module: (env: Record<string, string>) => DynamicModule;
  /** The PostgreSQL schema the service owns, if it owns one. */
  readonly schema?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The checks every callcart service passes, on the machine's real NATS and PostgreSQL: it boots
 * against an empty database of its own and migrates it, reports healthy, serves metrics, boots
 * again on the migrated database, runs as its own process and stops cleanly on SIGTERM, and
 * refuses to start with a bad variable, naming it.
 */
export function describeServiceConformance(service: ServiceUnderTest): void {
  describe(`${service.app} service`, () => {
    let nats: TestNats;
    let database: TestDatabase | undefined;
    let env: Record<string, string>;

    beforeAll(async () => {
      nats = await createTestNats();
      database = service.schema ? await createTestDatabase() : undefined;
      env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, databaseUrl: database?.url });
    });

    afterAll(async () => {
      await database?.drop();
      await nats.cleanup();
    });

    it('boots on an empty database, migrates it, and reports healthy with metrics', async () => {
      const running = await startServiceApp(service.module(env));
      try {
        const health = await fetch(`${running.url}/health`);
        const body = (await health.json()) as { status: string; info: Record<string, { status: string }> };
        expect(health.status).toBe(200);
        expect(body.status).toBe('ok');
        expect(body.info.nats.status).toBe('up');
        if (service.schema) expect(body.info.database.status).toBe('up');

        const metrics = await fetch(`${running.url}/metrics`);
        expect(metrics.status).toBe(200);
        expect(metrics.headers.get('content-type')).toContain('text/plain');
        expect(await metrics.text()).toContain(`process_cpu_user_seconds_total{service="${service.app}"}`);
      } finally {
        await running.close();
      }
      if (service.schema && database) {
        const client = new Client({ connectionString: database.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ name: string }>(`SELECT name FROM "${service.schema}"."migrations" ORDER BY id`);
          expect(rows.map((row) => row.name)).toContain('CreateInbox1764000000000');
        } finally {
          await client.end();
        }
      }
    });

    if (service.schema) {
      it('boots again on its migrated database, applying nothing twice', async () => {
        const first = await startServiceApp(service.module(env));
        await first.close();
        const second = await startServiceApp(service.module(env));
        await second.close();
        const client = new Client({ connectionString: database!.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ count: string; distinct: string }>(
            `SELECT count(*) AS count, count(DISTINCT name) AS distinct FROM "${service.schema}"."migrations"`,
          );
          expect(rows[0].count).toBe(rows[0].distinct);
        } finally {
          await client.end();
        }
      });
    }

    it('runs as its own process and stops cleanly on SIGTERM', async () => {
      const port = await freePort();
      const process = spawnService(service.app, { ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'info' });
      try {
        await waitForHealthy(`http://127.0.0.1:${port}/health`);
      } catch (error) {
        process.child.kill('SIGKILL');
        throw new Error(`${(error as Error).message}\n${process.output()}`);
      }
      process.child.kill('SIGTERM');
      await expect(process.exited()).resolves.toBe(0);
      expect(process.output()).toContain(`"msg":"${service.app} shutting down"`);
    });

    it.each([
      ['NATS_URL', 'http://not-nats'],
      ['HTTP_PORT', 'eighty'],
      ['LOG_LEVEL', 'loud'],
      ...(service.schema ? [['DATABASE_URL', 'mysql://nope']] : []),
    ])('refuses to start when %s is %p, naming the variable', async (variable, value) => {
      const process = spawnService(service.app, { ...env, [variable]: value });
      await expect(process.exited()).resolves.toBe(1);
      expect(process.output()).toContain(`${variable}:`);
      expect(process.output()).toContain('invalid configuration');
    });
  });
}
