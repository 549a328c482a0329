import { createFreshDatabase, waitFor, type FreshDatabase } from '@app/testing';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { leasedWork, PartitionLeases, partitionOf } from './partition-leases';

const PARTITIONS = 8;

describe(PartitionLeases.name, () => {
  let database: FreshDatabase;
  const holders: PartitionLeases[] = [];
  /** Which holder runs each piece of work now; starting work another holder runs is recorded as an overlap. */
  const runningBy = new Map<string, string>();
  const overlaps: string[] = [];
  /** Every set of leases each holder reported, in order. */
  const reports = new Map<string, string[][]>();

  const doors: Door[] = [];

  function holder(id: string, connectionString = database.url): PartitionLeases {
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
      connection: { connectionString },
      member: 'lease-test',
      work,
      intervalMs: 100,
      onChange: (held) => reports.get(id)!.push([...held]),
    });
    holders.push(sut);
    return sut;
  }

  beforeAll(async () => {
    database = await createFreshDatabase('partition_leases');
  });

  afterAll(async () => {
    for (const sut of holders) await sut.stop();
    for (const door of doors) door.server.close();
    await database?.drop();
  });

  it('gives a lone process every lease, shares them fairly with a second, and moves a lost session’s leases', async () => {
    const door = await doorTo(new URL(database.url));
    doors.push(door);
    const a = holder('a', door.url);
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

    // a's connection is cut and it cannot connect again (as when its process dies): PostgreSQL ends its session, a
    // stops all its work, and b, alone now, takes everything at its next round.
    const ofA = a.holding();
    const [seenA, seenB] = [reports.get('a')!.length, reports.get('b')!.length];
    door.shut();
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
    door.open();
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

interface Door {
  server: Server;
  /** The connection string through the door. */
  url: string;
  /** Cuts every connection through the door and refuses new ones. */
  shut(): void;
  open(): void;
}

/** A TCP door in front of PostgreSQL for one holder, so the test can take its network away and give it back. */
async function doorTo(target: URL): Promise<Door> {
  const sockets = new Set<Socket>();
  let isOpen = true;
  const server = createServer((client) => {
    if (!isOpen) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    for (const [side, other] of [
      [client, upstream],
      [upstream, client],
    ]) {
      sockets.add(side);
      side.on('error', () => undefined);
      side.on('close', () => {
        sockets.delete(side);
        other.destroy();
      });
      side.pipe(other);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    server,
    url: url.toString(),
    shut: () => {
      isOpen = false;
      for (const socket of sockets) socket.destroy();
    },
    open: () => {
      isOpen = true;
    },
  };
}
