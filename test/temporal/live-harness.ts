// Drives scenarios through the live path: commands appended to a real PostgreSQL event store at their instants
// → the worker's feeds → issue workflows → timers → activities. Shared by the Temporal integration tests.
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Pool } from 'pg';
import {
  AccountabilityStep,
  AppealCommand,
  commandOfStep,
  DepartmentEvent,
  DEFAULT_POLICY,
  foldIssue,
  foldStreakHistory,
  isDomainError,
  Issue,
  IssueCommand,
  IssueEvent,
  issueOutcomeOf,
  LedgerReason,
  Policy,
  rankDepartments,
  ReferenceEvent,
  REFERENCE_STREAMS,
  Scenario,
  SHANGHAI,
  SimulationResult,
  YearSchedule,
} from '@app/domain';
import { LogFollower, migrateEventStore, PostgresCheckpointStore, PostgresEventStore } from '@app/event-store';
import { AccountabilityCommands, derivedEventId, IssueCommandService, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { issueStateQuery, issueWorkflowIdOf, YEAR_END_WORKFLOW_TYPE, YearEndWorkflowInput, YearEndWorkflowResult } from '@app/temporal';
import { createActivities, WORKFLOWS_PATH } from '@app/temporal/worker';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { workerFeeds } from '../../apps/worker/src/worker-feeds';
import { registerOrganisation } from '../../libs/issues/test/organisation.fixture';

/**
 * Steps run this long before their instant on the server clock (their `at` is data, so the rules see the exact
 * instant): the test server sometimes wedges a workflow whose timer fires in the same millisecond as a signal.
 */
export const STEP_LEAD_MS = 60_000;

export type LiveResult = Pick<SimulationResult, 'ledger' | 'ranking' | 'assessmentBonuses' | 'interviews' | 'issues'>;

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow bundle, built once per test file (webpack takes seconds). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
  });
  return bundle;
}

export interface TemporalSide {
  client: Client;
  nativeConnection: NativeConnection;
  namespace: string;
  /** Server time, ms (the time-skipping server's virtual clock). */
  now(): Promise<number>;
  /** Lets server time pass (time-skipping: virtually). */
  sleep(ms: number): Promise<void>;
}

export class LiveHarness {
  readonly store: PostgresEventStore;
  readonly reference: ReferenceData;
  readonly commands: IssueCommandService;
  readonly accountability: AccountabilityCommands;
  private readonly pool: Pool;
  private worker?: Worker;
  private workerRun?: Promise<void>;
  private delivery?: LogFollower;
  private readonly issueIds = new Set<string>();
  clockOffsetMs = 0;

