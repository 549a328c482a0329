import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { infraConfig } from './infra-config';

export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named database on the configured PostgreSQL so a test suite owns its schema;
 * drop() removes it (terminating leftover connections first).
 */
export async function createFreshDatabase(
  prefix: string,
  baseUrl: string = infraConfig().databaseUrl,
): Promise<FreshDatabase> {
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);
  const name = `${safePrefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;

  await withAdminClient(baseUrl, (admin) => admin.query(`create database "${name}"`));

  return {
    name,
    url: url.toString(),
    drop: async () => {
      await withAdminClient(baseUrl, async (admin) => {
        await waitForConnectionsToClose(admin, name);
        await admin.query(`drop database if exists "${name}" with (force)`);
      });
    },
  };
}

/**
 * pg's Pool.end() resolves once its clients are told to end, not once they have closed; FORCE terminating one on its
 * way out makes the pool emit 'error', which a test's pool without a listener turns into a failed suite. Waits (up
 * to a second) for the suite's own connections to go; whatever is still connected after that is forced.
 */
async function waitForConnectionsToClose(admin: Client, database: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const connected = await admin.query<{ count: number }>(
      'select count(*)::int as count from pg_stat_activity where datname = $1',
      [database],
    );
    if (connected.rows[0].count === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function withAdminClient<T>(baseUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
