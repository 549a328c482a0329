import { Client } from 'pg';
import { createFreshDatabase, infraConfig } from '@app/testing';

// Real servers: connecting, bundling workflows and starting a JVM take longer than Jest's 5 s default.
jest.setTimeout(120_000);

describe('local PostgreSQL', () => {
  it('answers a query as PostgreSQL 18 on the whistle database', async () => {
    const client = new Client({ connectionString: infraConfig().databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; db: string }>(
        'select version() as version, current_database() as db',
      );
      expect(rows[0].version).toMatch(/^PostgreSQL 18\./);
      expect(rows[0].db).toBe('whistle');
    } finally {
      await client.end();
    }
  });

  it('creates a fresh database a suite can own, and drops it', async () => {
    const fresh = await createFreshDatabase('infra_probe');
    const client = new Client({ connectionString: fresh.url });
    await client.connect();
    try {
      await client.query('create table ledger_entry (id int primary key)');
      await client.query('insert into ledger_entry values (1)');
      const { rows } = await client.query<{ db: string }>('select current_database() as db');
      expect(rows[0].db).toBe(fresh.name);
    } finally {
      await client.end();
    }
    await fresh.drop();

    const admin = new Client({ connectionString: infraConfig().databaseUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [fresh.name]);
      expect(rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
