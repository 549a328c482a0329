import { derivedEventId, ReferenceData } from '@app/issues';
import { ProjectionRunner, applyToProjection } from '../projection-runner';
import type { Projection } from '../projection';
import { TypeOrmAuditTrailRepository } from '../queries/audit-trail.repository';
import { TypeOrmDepartmentInboxRepository } from '../queries/department-inbox.repository';
import { TypeOrmDepartmentRatesRepository } from '../queries/department-rates.repository';
import { TypeOrmIssueViewRepository } from '../queries/issue-view.repository';
import { TypeOrmLedgerRepository } from '../queries/ledger.repository';
import { TypeOrmOverviewRepository } from '../queries/overview.repository';
import { TypeOrmYearEndRepository } from '../queries/year-end.repository';
import { appendStory, createReadModelsHarness, dumpReadModels, type ReadModelsHarness } from '../../test/read-models.harness';
import { departmentRegistered, storyInstant, whistleStory, yearEndStory } from '../../test/whistle-story.factory';
import { IssueStreamReader } from '../streams/issue-stream.reader';
import { ScoringStreamReader } from '../streams/scoring-stream.reader';
import { auditIndexProjection } from './audit-index.projection';
import { departmentInboxProjection } from './department-inbox.projection';
import { issueViewProjection } from './issue-view.projection';
import { ledgerProjection } from './ledger.projection';
import { yearEndProjection } from './year-end.projection';

const DEPARTMENTS: [string, string, string] = ['water', 'roads', 'parks'];
/** I1 lives its whole life; I2 stops after the first department's feedback (10 events). */
const fullStory = whistleStory('I1', DEPARTMENTS);
const partialStory = whistleStory('I2', DEPARTMENTS, 10).slice(0, 10);
const yearEnd = yearEndStory(2025, ['water', 'roads']);
const issueEventsOf = (story: typeof fullStory, issueId: string) => story.filter((append) => append.streamId === `issue-${issueId}`);

