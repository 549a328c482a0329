// The year end's deadline sort on the real PostgreSQL: what comes back is what went in, in the order YearStreaks takes.
import { Pool } from 'pg';
import { compareYearDeadlines, DeadlineOutcome, YearDeadline } from '@app/domain';
import { seededRandom } from '@app/domain/testing/seeded-random';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { InMemoryYearDeadlineSort, PostgresYearDeadlineSort, YearDeadlineSort } from './year-deadline-sort';

const DAY = 86_400_000;

/** Deadlines in no order, many tying on due and set instants, with ids a plain text format would mangle. */
function deadlines(count: number): YearDeadline[] {
  const { random, pick } = seededRandom(7);
  const departments = ['cg', 'sw', 'jt', '区城管局', 'dept\twith tab', 'a"b\\c'];
  return Array.from({ length: count }, (_, n) => {
    const issueId = pick([`I${n}`, `事项-${n}`, `line\nbreak-${n}`]);
    const sequence = 1 + Math.floor(random() * 3);
    return {
      departmentId: pick(departments),
      deadlineId: `${issueId}#${sequence}`,
      issueId,
      setAt: Date.parse('2026-03-02T02:00:00Z') + Math.floor(random() * 3) * DAY,
      setOrder: 9_007_199_254_000 + Math.floor(random() * 50),
      sequence,
      due: Date.parse('2026-03-06T16:00:00Z') + Math.floor(random() * 4) * DAY,
      outcome: pick<DeadlineOutcome>(['met', 'missed', 'cancelled', 'pending']),
      provisional: random() < 0.1,
      lastYear: pick([2026, 2027]),
    };
  });
}

async function sortedBy(sort: YearDeadlineSort, all: YearDeadline[], flushEvery: number): Promise<YearDeadline[]> {
  for (const [n, deadline] of all.entries()) {
    sort.add(deadline);
    if (n % flushEvery === 0) await sort.flush();
  }
  await sort.flush();
  const read: YearDeadline[] = [];
  for await (const deadline of sort.sorted()) read.push(deadline);
  await sort.close();
  return read;
}

describe('PostgresYearDeadlineSort', () => {
  let database: FreshDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createFreshDatabase('year_deadline_sort');
    pool = new Pool({ connectionString: database.url, max: 2 });
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('gives back every deadline, whole, in compareYearDeadlines order, across flushes and FETCH pages', async () => {
    const all = deadlines(12_345);
    const read = await sortedBy(await PostgresYearDeadlineSort.open(pool), all, 1000);
    const inMemory = await sortedBy(new InMemoryYearDeadlineSort(), all, 1000);
    expect(inMemory).toEqual([...all].sort(compareYearDeadlines));
    expect(read).toHaveLength(all.length);
    // The first deadline out of place, rather than a diff of twelve thousand.
    const outOfPlace = read.findIndex((deadline, n) => JSON.stringify(deadline) !== JSON.stringify(inMemory[n]));
    expect({ outOfPlace, deadline: read[outOfPlace] }).toEqual({ outOfPlace: -1, deadline: undefined });
  });

  it('keeps two sorts apart, and takes its table with its connection when closed', async () => {
    const [first, second] = [await PostgresYearDeadlineSort.open(pool), await PostgresYearDeadlineSort.open(pool)];
    const [a, b] = [deadlines(3), deadlines(5).map((d) => ({ ...d, departmentId: 'other' }))];
    const [readA, readB] = await Promise.all([sortedBy(first, a, 1), sortedBy(second, b, 2)]);
    expect(readA).toEqual([...a].sort(compareYearDeadlines));
    expect(readB).toEqual([...b].sort(compareYearDeadlines));
    expect(pool.totalCount).toBe(0);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'year_deadlines'`);
    expect(rows).toEqual([{ n: 0 }]);
  });
});
