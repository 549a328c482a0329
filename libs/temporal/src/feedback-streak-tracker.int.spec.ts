// FeedbackStreakTracker on the real PostgreSQL event store: it reads every issue event in global order, so a met
// deadline of a slow issue is in the streak before a later miss of another issue, whatever the workflows' pace.
import { DepartmentEvent, IssueCommand, parseInstant, ReferenceEvent, REFERENCE_STREAMS, replayStreak, streakStreamOf } from '@app/domain';
import { migrateEventStore, PostgresEventStore, RecordedEvent } from '@app/event-store';
import { derivedEventId, IssueCommandService, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { FeedbackStreakTracker } from './feedback-streak-tracker';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Monday with no holiday in the next two weeks. */
const MONDAY = parseInstant('2026-03-02T10:00:00+08:00');

describe('FeedbackStreakTracker (PostgreSQL)', () => {
  let database: FreshDatabase;
  let store: PostgresEventStore;
  let reference: ReferenceData;
  let commands: IssueCommandService;

  beforeEach(async () => {
    database = await createFreshDatabase('streak_tracker');
    await migrateEventStore(database.url);
    store = new PostgresEventStore({ connectionString: database.url });
    reference = new ReferenceData(store);
    commands = new IssueCommandService(store, () => reference.decisionContext());
    const at = '2026-01-01T00:00:00Z';
    const organisation: ReferenceEvent[] = [
      { type: 'StreetRegistered', data: { id: 'jd', name: '街道', at } },
      { type: 'StationRegistered', data: { id: 'ws', name: '工作站', streetId: 'jd', at } },
      { type: 'DistrictDepartmentRegistered', data: { id: 'sw', name: '区水务局', at } },
    ];
    await store.appendToStream(
      REFERENCE_STREAMS.organisation,
      organisation.map((e, i) => toNewEvent(e, derivedEventId(`streak-tracker-test/${i}`))),
      { expectedRevision: 'no_stream' },
    );
  });

  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  async function act(issueId: string, command: IssueCommand): Promise<void> {
    await commands.execute(issueId, command, { causationId: `${issueId}/${command.type}/${command.at}`, actor: { role: 'test' } });
  }

  /** Raised at the community, escalated to the district and whistled to sw at `at`. */
  async function whistle(issueId: string, at: number): Promise<void> {
    const fourLists = { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' };
    await act(issueId, { type: 'RaiseIssue', issueId, stationId: 'ws', title: issueId, fourLists, at: at - 3000 });
    await act(issueId, { type: 'EscalateIssue', at: at - 2000 });
    await act(issueId, { type: 'EscalateIssue', at: at - 1000 });
    await act(issueId, { type: 'BlowWhistle', mode: 'single', departments: ['sw'], at });
  }

  async function issueEvents(fromPosition?: bigint): Promise<RecordedEvent[]> {
    return store.readAll({ category: 'issue', fromPosition, maxCount: 10_000 });
  }

  async function streak(): Promise<{ events: DepartmentEvent[]; interviews: string[][] }> {
    const events = (await store.readStream(streakStreamOf('sw'))).map((e) => toEngineEvent<DepartmentEvent>(e));
    const interviews = events.flatMap((e) => (e.type === 'InterviewOrdered' ? [e.data.deadlineIds ?? []] : []));
    return { events, interviews };
  }

  it('counts a met deadline between two misses in due order, then orders the interview the next miss completes', async () => {
    // Three issues whistled on Monday; I2 reports in on Tuesday; I1 and I3 are settled missed by Friday's tick.
    await whistle('I1', MONDAY);
    await whistle('I2', MONDAY + HOUR);
    await whistle('I3', MONDAY + 2 * HOUR);
    await act('I2', { type: 'GiveFeedback', departmentId: 'sw', at: MONDAY + DAY });
    await act('I1', { type: 'Tick', at: MONDAY + 4 * DAY });
    await act('I3', { type: 'Tick', at: MONDAY + 4 * DAY });
    const tracker = new FeedbackStreakTracker(store, reference);
    for (const event of await issueEvents()) await tracker.track(event);
    expect((await streak()).interviews).toEqual([]);

    // The next week I4 is missed too: I3 and I4 are consecutive in due order.
    const seen = (await issueEvents()).at(-1)?.globalPosition;
    await whistle('I4', MONDAY + 7 * DAY);
    await act('I4', { type: 'Tick', at: MONDAY + 11 * DAY });
    for (const event of await issueEvents(seen)) await tracker.track(event);
    const { interviews } = await streak();
    expect(interviews).toEqual([['I3#1', 'I4#1']]);

    // The year-end recomputation over the same issues names the same run.
    const deadlines = (await streak()).events.flatMap((e) =>
      e.type === 'FeedbackDeadlineTracked'
        ? [{ ...e.data, setAt: Date.parse(e.data.setAt), due: Date.parse(e.data.due) }]
        : [],
    );
    const latest = new Map(deadlines.map((d) => [d.deadlineId, d]));
    expect(replayStreak('sw', [...latest.values()], () => 2).map((i) => i.deadlineIds)).toEqual(interviews);
  });

  it('writes nothing twice when a restarted tracker reads the log again from an older checkpoint', async () => {
    await whistle('I1', MONDAY);
    await whistle('I2', MONDAY + HOUR);
    await act('I1', { type: 'Tick', at: MONDAY + 4 * DAY });
    await act('I2', { type: 'Tick', at: MONDAY + 4 * DAY });
    const events = await issueEvents();
    const first = new FeedbackStreakTracker(store, reference);
    for (const event of events) await first.track(event);
    const before = await store.readStream(streakStreamOf('sw'));
    expect((await streak()).interviews).toEqual([['I1#1', 'I2#1']]);

    // A process killed before it saved its checkpoint starts again from the beginning, with nothing in memory.
    const restarted = new FeedbackStreakTracker(store, reference);
    for (const event of events) await restarted.track(event);
    expect(await store.readStream(streakStreamOf('sw'))).toEqual(before);
  });

  it('lets two trackers on one store race without a lost or doubled step', async () => {
    for (let n = 1; n <= 6; n += 1) await whistle(`I${n}`, MONDAY + n * HOUR);
    for (let n = 1; n <= 6; n += 1) await act(`I${n}`, { type: 'Tick', at: MONDAY + 4 * DAY });
    const events = await issueEvents();
    const run = async (tracker: FeedbackStreakTracker) => {
      for (const event of events) await tracker.track(event);
    };
    await Promise.all([run(new FeedbackStreakTracker(store, reference)), run(new FeedbackStreakTracker(store, reference))]);
    const { events: streakEvents, interviews } = await streak();
    const tracked = streakEvents.filter((e) => e.type === 'FeedbackDeadlineTracked');
    // Each deadline is set, then missed: two tracked steps each, once.
    expect(tracked).toHaveLength(12);
    expect(interviews).toEqual([
      ['I1#1', 'I2#1'],
      ['I3#1', 'I4#1'],
      ['I5#1', 'I6#1'],
    ]);
  });
});
