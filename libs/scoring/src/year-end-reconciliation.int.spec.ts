// The year end on the real PostgreSQL event store: the ledgers compared by their tallies, and the departments whose
// tallies disagree read again entry by entry, so that the differences are listed as the full comparison lists them.
import { DepartmentEvent, IssueCommand, ledgerEntryRecorded, ledgerStreamOf, parseInstant } from '@app/domain';
import { migrateEventStore, PostgresEventStore } from '@app/event-store';
import { derivedEventId, issueIdOfStream, IssueCommandService, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { Pool } from 'pg';
import { LedgerBooking } from './ledger-booking';
import { PostgresYearDeadlineSort } from './year-deadline-sort';
import { YearEndReconciliation } from './year-end-reconciliation';
import { registerOrganisation, smallDistrict } from '../../issues/test/organisation.fixture';

/** Whistled Monday 2 March 2026 (no holiday that week): feedback due Fri 6 March 00:00. */
const WHISTLE = parseInstant('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;
const DEPARTMENTS = ['cg', 'ok', 'sw', 'zj'];

describe('YearEndReconciliation (PostgreSQL)', () => {
  let database: FreshDatabase;
  let store: PostgresEventStore;
  let reference: ReferenceData;
  let issues: IssueCommandService;

  beforeEach(async () => {
    database = await createFreshDatabase('year_end_reconciliation');
    await migrateEventStore(database.url);
    store = new PostgresEventStore({ connectionString: database.url });
    reference = new ReferenceData(store);
    issues = new IssueCommandService(store, () => reference.decisionContext());
    await registerOrganisation(store, smallDistrict(...DEPARTMENTS.map((id) => ({ id, name: id }))), 'year-end-test');
  });

  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  /**
   * Each department's issues: one closed on time (final, +points), one whose deadline is missed and that is then
   * closed (final, both entries), and one missed and left open (live at the year end).
   */
  async function yearOfIssues(): Promise<void> {
    const fourLists = { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' };
    let n = 0;
    for (const departmentId of DEPARTMENTS) {
      for (const kind of ['closed', 'missed-closed', 'missed-open'] as const) {
        const issueId = `${departmentId}-${kind}`;
        const at = WHISTLE + (n += 1) * 60_000;
        const late = kind === 'closed' ? 0 : 5 * 24 * HOUR;
        const commands: IssueCommand[] = [
          { type: 'RaiseIssue', issueId, stationId: 'ws', title: issueId, fourLists, at: at - 3000 },
          { type: 'EscalateIssue', at: at - 2000 },
          { type: 'EscalateIssue', at: at - 1000 },
          { type: 'BlowWhistle', mode: 'single', departments: [departmentId], at },
          ...(kind === 'closed' ? [] : [{ type: 'Tick', at: at + late } as const]),
          ...(kind === 'missed-open'
            ? []
            : ([
                { type: 'GiveFeedback', departmentId, at: at + late + HOUR },
                { type: 'ReportResolution', departmentId, at: at + late + 2 * HOUR },
                { type: 'ConfirmClosing', at: at + late + 3 * HOUR },
              ] as const)),
        ];
        for (const [step, command] of commands.entries()) {
          await issues.execute(issueId, command, { causationId: `${issueId}/${step}`, actor: { role: 'test' } });
        }
      }
    }
  }

  /** What the worker books for the issues, but for the events `skipped` leaves out. */
  async function book(skipped: (issueId: string, type: string) => boolean = () => false): Promise<void> {
    const ledgers = new LedgerBooking(store, reference);
    await ledgers.openYear(2026);
    for (const recorded of await store.readAll({ category: 'issue', maxCount: 10_000 })) {
      const issueId = issueIdOfStream(recorded.streamId) as string;
      if (!skipped(issueId, recorded.type)) await ledgers.bookIssueEvent(issueId, recorded.revision, recorded.id);
    }
  }

  const ledgerOf = async (departmentId: string) =>
    (await store.readStream(ledgerStreamOf(departmentId, 2026)))
      .map((e) => toEngineEvent<DepartmentEvent>(e))
      .flatMap((e) => (e.type === 'LedgerEntryRecorded' ? [e.data] : []));

  async function recompute(sortPool?: Pool) {
    const notes: string[] = [];
    const recomputation = await new YearEndReconciliation({
      store,
      reference,
      pageSize: 7,
      openDeadlineSort: sortPool === undefined ? undefined : () => PostgresYearDeadlineSort.open(sortPool),
    }).recompute(2026, '2026-12-31T16:30:00.000Z', (note) => notes.push(note));
    return { recomputation, secondPass: notes.filter((note) => note.startsWith('differences ')) };
  }

  it('finds no difference and reads the issues once when every tally agrees', async () => {
    await yearOfIssues();
    await book();
    const { recomputation, secondPass } = await recompute();
    expect(recomputation.differences).toEqual([]);
    expect(secondPass).toEqual([]);
    const [closed, missed] = [(await ledgerOf('ok')).find((e) => e.reason === 'single-closed')?.points, -3];
    expect(recomputation.totals).toEqual(DEPARTMENTS.map((id) => [id, 60 + 2 * (closed as number) + 2 * missed]));
  });

  it('counts the streaks from the deadlines PostgreSQL sorted as from those sorted in memory', async () => {
    await yearOfIssues();
    await book();
    const sortPool = new Pool({ connectionString: database.url, max: 1 });
    try {
      const { recomputation } = await recompute(sortPool);
      // Each department missed two deadlines in a row, and no streak was tracked live: an interview expected, none recorded.
      expect(recomputation.interviewDifferences.map((d) => [d.departmentId, d.deadlineIds, d.expected, d.recorded])).toEqual(
        DEPARTMENTS.map((id) => [id, [`${id}-missed-closed#1`, `${id}-missed-open#1`], true, false]),
      );
      expect(recomputation).toEqual((await recompute()).recomputation);
      expect(sortPool.totalCount).toBe(0);
    } finally {
      await sortPool.end();
    }
  });

  it('lists the entries of the departments whose tallies disagree, as the full comparison does: dropped, changed, stray', async () => {
    await yearOfIssues();
    // sw's missed deadline on its open issue never booked.
    await book((issueId, type) => issueId === 'sw-missed-open' && type === 'FeedbackDeadlineMissed');
    // zj's closing entry recorded again with other points: the last of an entry id counts.
    const closing = (await ledgerOf('zj')).find((e) => e.entryId === 'closed:zj-closed:zj');
    if (closing === undefined) throw new Error('zj-closed was not booked');
    await store.appendToStream(
      ledgerStreamOf('zj', 2026),
      [
        toNewEvent(
          ledgerEntryRecorded({ ...closing, at: parseInstant(closing.at), points: closing.points + 1 }, undefined),
          derivedEventId('changed'),
          {},
        ),
      ],
      { expectedRevision: 'any' },
    );
    // cg holds an entry no issue causes.
    const [cgBase] = await ledgerOf('cg');
    await store.appendToStream(
      ledgerStreamOf('cg', 2026),
      [
        toNewEvent(
          ledgerEntryRecorded(
            { ...cgBase, at: parseInstant(cgBase.at), entryId: 'missed:stray#1', reason: 'feedback-missed', points: -3 },
            undefined,
          ),
          derivedEventId('stray'),
          {},
        ),
      ],
      { expectedRevision: 'any' },
    );

    const { recomputation, secondPass } = await recompute();
    expect(recomputation.differences).toEqual([
      { departmentId: 'zj', entryId: 'closed:zj-closed:zj', expected: closing.points, recorded: closing.points + 1 },
      { departmentId: 'cg', entryId: 'missed:stray#1', expected: null, recorded: -3 },
      { departmentId: 'sw', entryId: 'missed:sw-missed-open#1', expected: -3, recorded: null },
    ]);
    expect(secondPass.sort()).toEqual(['differences cg', 'differences sw', 'differences zj']);
  });
});
