import { IssueCommand, parseInstant, REFERENCE_STREAMS, type ReferenceEvent } from '@app/domain';
import { migrateEventStore, PostgresEventStore } from '@app/event-store';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { derivedEventId, toNewEvent } from './event-envelope';
import { IssueCommandService } from './issue-command.service';
import { ReferenceData } from './reference-data';
import { REGISTERED_AT, registerOrganisation, smallDistrict } from '../test/organisation.fixture';

// Tue 2026-03-03 09:00: 3 working days are Wed 4, Thu 5, Fri 6 on the official calendar (RULES.md §3).
const WHISTLED = parseInstant('2026-03-03T09:00:00+08:00');
const actor = { role: 'station', id: 'ws' };

describe(ReferenceData.name, () => {
  let database: FreshDatabase;
  let store: PostgresEventStore;
  let otherProcess: PostgresEventStore;
  let sut: ReferenceData;
  let commands: IssueCommandService;

  beforeEach(async () => {
    database = await createFreshDatabase('reference_data');
    await migrateEventStore(database.url);
    store = new PostgresEventStore({ connectionString: database.url });
    otherProcess = new PostgresEventStore({ connectionString: database.url });
    sut = new ReferenceData(store);
    commands = new IssueCommandService(store, () => sut.decisionContext());
    await registerOrganisation(store, smallDistrict({ id: 'cg', name: '城管委' }), 'reference-data-test');
  });

  afterEach(async () => {
    await Promise.all([store.close(), otherProcess.close()]);
    await database.drop();
  });

  /** Another process appends to a reference stream: nothing of it passes through this process's ReferenceData. */
  async function appendElsewhere(streamId: string, event: ReferenceEvent, cause: string): Promise<void> {
    await otherProcess.appendToStream(streamId, [toNewEvent(event, derivedEventId(cause))], { expectedRevision: 'any' });
  }

  /** An issue raised, escalated to district and whistled to `departments` at WHISTLED: the events it stored. */
  async function whistle(issueId: string, departments: string[]) {
    const steps: IssueCommand[] = [
      {
        type: 'RaiseIssue',
        issueId,
        stationId: 'ws',
        title: '路灯不亮',
        fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' },
        at: WHISTLED - 120_000,
      },
      { type: 'EscalateIssue', at: WHISTLED - 60_000 },
      { type: 'EscalateIssue', at: WHISTLED - 30_000 },
    ];
    for (const [n, step] of steps.entries()) await commands.execute(issueId, step, { causationId: `${issueId}/${n}`, actor });
    return commands.execute(issueId, { type: 'BlowWhistle', mode: 'single', departments, at: WHISTLED }, { causationId: `${issueId}/whistle`, actor });
  }

  it('lets the very next command whistle a department another process registered after the organisation was cached', async () => {
    await expect(whistle('i1', ['jt'])).rejects.toMatchObject({ code: 'ORGANISATION.UNKNOWN_DEPARTMENT' });

    await appendElsewhere(REFERENCE_STREAMS.organisation, { type: 'DistrictDepartmentRegistered', data: { id: 'jt', name: '交通委', at: REGISTERED_AT } }, 'jt');

    const result = await whistle('i2', ['jt']);
    expect(result.appended.find((e) => e.type === 'FeedbackDeadlineSet')).toMatchObject({ data: { departmentId: 'jt' } });
  });

  it('counts the very next deadline on a year schedule another process loaded after the calendar was cached', async () => {
    const before = await whistle('i1', ['cg']);
    expect(before.appended.find((e) => e.type === 'FeedbackDeadlineSet')).toMatchObject({ data: { due: '2026-03-06T16:00:00.000Z' } });

    // A schedule for 2026 that makes Wed 4 March a holiday: Thu 5, Fri 6 and Mon 9 are then the 3 working days.
    await appendElsewhere(
      REFERENCE_STREAMS.calendar,
      { type: 'YearScheduleLoaded', data: { year: 2026, holidays: ['2026-03-04'], workdays: [], at: REGISTERED_AT } },
      'calendar-2026',
    );

    const after = await whistle('i2', ['cg']);
    expect(after.appended.find((e) => e.type === 'FeedbackDeadlineSet')).toMatchObject({ data: { due: '2026-03-09T16:00:00.000Z' } });
  });

  it('gives concurrent callers every event once, in order', async () => {
    await sut.snapshot();
    const names = ['a', 'b', 'c'].map((id) => ({ id, name: id }));
    await Promise.all(
      names.map((d) => appendElsewhere(REFERENCE_STREAMS.organisation, { type: 'DistrictDepartmentRegistered', data: { ...d, at: REGISTERED_AT } }, d.id)),
    );
    const snapshots = await Promise.all([sut.snapshot(), sut.snapshot(), sut.snapshot()]);
    const fromScratch = await new ReferenceData(store).snapshot();
    for (const snapshot of snapshots) expect(snapshot.chart).toEqual(fromScratch.chart);
    expect(fromScratch.chart.departments.map((d) => d.id).sort()).toEqual(['a', 'b', 'c', 'cg']);
  });
});