describe('read-model projections (given events, expect rows)', () => {
  let harness: ReadModelsHarness;

  const project = (projection: Projection) =>
    new ProjectionRunner({ dataSource: harness.dataSource, eventStore: harness.store, checkpoints: harness.checkpoints, projections: [projection] }).catchUp();

  beforeAll(async () => {
    harness = await createReadModelsHarness('read_model_projections');
    await appendStory(harness.store, [...fullStory, ...partialStory, ...yearEnd]);
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  describe('department inbox', () => {
    beforeAll(() => project(departmentInboxProjection));

    it('keeps one task per routed department with its deadlines and outcomes', async () => {
      const sut = new TypeOrmDepartmentInboxRepository(harness.dataSource);

      const parks = await sut.inbox('parks');

      expect(parks.items).toEqual([
        {
          issueId: 'I1',
          departmentId: 'parks',
          title: 'Blocked drain I1',
          stationId: 'station-0',
          streetId: 'street-north',
          level: 'district',
          mode: 'joint',
          deadlines: [{ deadlineId: 'I1:parks:1', cause: 'department-added', due: storyInstant(9000), lastDay: '2025-03-10', provisional: false, outcome: 'cancelled', remindAt: null, remindedAt: null }],
          nextDueAt: null,
          status: 'closed',
          whistledAt: storyInstant(4600),
          lastFeedbackAt: null,
          urgings: [],
        },
      ]);
    });

    it("shows the station's urgings on the tasks of the departments urged", async () => {
      const sut = new TypeOrmDepartmentInboxRepository(harness.dataSource);

      const roads = await sut.inbox('roads');

      expect(roads.items.map((task) => [task.issueId, task.urgings])).toEqual([
        ['I2', []],
        ['I1', [{ at: storyInstant(300), note: 'please report in' }]],
      ]);
    });

    it('marks a deadline whose department was reminded (督办提醒), and keeps the recomputed reminder instant', async () => {
      const sut = new TypeOrmDepartmentInboxRepository(harness.dataSource);

      const roads = await sut.inbox('roads');

      expect(roads.items.map((task) => [task.issueId, task.deadlines.map((d) => [d.remindAt, d.remindedAt])])).toEqual([
        ['I2', [[storyInstant(10 + 3500), null]]],
        ['I1', [[storyInstant(3500), storyInstant(3500)]]],
      ]);
    });

    it('orders open tasks by next due instant, taking a recomputed deadline into account', async () => {
      const sut = new TypeOrmDepartmentInboxRepository(harness.dataSource);

      const roads = await sut.inbox('roads');
      const water = await sut.inbox('water', { status: 'feedback-given' });

      expect(roads.items.map((task) => [task.issueId, task.status, task.nextDueAt])).toEqual([
        ['I2', 'open', storyInstant(10 + 4500)],
        ['I1', 'closed', null],
      ]);
      expect(water.items.map((task) => [task.issueId, task.lastFeedbackAt, task.nextDueAt])).toEqual([['I2', storyInstant(10 + 200), storyInstant(10 + 5000)]]);
    });

    it('filters by due-before and pages', async () => {
      const sut = new TypeOrmDepartmentInboxRepository(harness.dataSource);

      const due = await sut.inbox('roads', { dueBefore: new Date(storyInstant(10 + 4501)) });
      const notYet = await sut.inbox('roads', { dueBefore: new Date(storyInstant(10 + 4500)) });
      const secondPage = await sut.inbox('roads', { page: 2, pageSize: 1 });
      const pastTheEnd = await sut.inbox('roads', { page: 3, pageSize: 1 });

      expect(due).toMatchObject({ total: 1, items: [{ issueId: 'I2' }] });
      expect(notYet).toMatchObject({ total: 0, items: [] });
      expect(secondPage).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ issueId: 'I1' }] });
      expect(pastTheEnd).toMatchObject({ total: 2, page: 3, items: [] });
    });
  });

  describe('issue view', () => {
    beforeAll(() => project(issueViewProjection));

    it('holds the issue, its level history and its deadlines', async () => {
      const sut = new TypeOrmIssueViewRepository(harness.dataSource);

      const issue = await sut.issue('I1');

      expect(issue).toMatchObject({
        issueId: 'I1',
        status: 'closed',
        level: 'district',
        whistleMode: 'joint',
        departments: ['water', 'roads', 'parks'],
        raisedAt: storyInstant(0),
        whistledAt: storyInstant(100),
        resolvedAt: storyInstant(4900),
        resolvedBy: 'water',
        closedAt: storyInstant(5000),
        satisfaction: 'basicallySatisfied',
        timeLimit: null,
        fourLists: { problem: 'drain blocked', tasks: 'clear it', responsibleParty: 'water', acceptanceStandard: 'flows' },
        streamRevision: issueEventsOf(fullStory, 'I1').length - 1,
        levelHistory: [
          { level: 'community', cause: 'raised', at: storyInstant(0) },
          { level: 'street', cause: 'time-limit', at: storyInstant(60) },
          { level: 'district', cause: 'manual', at: storyInstant(90) },
        ],
      });
      expect(issue!.deadlines.map((deadline) => [deadline.departmentId, deadline.outcome, deadline.due, deadline.provisional, deadline.settledAt])).toEqual([
        ['water', 'met', storyInstant(5000), false, storyInstant(200)],
        ['roads', 'missed', storyInstant(4500), false, storyInstant(4500)],
        ['parks', 'cancelled', storyInstant(9000), false, storyInstant(4700)],
      ]);
    });

    it('answers null for an unknown issue', async () => {
      await expect(new TypeOrmIssueViewRepository(harness.dataSource).issue('nope')).resolves.toBeNull();
    });

    it('searches by department, status and raised date', async () => {
      const sut = new TypeOrmIssueViewRepository(harness.dataSource);

      const byDepartment = await sut.search({ departmentId: 'parks' });
      const open = await sut.search({ status: 'open', level: 'district', streetId: 'street-north' });
      const raisedLater = await sut.search({ raisedFrom: new Date(storyInstant(5)) });
      const all = await sut.search({});

      expect(byDepartment.items.map((issue) => issue.issueId)).toEqual(['I1']);
      expect(open.items.map((issue) => issue.issueId)).toEqual(['I2']);
      expect(raisedLater.items.map((issue) => issue.issueId)).toEqual(['I2']);
      expect(all).toMatchObject({ total: 2, items: [{ issueId: 'I2' }, { issueId: 'I1' }] });
    });
  });

  describe('ledger', () => {
    beforeAll(() => project(ledgerProjection));

    it('books each entry once by department and year, and totals them', async () => {
      const sut = new TypeOrmLedgerRepository(harness.dataSource);

      const roads = await sut.ledger('roads', 2025);
      const totals = await sut.totals(2025);

      expect(roads).toMatchObject({
        total: -3,
        entries: [{ entryId: 'missed:I1:roads:1', points: -3, reason: 'feedback-missed', issueId: 'I1', deadlineId: 'I1:roads:1', causedBy: derivedEventId('I1:missed-roads') }],
      });
      expect(totals).toEqual([
        { departmentId: 'water', year: 2025, total: 0.5, entryCount: 1 },
        { departmentId: 'roads', year: 2025, total: -3, entryCount: 1 },
      ]);
    });
  });

  describe('audit index', () => {
    beforeAll(() => project(auditIndexProjection));

    it('lists every event about the issue in global order with its actor', async () => {
      const sut = new TypeOrmAuditTrailRepository(harness.dataSource);

      const trail = await sut.audit('I1');

      const expected = fullStory.filter((append) => append.streamId === 'issue-I1' || append.event.data.issueId === 'I1');
      expect(trail.map((entry) => [entry.eventId, entry.type, entry.actor])).toEqual(
        expected.map((append) => [append.event.id, append.event.type, append.event.metadata!.actor]),
      );
      expect(trail.map((entry) => BigInt(entry.globalPosition))).toEqual([...trail.map((entry) => BigInt(entry.globalPosition))].sort((a, b) => (a < b ? -1 : 1)));
      expect(trail[0]).toMatchObject({ streamId: 'issue-I1', revision: 0, at: storyInstant(0), issueId: 'I1' });
    });
  });

  describe('year end', () => {
    beforeAll(() => project(yearEndProjection));

    it('keeps interviews, the latest ranking, reconciliation reports and bonuses', async () => {
      const sut = new TypeOrmYearEndRepository(harness.dataSource);

      expect((await sut.interviews(2025)).map((interview) => [interview.departmentId, interview.reason])).toEqual([
        ['roads', 'consecutive-missed-feedback'],
        ['roads', 'last-in-ranking'],
      ]);
      expect(await sut.ranking(2025)).toMatchObject({ final: true, places: [{ departmentId: 'water', rank: 1, total: 60 }, { departmentId: 'roads', rank: 2, total: 59 }] });
      expect(await sut.reconciliation(2025)).toMatchObject([{ final: true, differences: [{ departmentId: 'water', entryId: 'x' }] }]);
      expect(await sut.bonuses(2025)).toMatchObject([{ departmentId: 'water', rank: 1, partyBuilding: 2, stationing: 1 }]);
      expect(await sut.ranking(2024)).toBeNull();
    });
  });

  describe('department rates', () => {
    it('computes on-time feedback, resolution and satisfaction rates from the issue view', async () => {
      const sut = new TypeOrmDepartmentRatesRepository(harness.dataSource);

      const rates = await sut.rates({ year: 2025 });

      // I1 closed basically satisfied: content for every department that worked on it; I2 is not closed.
      const closings = { issuesClosed: 1, closingsEvaluated: 1, satisfaction: 1 };
      expect(rates).toEqual([
        { departmentId: 'parks', feedbackDeadlinesMet: 0, feedbackDeadlinesMissed: 0, onTimeFeedbackRate: null, issuesWhistled: 1, resolutionRate: 1, ...closings },
        { departmentId: 'roads', feedbackDeadlinesMet: 0, feedbackDeadlinesMissed: 1, onTimeFeedbackRate: 0, issuesWhistled: 2, resolutionRate: 0.5, ...closings },
        { departmentId: 'water', feedbackDeadlinesMet: 1, feedbackDeadlinesMissed: 0, onTimeFeedbackRate: 1, issuesWhistled: 2, resolutionRate: 0.5, ...closings },
      ]);
      expect(await sut.rates({ year: 2024 })).toEqual([]);
    });

    it('computes the same rates per station and per street, over the issues raised there', async () => {
      const sut = new TypeOrmDepartmentRatesRepository(harness.dataSource);

      const { stations, streets } = await sut.localUnits(2025);

      // Both issues are raised at station-0 of street-north: I1 closed basically satisfied (one deadline met, one
      // missed, one cancelled), I2 still open with its deadlines pending.
      const counts = { feedbackDeadlinesMet: 1, feedbackDeadlinesMissed: 1, onTimeFeedbackRate: 0.5, issuesRaised: 2, issuesClosed: 1, resolutionRate: 0.5 };
      expect(stations).toEqual([{ stationId: 'station-0', streetId: 'street-north', ...counts, closingsEvaluated: 1, satisfaction: 1 }]);
      expect(streets).toEqual([{ streetId: 'street-north', ...counts, closingsEvaluated: 1, satisfaction: 1 }]);
      expect(await sut.localUnits(2024)).toEqual({ stations: [], streets: [] });
    });
  });

  describe('readers over the read models', () => {
    it('counts the rates per department and month too', async () => {
      const sut = new TypeOrmDepartmentRatesRepository(harness.dataSource);

      const monthly = await sut.monthly(2025);
      const roads = await sut.monthly(2025, 'roads');

      expect(monthly.map((row) => [row.departmentId, row.month, row.feedbackDeadlinesMissed, row.issuesWhistled, row.resolutionRate])).toEqual([
        ['parks', '2025-03', 0, 1, 1],
        ['roads', '2025-03', 1, 2, 0.5],
        ['water', '2025-03', 0, 2, 0.5],
      ]);
      expect(roads).toEqual([
        {
          departmentId: 'roads',
          month: '2025-03',
          feedbackDeadlinesMet: 0,
          feedbackDeadlinesMissed: 1,
          onTimeFeedbackRate: 0,
          issuesWhistled: 2,
          issuesClosed: 1,
          resolutionRate: 0.5,
          closingsEvaluated: 1,
          satisfaction: 1,
        },
      ]);
      expect(await sut.monthly(2024)).toEqual([]);
    });

    it('gives the overview of a day: issues by level and status, deadlines by their last day, interviews of the year', async () => {
      const sut = new TypeOrmOverviewRepository(harness.dataSource);

      // Monday 3 March 2025, 09:00 in Asia/Shanghai: I2's two pending deadlines end on the 6th and 7th.
      const monday = await sut.overview(Date.parse(storyInstant(0)));
      const nextMonday = await sut.overview(Date.parse(storyInstant(7 * 24 * 60)));

      expect(monday).toEqual({
        window: { today: '2025-03-03', weekStart: '2025-03-03', weekEnd: '2025-03-09', month: '2025-03', year: 2025 },
        issues: [
          { level: 'district', status: 'closed', count: 1 },
          { level: 'district', status: 'open', count: 1 },
        ],
        deadlinesDueToday: 0,
        deadlinesDueThisWeek: 2,
        deadlinesMissedThisMonth: 1,
        interviewsPending: 2,
      });
      expect(nextMonday).toMatchObject({ window: { weekStart: '2025-03-10', weekEnd: '2025-03-16' }, deadlinesDueThisWeek: 0 });
    });
  });

  describe(applyToProjection.name, () => {
    it('skips events at or before the checkpoint, so a replayed page changes nothing', async () => {
      const before = await dumpReadModels(harness.dataSource);
      const page = await harness.store.readAll({ maxCount: 50 });

      for (const projection of [departmentInboxProjection, issueViewProjection, ledgerProjection, auditIndexProjection, yearEndProjection]) {
        await applyToProjection(harness, projection, page);
      }

      expect(await dumpReadModels(harness.dataSource)).toEqual(before);
    });
  });

  describe('readers over the streams', () => {
    beforeAll(() => appendStory(harness.store, DEPARTMENTS.map(departmentRegistered)));

    it('reads an issue’s audit trail from its stream, with the hash chain checked', async () => {
      const sut = new IssueStreamReader(harness.store);

      const trail = await sut.auditTrail('I1');

      expect(trail?.events.map((event) => event.id)).toEqual(issueEventsOf(fullStory, 'I1').map((append) => append.event.id));
      expect(trail).toMatchObject({ issueId: 'I1', streamId: 'issue-I1', verification: { ok: true, checked: issueEventsOf(fullStory, 'I1').length } });
      expect(trail?.events[0]).toMatchObject({ revision: 0, type: 'IssueRaised', globalPosition: expect.stringMatching(/^\d+$/) });
      expect(await sut.auditTrail('nope')).toBeUndefined();
    });

    it('shows a department its task on an issue it is on, and nothing on another', async () => {
      const sut = new IssueStreamReader(harness.store);

      const water = await sut.departmentTask('water', 'I1');
      const parks = await sut.departmentTask('parks', 'I1');

      expect(water).toMatchObject({
        issueId: 'I1',
        issueStatus: 'closed',
        mode: 'joint',
        feedback: [{ content: 'on it', at: storyInstant(200) }],
        urgings: [{ note: 'please report in', at: storyInstant(300) }],
      });
      expect(water?.revision).toBe(issueEventsOf(fullStory, 'I1').length - 1);
      expect(parks?.urgings).toEqual([]);
      expect(parks?.deadlines).toMatchObject([{ deadlineId: 'I1:parks:1', cause: 'department-added', lastDay: '2025-03-10', outcome: 'cancelled' }]);
      expect((await sut.departmentTask('roads', 'I1'))?.deadlines).toMatchObject([{ remindAt: storyInstant(3500), remindedAt: storyInstant(3500) }]);
      expect(await sut.departmentTask('nobody', 'I1')).toBeUndefined();
      expect(await sut.departmentTask('water', 'nope')).toBeUndefined();
    });

    it('reads the scoring streams: a checked ledger, rankings, reports and interviews', async () => {
      const sut = new ScoringStreamReader(harness.store, new ReferenceData(harness.store), new TypeOrmLedgerRepository(harness.dataSource));

      expect(await sut.ledger('roads', 2025)).toMatchObject({
        total: -3,
        entries: [{ entryId: 'missed:I1:roads:1', points: -3, reason: 'feedback-missed', issueId: 'I1', deadlineId: 'I1:roads:1' }],
        verification: { ok: true, checked: 1 },
      });
      expect(await sut.finalRanking(2025)).toEqual({
        year: 2025,
        kind: 'final',
        publishedAt: storyInstant(100_000),
        ranking: [
          { department: 'water', total: 60, rank: 1 },
          { department: 'roads', total: 59, rank: 2 },
        ],
      });
      expect(await sut.finalRanking(2024)).toBeUndefined();
      expect((await sut.provisionalRanking(2025)).ranking).toEqual([
        { department: 'water', total: 0.5, rank: 1 },
        { department: 'parks', total: 0, rank: 2 },
        { department: 'roads', total: -3, rank: 3 },
      ]);
      expect(await sut.reconciliations(2025)).toMatchObject([{ year: 2025, final: true, differences: [{ departmentId: 'water', entryId: 'x' }] }]);
      expect((await sut.interviews({ year: 2025 })).map((interview) => [interview.departmentId, interview.reason, interview.streamId])).toEqual([
        ['roads', 'consecutive-missed-feedback', 'streak-roads'],
        ['roads', 'last-in-ranking', 'yearend-2025'],
      ]);
      expect(await sut.interviews({ departmentId: 'water' })).toEqual([]);
      expect(await sut.yearEndState(2025)).toEqual({ streamId: 'yearend-2025', revision: yearEnd.length - 1, state: { year: 2025, finalReported: true } });
      expect(await sut.yearEndState(2024)).toEqual({ streamId: 'yearend-2024', revision: null, state: { year: 2024, finalReported: false } });
    });
  });
});

describe('projection transaction', () => {
  let harness: ReadModelsHarness;

  beforeAll(async () => {
    harness = await createReadModelsHarness('read_model_atomic');
    await appendStory(harness.store, fullStory);
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  it('commits the rows of an event together with the checkpoint, or neither', async () => {
    const failOn = fullStory[5].event.id;
    const failing: Projection = {
      ...issueViewProjection,
      name: 'test.failing-issue-view',
      apply: async (event, tx) => {
        await issueViewProjection.apply(event, tx);
        if (event.id === failOn) throw new Error('crash while applying the whistle');
      },
    };
    const events = await harness.store.readAll();

    for (const event of events.slice(0, 5)) await applyToProjection(harness, failing, [event]);
    await expect(applyToProjection(harness, failing, [events[5]])).rejects.toThrow('crash while applying the whistle');

    expect(await harness.checkpoints.load(failing.name)).toBe(events[4].globalPosition);
    const row: { whistle_mode: string | null; stream_revision: number }[] = await harness.dataSource.query(
      `SELECT whistle_mode, stream_revision FROM read_models.issue_view WHERE issue_id = 'I1'`,
    );
    expect(row).toEqual([{ whistle_mode: null, stream_revision: 4 }]);
  });
});
