// A registered district department holds its base entry for the current year as soon as the feed sees its
// registration, before any other ledger entry: the provisional ranking counts it from day one.
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { baseEntryOfYear, DepartmentEvent, ledgerStreamOf, parseInstant, ReferenceEvent, REFERENCE_STREAMS, toIso } from '@app/domain';
import { LogFollower, migrateEventStore, PostgresCheckpointStore, PostgresEventStore } from '@app/event-store';
import { derivedEventId, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { ledgerOpeningFeed } from './scoring-feeds';

const DOMAIN_NOW = parseInstant('2026-06-01T09:00:00+08:00');

describe('ledgerOpeningFeed (organisation stream)', () => {
  const run = randomUUID().slice(0, 8);
  let database: FreshDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let reference: ReferenceData;
  let sut: LogFollower;

  const register = async (events: ReferenceEvent[], from: number) => {
    await store.appendToStream(
      REFERENCE_STREAMS.organisation,
      events.map((e, i) => toNewEvent(e, derivedEventId(`ledger-opening/${run}/${from + i}`))),
      { expectedRevision: from === 0 ? 'no_stream' : from - 1 },
    );
  };
  const department = (id: string, at = '2026-01-01T00:00:00Z'): ReferenceEvent => ({
    type: 'DistrictDepartmentRegistered',
    data: { id, name: id, at },
  });
  const ledgerOf = async (id: string, year: number) =>
    (await store.readStream(ledgerStreamOf(id, year))).map((e) => toEngineEvent<DepartmentEvent>(e));
  const newDelivery = () =>
    new LogFollower({
      store,
      checkpoints: new PostgresCheckpointStore(pool),
      name: 'scoring',
      feeds: [ledgerOpeningFeed({ store, reference, now: () => DOMAIN_NOW })],
    });
  const untilDelivered = async (position: bigint) => {
    const until = Date.now() + 30_000;
    while ((sut.deliveredUpTo('organisation') ?? -1n) < position) {
      if (Date.now() > until) throw new Error(`organisation stream not delivered up to ${position}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const head = async () =>
    (await store.readStream(REFERENCE_STREAMS.organisation, { direction: 'backwards', maxCount: 1 }))[0].globalPosition;

  beforeAll(async () => {
    database = await createFreshDatabase('ledger_opening');
    await migrateEventStore(database.url);
    store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 100 });
    pool = new Pool({ connectionString: database.url });
    reference = new ReferenceData(store);
  });

  afterAll(async () => {
    await sut?.stop();
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  it('books the base entry of the current year for departments registered before and after it starts, once each', async () => {
    await register(
      [
        { type: 'StreetRegistered', data: { id: 'st', name: 'street', at: '2026-01-01T00:00:00Z' } },
        department('early'),
        { type: 'CityDepartmentRegistered', data: { id: 'city', name: 'city', at: '2026-01-01T00:00:00Z' } },
      ],
      0,
    );
    sut = newDelivery();
    await sut.start();
    await register([department('late', '2026-05-30T00:00:00Z')], 3);
    await untilDelivered(await head());

    const snapshot = await reference.snapshot();
    for (const id of ['early', 'late']) {
      const base = baseEntryOfYear(id, 2026, snapshot.policy, snapshot.zone);
      expect(await ledgerOf(id, 2026)).toEqual([
        {
          type: 'LedgerEntryRecorded',
          data: { entryId: base.entryId, departmentId: id, year: 2026, at: toIso(base.at), points: base.points, reason: base.reason },
        },
      ]);
    }
    // A city department has no district ledger; no other year was opened.
    expect(await ledgerOf('city', 2026)).toEqual([]);
    expect(await ledgerOf('early', 2025)).toEqual([]);

    // Delivered again from the start (a lost checkpoint): still one base entry each.
    await sut.stop();
    await new PostgresCheckpointStore(pool).reset('scoring:organisation');
    sut = newDelivery();
    await sut.start();
    await untilDelivered(await head());
    for (const id of ['early', 'late']) expect(await ledgerOf(id, 2026)).toHaveLength(1);
  });
});
