import type { Pool } from 'pg';
import { CheckpointStore, type SqlExecutor } from '../checkpoint-store.port';

type CheckpointRow = { position: string };

function rowsOf(result: unknown): CheckpointRow[] {
  // pg returns { rows }, TypeORM's query() returns the rows themselves.
  return Array.isArray(result) ? (result as CheckpointRow[]) : (result as { rows: CheckpointRow[] }).rows;
}

/** Checkpoints in the `checkpoints` table created by the event-store migrations. */
export class PostgresCheckpointStore extends CheckpointStore {
  constructor(private readonly pool: Pool) {
    super();
  }

  override async load(name: string, executor: SqlExecutor = this.pool): Promise<bigint | undefined> {
    const rows = rowsOf(await executor.query('SELECT position FROM checkpoints WHERE name = $1', [name]));
    return rows.length === 0 ? undefined : BigInt(rows[0].position);
  }

  override async save(name: string, position: bigint, executor: SqlExecutor = this.pool): Promise<void> {
    await executor.query(
      `INSERT INTO checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [name, position.toString()],
    );
  }

  override async reset(name: string, executor: SqlExecutor = this.pool): Promise<void> {
    await executor.query('DELETE FROM checkpoints WHERE name = $1', [name]);
  }
}
