import { Pool, PoolClient } from 'pg';
import { compareYearDeadlines, DeadlineOutcome, YearDeadline } from '@app/domain';

/**
 * Where the year end puts every deadline of the year's issues, as the fold hands them over, to read them back in the
 * order YearStreaks takes them (compareYearDeadlines). A year's deadlines are about one per issue; sorting them
 * outside the process is what keeps the year end's memory to the issues still open.
 */
export interface YearDeadlineSort {
  /** Takes a deadline; it is written at the next flush. */
  add(deadline: YearDeadline): void;
  /** Writes the deadlines added since the last flush. */
  flush(): Promise<void>;
  /** Every deadline added and flushed, in compareYearDeadlines order. */
  sorted(): AsyncIterable<YearDeadline>;
  /** Lets go of what the sort holds; its deadlines are gone. */
  close(): Promise<void>;
}

/** The deadlines held and sorted in the process: for tests and small years, as it holds the year. */
export class InMemoryYearDeadlineSort implements YearDeadlineSort {
  private deadlines: YearDeadline[] = [];

  add(deadline: YearDeadline): void {
    this.deadlines.push(deadline);
  }

  async flush(): Promise<void> {}

  async *sorted(): AsyncIterable<YearDeadline> {
    yield* [...this.deadlines].sort(compareYearDeadlines);
  }

  async close(): Promise<void> {
    this.deadlines = [];
  }
}

/** Rows read back per FETCH of the sorted read. */
const FETCH_ROWS = 5000;

/**
 * The deadlines sorted by PostgreSQL, in a temporary table of one connection held for the sort's life: PostgreSQL
 * sorts past its work_mem on disk, and the table goes with the connection if the process dies. The order is
 * compareYearDeadlines': ids compared byte by byte (COLLATE "C"), which is JavaScript's order for every id without
 * characters beyond U+FFFF, and YearStreaks refuses a deadline out of order rather than count it wrongly.
 */
export class PostgresYearDeadlineSort implements YearDeadlineSort {
  private buffer: YearDeadline[] = [];

  private constructor(private readonly client: PoolClient) {}

  static async open(pool: Pool): Promise<PostgresYearDeadlineSort> {
    const client = await pool.connect();
    try {
      await client.query(`
        CREATE TEMPORARY TABLE year_deadlines (
          department_id text NOT NULL,
          due bigint NOT NULL,
          set_at bigint NOT NULL,
          set_order bigint NOT NULL,
          issue_id text NOT NULL,
          sequence integer NOT NULL,
          deadline_id text NOT NULL,
          outcome text NOT NULL,
          provisional boolean NOT NULL,
          last_year integer NOT NULL
        )`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    return new PostgresYearDeadlineSort(client);
  }

  add(deadline: YearDeadline): void {
    this.buffer.push(deadline);
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    await this.client.query(
      `INSERT INTO year_deadlines
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::integer[], $7::text[],
                              $8::text[], $9::boolean[], $10::integer[])`,
      [
        rows.map((d) => d.departmentId),
        rows.map((d) => d.due),
        rows.map((d) => d.setAt),
        rows.map((d) => d.setOrder),
        rows.map((d) => d.issueId),
        rows.map((d) => d.sequence),
        rows.map((d) => d.deadlineId),
        rows.map((d) => d.outcome),
        rows.map((d) => d.provisional),
        rows.map((d) => d.lastYear),
      ],
    );
  }

  async *sorted(): AsyncIterable<YearDeadline> {
    await this.client.query('BEGIN');
    try {
      await this.client.query(`
        DECLARE year_deadlines_sorted NO SCROLL CURSOR FOR
          SELECT * FROM year_deadlines
          ORDER BY department_id COLLATE "C", due, set_at, set_order, issue_id COLLATE "C", sequence`);
      for (;;) {
        const { rows } = await this.client.query<DeadlineRow>(`FETCH ${FETCH_ROWS} FROM year_deadlines_sorted`);
        for (const row of rows) yield deadlineOfRow(row);
        if (rows.length < FETCH_ROWS) break;
      }
    } finally {
      await this.client.query('COMMIT');
    }
  }

  async close(): Promise<void> {
    this.buffer = [];
    // Dropped with the connection: a pooled one would keep the table, so it is closed rather than returned.
    this.client.release(true);
  }
}

interface DeadlineRow {
  department_id: string;
  due: string;
  set_at: string;
  set_order: string;
  issue_id: string;
  sequence: number;
  deadline_id: string;
  outcome: DeadlineOutcome;
  provisional: boolean;
  last_year: number;
}

function deadlineOfRow(row: DeadlineRow): YearDeadline {
  return {
    departmentId: row.department_id,
    deadlineId: row.deadline_id,
    issueId: row.issue_id,
    setAt: Number(row.set_at),
    setOrder: Number(row.set_order),
    sequence: row.sequence,
    due: Number(row.due),
    outcome: row.outcome,
    provisional: row.provisional,
    lastYear: row.last_year,
  };
}
