import { Pool, PoolConfig } from 'pg';

/**
 * A pg Pool that survives losing an idle connection (a database restart, a dropped test database, an
 * administrator's terminate): pg emits 'error' on the pool then, and with no listener that would end the
 * process. The pool drops the broken client and opens a new one on the next query.
 */
export function createPostgresPool(config: PoolConfig, owner: string): Pool {
  const pool = new Pool(config);
  pool.on('error', (error) => {
    process.stderr.write(`${owner}: an idle PostgreSQL connection was lost (${error.message}); the pool replaces it\n`);
  });
  return pool;
}
