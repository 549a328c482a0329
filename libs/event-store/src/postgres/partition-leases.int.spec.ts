import { createFreshDatabase, waitFor, type FreshDatabase } from '@app/testing';
import { Pool } from 'pg';
import { leasedWork, PartitionLeases, partitionOf } from './partition-leases';

const PARTITIONS = 8;

describe(PartitionLeases.name, () => {
  let database: FreshDatabase;
  let pool: Pool;
  const holders: PartitionLeases[] = [];
  /** Which holder runs each piece of work now; starting work another holder runs is recorded as an overlap. */
  const runningBy = new Map<string, string>();
  const overlaps: string[] = [];
  /** Every set of leases each holder reported, in order. */
  const reports = new Map<string, string[][]>();

  function holder(id: string): PartitionLeases {
    const work = [
      ...Array.from({ length: PARTITIONS }, (_, i) => `feed/${i}-of-${PARTITIONS}`).map((name) => ({ name, group: 'feed' })),
      { name: 'whole', group: 'single' },
    ].map(({ name, group }) =>
      leasedWork(name, group, async () => {
        const other = runningBy.get(name);
        if (other !== undefined) overlaps.push(`${name}: ${id} while ${other}`);
        runningBy.set(name, id);
        return { stop: async () => void (runningBy.get(name) === id && runningBy.delete(name)) };
      }),
    );
    reports.set(id, []);
    const sut = new PartitionLeases({
      connection: { connectionString: database.url },
      member: 'lease-test',
      work,
      intervalMs: 100,
      onChange: (held) => reports.get(id)!.push([...held]),
    });
    holders.push(sut);
    return sut;
  }

  /** The backend of the session that holds the lease `name`. */
  async function sessionHolding(name: string): Promise<number> {
    const { rows } = await pool.query<{ pid: number }>(
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = (hashtext($2)::bigint & 4294967295)::oid AND objsubid = 2",
      [0x57484c45, name],
    );
    return rows[0].pid;
  }

  beforeAll(async () => {
    database = await createFreshDatabase('partition_leases');
    pool = new Pool({ connectionString: database.url });
  });

  afterAll(async () => {
    for (const sut of holders) await sut.stop();
    await pool?.end();
    await database?.drop();
  });

  it('gives a lone process every lease, shares them fairly with a second, and moves a lost session’s leases', async () => {
    const a = holder('a');
    await a.start();
    expect(a.holding()).toHaveLength(PARTITIONS + 1);

    const b = holder('b');
    await b.start();
    const split = () =>
      a.holding().length + b.holding().length === PARTITIONS + 1 && a.holding().every((name) => !b.holding().includes(name));
    await waitFor(() => split() && b.holding().length >= PARTITIONS / 2, 'the second process to get its share');
    expect(a.holding().filter((name) => name.startsWith('feed/'))).toHaveLength(PARTITIONS / 2);
    expect(b.holding().filter((name) => name.startsWith('feed/'))).toHaveLength(PARTITIONS / 2);
    expect(overlaps).toEqual([]);

    // PostgreSQL ends a's session (as when its process dies): a stops all its work, and b, alone until a connects
    // again, takes everything at its next round.
    const ofA = a.holding();
    const [seenA, seenB] = [reports.get('a')!.length, reports.get('b')!.length];
    await pool.query('SELECT pg_terminate_backend($1)', [await sessionHolding(ofA[0])]);
    await waitFor(
      () =>
        reports
          .get('a')!
          .slice(seenA)
          .some((held) => held.length === 0),
      'the process that lost its session to stop its work',
    );
    await waitFor(
      () =>
        reports
          .get('b')!
          .slice(seenB)
          .some((held) => ofA.every((name) => held.includes(name))),
      'the other process to take the lost leases over',
    );
    // a comes back with a new session at its next round and gets its share again.
    await waitFor(() => split() && a.holding().length >= PARTITIONS / 2, 'the returning process to get its share again');

    await b.stop();
    await waitFor(() => a.holding().length === PARTITIONS + 1, 'the remaining process to take everything');
    expect([...runningBy.values()].every((id) => id === 'a')).toBe(true);
  });

  it('puts a key in the same partition every time and spreads keys over every partition', () => {
    const counts = new Array<number>(PARTITIONS).fill(0);
    for (let i = 0; i < 4000; i += 1) counts[partitionOf(`issue-${i}`, PARTITIONS)] += 1;
    expect(partitionOf('issue-42', PARTITIONS)).toBe(partitionOf('issue-42', PARTITIONS));
    for (const count of counts) expect(count).toBeGreaterThan(400);
  });
});
