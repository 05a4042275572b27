import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@callcart/testing';
import { qualifySql, queryRows, schemaOf } from './schema-sql';

/**
 * The SQL helper every service with a database uses, on a real PostgreSQL: the statement shapes
 * the two regex copies it replaced read differently (a lower-case or `WITH`-led update, a leading
 * comment, an UPDATE without RETURNING) all come back as rows.
 */
describe('schema SQL helper', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, schema: 'shop_floor' });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "shop_floor"`);
    await dataSource.query(`CREATE TABLE "shop_floor"."parcel" ("id" int PRIMARY KEY, "state" text NOT NULL, "note" text)`);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  beforeEach(async () => {
    await dataSource.query(`TRUNCATE "shop_floor"."parcel"`);
    await dataSource.query(`INSERT INTO "shop_floor"."parcel" VALUES (1, 'packed', NULL), (2, 'packed', NULL), (3, 'shipped', NULL)`);
  });

  it('reads the schema from a data source, a transaction and a query runner alike', async () => {
    expect(schemaOf(dataSource)).toBe('shop_floor');
    await dataSource.transaction(async (manager) => {
      expect(schemaOf(manager)).toBe('shop_floor');
      expect(schemaOf(manager.queryRunner!)).toBe('shop_floor');
    });
  });

  it('qualifies names that start with @. and leaves an @. inside text alone', () => {
    expect(qualifySql(`SELECT * FROM @.parcel p JOIN @."order" o ON true`, 'orders')).toBe(`SELECT * FROM "orders".parcel p JOIN "orders"."order" o ON true`);
    expect(qualifySql(`SELECT 'a@.' AS x, '@. ' AS y`, 'orders')).toBe(`SELECT 'a@.' AS x, '@. ' AS y`);
  });

  it.each([
    ['an upper-case UPDATE … RETURNING', `UPDATE @.parcel SET "note" = 'n' WHERE "state" = 'packed' RETURNING "id"`, [{ id: 1 }, { id: 2 }]],
    ['a lower-case update … returning', `update @.parcel set "note" = 'n' where "id" = 3 returning "id"`, [{ id: 3 }]],
    ['an UPDATE led by a comment', `-- ship what is packed\nUPDATE @.parcel SET "state" = 'shipped' WHERE "id" = 1 RETURNING "id", "state"`, [{ id: 1, state: 'shipped' }]],
    ['an UPDATE led by WITH', `WITH due AS (SELECT "id" FROM @.parcel WHERE "state" = 'packed') UPDATE @.parcel p SET "note" = 'due' FROM due WHERE p."id" = due."id" RETURNING p."id"`, [{ id: 1 }, { id: 2 }]],
    ['an UPDATE without RETURNING', `UPDATE @.parcel SET "note" = 'n'`, []],
    ['a DELETE … RETURNING', `DELETE FROM @.parcel WHERE "state" = 'shipped' RETURNING "id"`, [{ id: 3 }]],
    ['an INSERT … RETURNING', `INSERT INTO @.parcel VALUES (4, 'packed', NULL) RETURNING "id"`, [{ id: 4 }]],
    ['a SELECT of two rows', `SELECT "id" FROM @.parcel WHERE "state" = 'packed' ORDER BY "id"`, [{ id: 1 }, { id: 2 }]],
  ])('returns the rows of %s, in a transaction and outside one', async (_shape, sql, expected) => {
    const inTransaction = await dataSource.transaction((manager) => queryRows(manager, sql));
    expect(sortById(inTransaction)).toEqual(expected);
    await dataSource.query(`TRUNCATE "shop_floor"."parcel"`);
    await dataSource.query(`INSERT INTO "shop_floor"."parcel" VALUES (1, 'packed', NULL), (2, 'packed', NULL), (3, 'shipped', NULL)`);
    expect(sortById(await queryRows(dataSource, sql))).toEqual(expected);
    expect(sortById(await queryRows(dataSource.manager, `SELECT "id" FROM @.parcel WHERE "id" = 2`))).toEqual([{ id: 2 }]);
  });

  it('runs in the caller’s transaction: a rolled-back change is not kept', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await queryRows(manager, `UPDATE @.parcel SET "state" = 'lost'`);
        await expect(queryRows(manager, `SELECT count(*)::int AS n FROM @.parcel WHERE "state" = 'lost'`)).resolves.toEqual([{ n: 3 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expect(queryRows(dataSource, `SELECT count(*)::int AS n FROM @.parcel WHERE "state" = 'lost'`)).resolves.toEqual([{ n: 0 }]);
  });
});

function sortById<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => Number((a as { id: number }).id) - Number((b as { id: number }).id));
}
