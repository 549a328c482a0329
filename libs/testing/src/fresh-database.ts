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
      await withAdminClient(baseUrl, (admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
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