  private constructor(
    readonly database: FreshDatabase,
    readonly temporal: TemporalSide,
    readonly taskQueue: string,
    policy: Policy,
  ) {
    this.store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 100 });
    this.pool = new Pool({ connectionString: database.url });
    this.reference = new ReferenceData(this.store, policy);
    this.commands = new IssueCommandService(this.store, () => this.reference.decisionContext());
    this.accountability = new AccountabilityCommands(this.store, this.reference);
  }

  static async create(prefix: string, temporal: TemporalSide, taskQueue: string, policy: Policy = DEFAULT_POLICY): Promise<LiveHarness> {
    const database = await createFreshDatabase(prefix);
    await migrateEventStore(database.url);
    return new LiveHarness(database, temporal, taskQueue, policy);
  }

  /** Registers the scenario's organisation as reference events, as the API would. */
  async registerOrganisation(scenario: Scenario): Promise<void> {
    const at = '2025-12-01T00:00:00Z';
    const chart = scenario.organisation;
    const events: ReferenceEvent[] = [
      ...chart.streets.map((s): ReferenceEvent => ({ type: 'StreetRegistered', data: { id: s.id, name: s.name, at } })),
      ...chart.stations.map((s): ReferenceEvent => ({
        type: 'StationRegistered',
        data: { id: s.id, name: s.name, streetId: s.street, at },
      })),
      ...chart.departments.map((d): ReferenceEvent => ({ type: 'DistrictDepartmentRegistered', data: { id: d.id, name: d.name, at } })),
      ...chart.cityDepartments.map((d): ReferenceEvent => ({ type: 'CityDepartmentRegistered', data: { id: d.id, name: d.name, at } })),
    ];
    await registerOrganisation(this.store, events, 'test-organisation');
    // Schedules the scenario knows from the start are loaded before anything happens, as the admin API would.
    for (const schedule of scenario.calendars) await this.loadYearSchedule(schedule, Date.parse(at), `test-calendar/${schedule.year}`);
  }

  /** Loads a year's schedule as the admin API does (YearScheduleLoaded on the calendar stream). */
  async loadYearSchedule(schedule: YearSchedule, at: number, eventKey: string): Promise<void> {
    const event: ReferenceEvent = { type: 'YearScheduleLoaded', data: { ...schedule, at: new Date(at).toISOString() } };
    await this.store.appendToStream(REFERENCE_STREAMS.calendar, [toNewEvent(event, derivedEventId(eventKey))], { expectedRevision: 'any' });
  }

  /** Waits until the delivery's feed `feed` has handed over every event of `stream` (a reference stream). */
  private async delivered(feed: string, stream: string, maxWaitMs = 60_000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const { rows } = await this.pool.query<{ head: string | null }>(
        'SELECT max(global_position) AS head FROM events WHERE stream_id = $1',
        [stream],
      );
      const head = rows[0].head === null ? 0n : BigInt(rows[0].head);
      if ((this.delivery?.deliveredUpTo(feed) ?? 0n) >= head) return;
      if (Date.now() > deadline) throw new Error(`the delivery's ${feed} feed did not hand over ${stream}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Sets domain time so that server "now" is `domainStart`, then starts the worker (with the issue and year-end
   * activities, plus `moreActivities`, e.g. the circulars') and the delivery.
   */
  async start(domainStart: number, moreActivities: Record<string, (...args: never[]) => Promise<unknown>> = {}): Promise<void> {
    this.clockOffsetMs = (await this.temporal.now()) - domainStart;
    this.worker = await Worker.create({
      connection: this.temporal.nativeConnection,
      namespace: this.temporal.namespace,
      taskQueue: this.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: { ...createActivities({ store: this.store, reference: this.reference }), ...moreActivities },
    });
    this.workerRun = this.worker.run();
    this.delivery = workerFeeds({
      store: this.store,
      checkpoints: new PostgresCheckpointStore(this.pool),
      client: this.temporal.client,
      taskQueue: this.taskQueue,
      clockOffsetMs: this.clockOffsetMs,
      reference: this.reference,
    });
    await this.delivery.start();
    // Every registered department holds its base entry before a step decides on its ledger.
    await this.delivered(REFERENCE_STREAMS.organisation, REFERENCE_STREAMS.organisation);
  }

  async domainNow(): Promise<number> {
    return (await this.temporal.now()) - this.clockOffsetMs;
  }

  /** Lets domain time reach `instant` (never backwards). */
  async advanceTo(instant: number): Promise<void> {
    const wait = instant - (await this.domainNow());
    if (wait > 0) await this.temporal.sleep(wait);
  }

  async execute(issueId: string, command: IssueCommand, causationId: string): Promise<void> {
    this.issueIds.add(issueId);
    await this.commands.execute(issueId, command, { causationId, actor: { role: 'test' } });
  }

  /** Runs every step at its instant, waiting after each for the live path to settle, then lets time reach `until`. */
  async drive(scenario: Scenario, until: number): Promise<void> {
    const steps = [...scenario.steps, ...scenario.accountabilitySteps].sort((a, b) => a.index - b.index);
    for (const step of steps) {
      await this.advanceTo(step.at - STEP_LEAD_MS);
      if (step.do === 'adjustBase' || step.do === 'appeal' || step.do === 'decideAppeal') {
        await this.advanceTo(step.at);
        await this.accountable(step, scenario.year);
      } else if (step.do === 'publishCalendar') {
        await this.advanceTo(step.at);
        await this.loadYearSchedule(step, step.at, `scenario/${step.index}`);
        await this.delivered(REFERENCE_STREAMS.calendar, REFERENCE_STREAMS.calendar);
      } else {
        await this.execute(step.issue, commandOfStep(step), `scenario/${step.index}`);
      }
      await this.settle();
    }
    await this.advanceTo(until);
    await this.settle();
  }

  /**
   * A base-score decision or an appeal's step, through the commands the API runs; one the domain refuses writes
   * nothing, as simulate reports it and goes on.
   */
  private async accountable(step: AccountabilityStep, year: number): Promise<void> {
    const options = { causationId: `scenario/${step.index}`, actor: { role: 'test' } };
    try {
      if (step.do === 'adjustBase') {
        const { department: departmentId, points, reason, at } = step;
        await this.accountability.adjustBase({ type: 'AdjustBase', departmentId, year, points, reason, at }, options);
        return;
      }
      const deadline = (await this.issueState(step.issue)).deadlines.find((d) => d.departmentId === step.department && d.due === step.due);
      if (deadline === undefined) return;
      const command: AppealCommand =
        step.do === 'appeal'
          ? {
              type: 'FileAppeal',
              departmentId: step.department,
              issueId: step.issue,
              deadlineId: deadline.deadlineId,
              reason: step.reason,
              at: step.at,
            }
          : { type: 'DecideAppeal', outcome: step.outcome, reason: `scenario step ${step.index}`, at: step.at };
      await this.accountability.appeal(deadline.deadlineId, command, options);
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }

  /**
   * Waits until every stored issue event has been delivered and every issue workflow has no scoring work left and
   * no timer already due (its tick in flight): the live path has caught up with domain time.
   */
  async settle(maxWaitMs = 90_000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    let calm = 0;
    let reason = '';
    let rounds = 0;
    while (Date.now() < deadline) {
      const { rows } = await this.pool.query<{ head: string | null }>(
        "SELECT max(global_position) AS head FROM events WHERE category = 'issue'",
      );
      const head = rows[0].head === null ? 0n : BigInt(rows[0].head);
      const delivered = this.delivery?.deliveredUpTo('issue') ?? 0n;
      const tracked = this.delivery?.deliveredUpTo('streak') ?? 0n;
      const appeals = await this.pool.query<{ head: string | null }>(
        "SELECT max(global_position) AS head FROM events WHERE category = 'appeal'",
      );
      const appealHead = appeals.rows[0].head === null ? 0n : BigInt(appeals.rows[0].head);
      const booked = this.delivery?.deliveredUpTo('appeal') ?? 0n;
      reason =
        delivered < head
          ? `delivered ${delivered} of ${head}`
          : tracked < head
            ? `streaks tracked ${tracked} of ${head}`
            : booked < appealHead
              ? `appeal decisions booked ${booked} of ${appealHead}`
              : await this.workflowsBusy();
      const busy = reason !== '';
      calm = busy ? 0 : calm + 1;
      // A query can be answered before a just-delivered signal is applied: ask for a second of quiet, not a moment.
      if (calm >= 10) return;
      rounds += 1;
      // Retries are server timers (activity backoff; the 10 s workflow task timeout after the test server refuses a
      // completion, which it sometimes does): with time locked they never fire, so nudge the clock when stuck.
      if (busy && rounds % 30 === 0) await this.temporal.sleep(11_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the live path did not settle within ${maxWaitMs} ms: ${reason}`);
  }

  /** Why some issue workflow is not idle yet, or '' when all are. */
  private async workflowsBusy(): Promise<string> {
    const domainNow = await this.domainNow();
    for (const issueId of this.issueIds) {
      const handle = this.temporal.client.workflow.getHandle(issueWorkflowIdOf(issueId));
      const description = await handle.describe().catch(() => undefined);
      if (description === undefined) return `${issueId}: no workflow yet`;
      if (description.status.name === 'COMPLETED') continue;
      if (description.status.name !== 'RUNNING')
        throw new Error(
          `workflow of ${issueId} is ${description.status.name} at domain time ${new Date(domainNow).toISOString()} (closed ${description.closeTime?.toISOString()})`,
        );
      const view = await handle.query(issueStateQuery);
      if (view.pendingWork > 0) return `${issueId}: ${view.pendingWork} pending`;
      if (view.nextDue !== null && Date.parse(view.nextDue) <= domainNow) return `${issueId}: due ${view.nextDue} not ticked`;
    }
    return '';
  }

  async runYearEnd(input: YearEndWorkflowInput, workflowId: string): Promise<YearEndWorkflowResult> {
    return this.temporal.client.workflow.execute<(input: YearEndWorkflowInput) => Promise<YearEndWorkflowResult>>(YEAR_END_WORKFLOW_TYPE, {
      taskQueue: this.taskQueue,
      workflowId,
      args: [{ clockOffsetMs: this.clockOffsetMs, ...input }],
    });
  }

  async issueState(issueId: string): Promise<Issue> {
    const events = await this.store.readStream(`issue-${issueId}`);
    return foldIssue(events.map((e) => toEngineEvent<IssueEvent>(e))) as Issue;
  }

  async departmentEvents(streamId: string): Promise<DepartmentEvent[]> {
    return (await this.store.readStream(streamId)).map((e) => toEngineEvent<DepartmentEvent>(e));
  }

  /** Ledger, ranking, bonuses, interviews and issues of `year` as the live system recorded them. */
  async liveResult(scenario: Scenario, yearClosed: boolean): Promise<LiveResult> {
    const zone = scenario.zone;
    const year = scenario.year;
    const ledger: LiveResult['ledger'] = {};
    const totals = new Map<string, number>();
    const interviews: LiveResult['interviews'] = [];
    const overturned: string[] = [];
    for (const { id } of scenario.organisation.departments) {
      const entries = (await this.departmentEvents(`ledger-${id}-${year}`)).flatMap((e) =>
        e.type === 'LedgerEntryRecorded' ? [e.data] : [],
      );
      const total = Math.round(entries.reduce((sum, e) => sum + e.points, 0) * 1e6) / 1e6;
      totals.set(id, total);
      ledger[id] = {
        total,
        entries: entries.map((e) => ({
          at: zone.format(Date.parse(e.at)),
          points: e.points,
          reason: e.reason as LedgerReason,
          ...(e.issueId !== undefined ? { issue: e.issueId } : {}),
        })),
      };
      const streak = foldStreakHistory(await this.departmentEvents(`streak-${id}`));
      for (const interview of streak.inForce) {
        if (interview.year === year)
          interviews.push({ department: id, at: zone.format(interview.at), reason: 'consecutive-missed-feedback' });
      }
      overturned.push(...streak.overturned);
    }
    let ranking = rankDepartments(totals);
    const assessmentBonuses: LiveResult['assessmentBonuses'] = [];
    if (yearClosed) {
      for (const event of await this.departmentEvents(`yearend-${year}`)) {
        if (event.type === 'YearEndRankingPublished' && event.data.final) ranking = event.data.ranking;
        if (event.type === 'AssessmentBonusGranted') {
          assessmentBonuses.push({
            department: event.data.departmentId,
            partyBuilding: event.data.partyBuilding,
            stationing: event.data.stationing,
          });
        }
        if (event.type === 'InterviewOrdered') {
          interviews.push({ department: event.data.departmentId, at: zone.format(Date.parse(event.data.at)), reason: event.data.reason });
        }
      }
    }
    const issues: LiveResult['issues'] = {};
    for (const issueId of [...this.issueIds].sort()) {
      issues[issueId] = issueOutcomeOf(await this.issueState(issueId), zone, (id) => overturned.includes(id));
    }
    return { ledger, ranking, assessmentBonuses, interviews, issues };
  }

  async close(): Promise<void> {
    await this.delivery?.stop();
    this.worker?.shutdown();
    await this.workerRun?.catch(() => undefined);
    await this.store.close();
    await this.pool.end();
    await this.database.drop();
  }
}

/** The order of ledger lines and interviews at one instant is not part of the contract: compare them sorted. */
export function comparable(result: LiveResult): LiveResult {
  const key = (value: unknown) => JSON.stringify(value);
  const ledger = Object.fromEntries(
    Object.entries(result.ledger).map(([dept, l]) => [
      dept,
      { total: l.total, entries: [...l.entries].sort((a, b) => key(a).localeCompare(key(b))) },
    ]),
  );
  return {
    ...result,
    ledger,
    interviews: [...result.interviews].sort((a, b) => key(a).localeCompare(key(b))),
    assessmentBonuses: [...result.assessmentBonuses].sort((a, b) => key(a).localeCompare(key(b))),
  };
}

export { SHANGHAI };
