// FeedbackStreakTracker on the real PostgreSQL event store: it reads every issue event in global order, so a met
// deadline of a slow issue is in the streak before a later miss of another issue, whatever the workflows' pace.
import fc from 'fast-check';
import {
  commandOfStep,
  DepartmentEvent,
  IssueCommand,
  parseInstant,
  REFERENCE_STREAMS,
  replayStreak,
  SHANGHAI,
  readScenario,
  simulateScenario,
  streakStreamOf,
  addDays,
} from '@app/domain';
import { migrateEventStore, PostgresEventStore, RecordedEvent } from '@app/event-store';
import { derivedEventId, IssueCommandService, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { FeedbackStreakTracker } from './feedback-streak-tracker';
import { registerOrganisation, smallDistrict } from '../../issues/test/organisation.fixture';

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
    await registerOrganisation(store, smallDistrict({ id: 'sw', name: '区水务局' }), 'streak-tracker-test');
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
      e.type === 'FeedbackDeadlineTracked' ? [{ ...e.data, setAt: Date.parse(e.data.setAt), due: Date.parse(e.data.due) }] : [],
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

  it('orders the same interviews as simulate on random deadlines due at the same instant (RULES.md §5, v2)', async () => {
    // Issues raised in a random order, whistled at a few shared instants (Mon 09:00 and 14:00 → due Fri 00:00; Tue
    // 09:00 → due Sat 00:00), some answered on Wednesday: only the set instant and the order of the acts that set
    // the deadlines tell the deadlines due at one midnight apart.
    const MON = parseInstant('2026-03-09T08:00:00+08:00');
    const HOUR_MS = 3_600_000;
    const whistleHours = [1, 1, 6, 25, 25];
    const issue = fc.record({
      raisedMinute: fc.integer({ min: 0, max: 50 }),
      whistle: fc.constantFrom(...whistleHours),
      answered: fc.boolean(),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(issue, { minLength: 2, maxLength: 6 }), async (issues) => {
        run += 1;
        const department = `d${run}`;
        await store.appendToStream(
          REFERENCE_STREAMS.organisation,
          [
            toNewEvent(
              { type: 'DistrictDepartmentRegistered', data: { id: department, name: department, at: '2026-01-01T00:00:00Z' } },
              derivedEventId(`streak-property/${run}`),
            ),
          ],
          { expectedRevision: 'any' },
        );
        const timed: { t: number; step: Record<string, unknown> }[] = [];
        const iso = (t: number) => SHANGHAI.format(t);
        issues.forEach((spec, n) => {
          const id = `r${run}-I${n}`;
          // Each issue raised in its own ten seconds, so that no two acts share an instant before the whistles.
          const raised = MON + spec.raisedMinute * 60_000 + n * 10_000;
          const whistled = MON + spec.whistle * HOUR_MS;
          timed.push({ t: raised, step: { at: iso(raised), do: 'raise', issue: id, station: 'ws' } });
          timed.push({ t: raised + 1000, step: { at: iso(raised + 1000), do: 'escalate', issue: id } });
          timed.push({ t: raised + 2000, step: { at: iso(raised + 2000), do: 'escalate', issue: id } });
          timed.push({ t: whistled, step: { at: iso(whistled), do: 'whistle', issue: id, mode: 'single', departments: [department] } });
          const answer = MON + 50 * HOUR_MS;
          if (spec.answered) timed.push({ t: answer, step: { at: iso(answer), do: 'feedback', issue: id, department } });
        });
        const steps = timed.sort((a, b) => a.t - b.t).map(({ step }) => step);
        const raw = {
          year: 2026,
          streets: [{ id: 'jd' }],
          stations: [{ id: 'ws', street: 'jd' }],
          departments: [{ id: department }],
          steps,
          until: iso(MON + 6 * 24 * HOUR_MS),
        };
        const simulated = simulateScenario(raw);

        // The live path: the same acts stored in the same order, each issue ticked at its due instant, the tracker
        // reading the store in commit order.
        const from = (await issueEvents()).at(-1)?.globalPosition;
        const scenario = readScenario(raw);
        for (const step of scenario.steps) if (step.do !== 'publishCalendar') await act(step.issue, commandOfStep(step));
        const dues = [...new Set(issues.map((spec) => MON + spec.whistle * HOUR_MS))];
        for (const n of issues.keys()) {
          for (const whistled of dues) await act(`r${run}-I${n}`, { type: 'Tick', at: dueOf(whistled) });
        }
        const tracker = new FeedbackStreakTracker(store, reference);
        for (const event of await issueEvents(from)) await tracker.track(event);
        const live = (await store.readStream(streakStreamOf(department)))
          .map((e) => toEngineEvent<DepartmentEvent>(e))
          .flatMap((e) =>
            e.type === 'InterviewOrdered' ? [{ department, at: SHANGHAI.format(Date.parse(e.data.at)), reason: e.data.reason }] : [],
          );
        expect(live).toEqual(simulated.interviews);
      }),
      { numRuns: 12 },
    );
  });
});

/** A deadline whistled on the Monday or Tuesday of a week without holidays falls due three days on, at 24:00. */
function dueOf(whistled: number): number {
  return SHANGHAI.endOfDay(addDays(SHANGHAI.localDate(whistled), 3));
}
