import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMetadataStore } from '../../testing/metadata-store.conformance';
import { startTestPostgres, type TestPostgres } from '../../testing/postgres-cluster';
import { describeMetadataStoreContract } from '../testing/metadata-store.contract';
import { createPgMetadataStore } from './pg-metadata.store';
import { migratePg, PG_MIGRATIONS } from './pg-migrations';
import { createPgPool } from './pg-pool';

let cluster: TestPostgres;
let url: string;
beforeAll(async () => {
  cluster = await startTestPostgres();
  url = await cluster.createDatabase();
});
afterAll(async () => {
  await cluster?.stop();
});

describeMetadataStore('PostgreSQL', () => createPgMetadataStore({ connectionString: url, poolSize: 12 }));

// The cloud endpoint's own contract, each case on a fresh database.
describeMetadataStoreContract('postgres', async () => {
  const store = await createPgMetadataStore({ connectionString: await cluster.createDatabase(), poolSize: 4 });
  return { store, dispose: () => store.close() };
});

describe('PostgreSQL migrations', () => {
  it('run once when two instances start together (advisory lock), and not again on the next start', async () => {
    const fresh = await cluster.createDatabase();
    const pools = [createPgPool(fresh, 2), createPgPool(fresh, 2)];
    try {
      const applied = await Promise.all(pools.map((pool) => migratePg(pool)));
      expect([...applied].sort((a, b) => b.length - a.length)).toEqual([PG_MIGRATIONS.map((m) => m.version), []]);
      expect(await migratePg(pools[0]!)).toEqual([]);
      const { rows } = await pools[0]!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('roll back whole when a migration fails', async () => {
    const fresh = await cluster.createDatabase();
    const pool = createPgPool(fresh, 1);
    try {
      const broken = [...PG_MIGRATIONS, { version: 999, name: 'broken', sql: 'CREATE TABLE later (x INT); SELECT no_such_function();' }];
      await expect(migratePg(pool, broken)).rejects.toThrow(/no_such_function/);
      const { rows } = await pool.query<{ name: string | null }>("SELECT to_regclass('accounts')::text AS name");
      expect(rows[0]?.name).toBeNull();
    } finally {
      await pool.end();
    }
  });

  it('store bigint columns as numbers and bytes as bytea', async () => {
    const store = await createPgMetadataStore({ connectionString: url });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const big = 2 ** 40;
      await store.createAccount({ id: 'big', email: 'big@example.com', passwordHash: 'h', tier: 'team', createdAt: big });
      expect((await store.getAccount('big'))?.createdAt).toBe(big);
      const { rows } = await client.query<{ type: string }>(
        "SELECT data_type AS type FROM information_schema.columns WHERE table_name = 'records' AND column_name = 'ciphertext'",
      );
      expect(rows[0]?.type).toBe('bytea');
    } finally {
      await client.end();
      await store.close();
    }
  });
});
