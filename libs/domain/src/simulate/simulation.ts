import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import {
  Appeal,
  AppealCommand,
  AppealContext,
  appealPeriodEnd,
  AppealState,
  decideAppeal,
  evolveAppeal,
  overturnEntryOf,
} from '../appeal/appeal';
import { AppealOutcome } from '../appeal/appeal.events';
import {
  addOwnedDeadline,
  advanceStreak,
  emptyStreak,
  FeedbackStreak,
  recordOwnedDeadline,
  recountStreak,
  StreakDeadline,
  streakDeadlineOf,
  StreakInterview,
} from '../department/feedback-streak';
import { decideInPlace, DecisionContext, EventObserver, hasProvisionalPeriod, issueIdOfDeadline, nextDueInstant } from '../issue/issue.decide';
import { IssueCommand } from '../issue/issue.commands';
import { DeadlineOutcome, IssueEvent, Level } from '../issue/issue.events';
import { copyOfIssue, FeedbackDeadline, Issue } from '../issue/issue.state';
import { organisationOf } from '../issue/organisation';
import { decideBaseAdjustment } from '../ledger/base-adjustment';
import { baseEntry, LedgerEntry, ledgerEntriesFor, ledgerTotal } from '../ledger/ledger';
import { PolicyBook } from '../policy/policy';
import { AssessmentBonus, rankDepartments, RankingRow, yearEndOutcome } from '../ranking/ranking';
import { DomainError, isDomainError } from '../shared/domain-error';
import { MinHeap } from '../shared/min-heap';
import { EpochMs } from '../time/instant';
import { TimeZone } from '../time/time-zone';
import { yearOf } from '../time/local-date';
import {
  AccountabilityStep,
  checkScenario,
  problemKeyOf,
  PublishCalendarAct,
  problemLines,
  Scenario,
  ScenarioIssueStep,
  ScenarioProblem,
  ScenarioProblems,
  ScenarioStep,
  isAccountabilityAct,
} from './scenario';

export type InterviewReason = 'consecutive-missed-feedback' | 'last-in-ranking';

type InterviewRow = { department: string; at: string; reason: InterviewReason };

/**
 * A recorded appeal that changes nothing under the rules of a replay (docs/simulate.md): at its instant the deadline
 * was met, not yet missed (`pending`) or cancelled, or (`appealsOutOfTime: moot`) the appeal came after their appeal
 * period. Instants as FORMAT.md prints them.
 */
export interface MootAppeal<Instant = string> {
  department: string;
  issue: string;
  deadlineId: string;
  /** The deadline's due instant under the run's rules. */
  due: Instant;
  appealedAt: Instant;
  because: 'met' | 'pending' | 'cancelled' | 'out-of-time';
  /** The recorded decision on it, moot too; absent while undecided. */
  decision?: { outcome: AppealOutcome; at: Instant };
}

export interface SimulationResult {
  year: number;
  ledger: Record<string, { total: number; entries: { at: string; points: number; reason: string; issue?: string }[] }>;
  ranking: RankingRow[];
  assessmentBonuses: AssessmentBonus[];
  interviews: InterviewRow[];
  /** Interviews an overturned appeal withdrew (FORMAT.md version 2); absent when there are none. */
  withdrawnInterviews?: (InterviewRow & { withdrawnAt: string })[];
  /** Recorded appeals the replay's rules make moot, in the order they were filed; absent when there are none. */
  mootAppeals?: MootAppeal[];
  issues: Record<
    string,
    {
      status: Issue['status'];
      level: Level;
      levels: { level: Level; at: string }[];
      deadlines: { department: string; due: string; outcome: DeadlineOutcome; provisional?: true; overturned?: true }[];
    }
  >;
}

/** An interview as the simulation keeps it: of any year, and for consecutive misses with the run that called it. */
interface Interview {
  department: string;
  at: EpochMs;
  reason: InterviewReason;
  /** The year it is listed for: of the run's last missed deadline, or the ranked year. */
  year: number;
  deadlineIds?: string[];
  withdrawnAt?: EpochMs;
}

interface TimerEntry {
  at: EpochMs;
  raisedOrder: number;
  issueId: string;
}

interface IssueSlot {
  issue: Issue;
  raisedOrder: number;
  /** The instant of the timer currently queued for it; older queue entries are stale. */
  queuedAt?: EpochMs;
}

/**
 * Runs a scenario on a virtual clock through the same decide/evolve, calendar, ledger, streak and
 * ranking code as the live system. Timers due at an instant fire before the steps at that instant
 * (an act at the deadline instant is late), and before the year end if it falls at the same instant.
 * Throws ScenarioProblems listing every step the rules refuse.
 */
export function simulate(scenario: Scenario, calendar: WorkingDayCalendar = WorkingDayCalendar.official()): SimulationResult {
  const simulation = new Simulation(scenario, calendar);
  const result = simulation.run();
  if (simulation.problems.length > 0) throw new ScenarioProblems(problemLines(simulation.problems));
  return result;
}

/**
 * A scenario as read from its file, checked and run: the problems of its shape and those the rules find in the
 * steps that have a sound shape are reported together (FORMAT.md version 2).
 */
export function simulateScenario(raw: unknown, calendar: WorkingDayCalendar = WorkingDayCalendar.official()): SimulationResult {
  const { scenario, problems } = checkScenario(raw);
  if (scenario === undefined) throw new ScenarioProblems(problemLines(problems));
  const simulation = new Simulation(scenario, calendar);
  const result = simulation.run();
  const all = [...problems, ...simulation.problems];
  if (all.length > 0) throw new ScenarioProblems(problemLines(all));
  return result;
}

class Simulation {
  private context: DecisionContext;
  private readonly issues = new Map<string, IssueSlot>();
  private readonly timers = new MinHeap<TimerEntry>((a, b) => a.at - b.at || a.raisedOrder - b.raisedOrder);
  private readonly streaks = new Map<string, FeedbackStreak>();
  private readonly touchedStreaks = new Set<string>();
  /** The order of the step that set each deadline (RULES.md §5: equal due instants). */
  private readonly deadlineSetOrder = new Map<string, number>();
  /** The act being decided (its index), and its deadlines as each event left them: taken into streaks once it is not refused. */
  private stepIndex?: number;
  private readonly trackedDeadlines: { departmentId: string; deadline: StreakDeadline; isNew: boolean }[] = [];
  /** The set orders the act being decided changed, and what they were. */
  private readonly setOrderChanges: { deadlineId: string; was: number | undefined }[] = [];
  /** Issues a step was refused on: later steps on them are not run (their problems would be consequences). */
  private readonly refusedIssues = new Set<string>();
  private readonly ledger: LedgerEntry[] = [];
  private readonly interviews: Interview[] = [];
  /** Appeals by the deadline appealed, and the deadlines whose deduction was overturned. */
  private readonly appeals = new Map<string, Appeal>();
  private readonly overturned = new Set<string>();
  /** Recorded appeals moot under the run's rules, by the deadline appealed. */
  private readonly mootAppeals = new Map<string, MootAppeal<EpochMs>>();
  /**
   * A settled deadline's set order is forgotten (a year of them is a lot of memory), unless the scenario has appeals:
   * an overturn counts the department's deadlines again from the first.
   */
  private readonly keepsSetOrder: boolean;
  readonly problems: ScenarioProblem[] = [];
  private readonly yearEndAt: EpochMs;
  private readonly policyAt = (at: EpochMs) => this.context.policy.at(at);
  private yearEnd?: { ranking: RankingRow[]; bonuses: AssessmentBonus[] };

  constructor(
    private readonly scenario: Scenario,
    calendar: WorkingDayCalendar,
  ) {
    this.context = {
      policy: scenario.policyVersions ? PolicyBook.fromVersions(scenario.policyVersions) : PolicyBook.of(scenario.policy),
      calendar: scenario.calendars.reduce((known, schedule) => known.withYear(schedule), calendar),
      zone: scenario.zone,
      organisation: organisationOf(scenario.organisation),
    };
    const { hour, minute } = scenario.policy.yearEnd;
    this.yearEndAt = scenario.zone.atLocalTime(`${scenario.year + 1}-01-01`, hour, minute);
    this.keepsSetOrder = scenario.accountabilitySteps.some((step) => step.do === 'appeal');
    for (const department of scenario.organisation.departments) {
      this.ledger.push(baseEntry(department.id, scenario.year, scenario.policy, scenario.zone));
      this.streaks.set(department.id, emptyStreak(department.id));
    }
  }

  run(): SimulationResult {
    const { steps, accountabilitySteps } = this.scenario;
    for (let i = 0, j = 0; i < steps.length || j < accountabilitySteps.length;) {
      const issueStepFirst = j >= accountabilitySteps.length || (i < steps.length && steps[i].index < accountabilitySteps[j].index);
      const step = issueStepFirst ? steps[i++] : accountabilitySteps[j++];
      this.advanceTo(step.at);
      if (isAccountabilityAct(step)) this.performAccountability(step);
      else this.perform(step);
    }
    this.advanceTo(this.scenario.until ?? this.yearEndAt);
    return this.result();
  }

  private perform(step: ScenarioStep): void {
    if (step.do === 'publishCalendar') return this.publishCalendar(step);
    if (this.refusedIssues.has(step.issue)) return;
    const refuse = (message: string) => {
      this.refusedIssues.add(step.issue);
      this.problems.push({ step: step.index, issue: step.issue, message });
    };
    const slot = this.issues.get(step.issue);
    if (step.do !== 'raise' && slot === undefined) return refuse(`${step.do}: issue "${step.issue}" does not exist (it was never raised)`);
    // A refused act changes nothing: the issue as it was, and the ledger and set orders its events had changed.
    const before = slot && copyOfIssue(slot.issue);
    const ledgerLength = this.ledger.length;
    try {
      this.decide(step.issue, commandOfStep(step), slot, step.index);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (slot && before) slot.issue = before;
      this.ledger.length = ledgerLength;
      this.undoSetOrders();
      this.trackedDeadlines.length = 0;
      return refuse(`${step.do} on issue "${step.issue}": ${error.message} [${error.code}]`);
    }
    this.settleStreaks(step.at);
  }

  /** RULES.md §3: the year's schedule is published; every issue with a provisional period recomputes it now. */
  private publishCalendar(step: PublishCalendarAct & { index: number; at: EpochMs }): void {
    if (this.context.calendar.isPublished(step.year)) {
      this.problems.push({ step: step.index, message: `publishCalendar: the schedule of ${step.year} is already published` });
      return;
    }
    this.context = { ...this.context, calendar: this.context.calendar.withYear(step) };
    for (const [issueId, slot] of this.issues) {
      if (hasProvisionalPeriod(slot.issue))
        this.decide(issueId, { type: 'RecomputeProvisionalDeadlines', at: step.at }, slot);
    }
    this.settleStreaks(step.at);
  }

  /** Fires every timer due at or before `until`, in due order, and the year end when its instant comes. */
  private advanceTo(until: EpochMs): void {
    for (;;) {
      const next = this.timers.peek();
      const yearEndPending = this.yearEnd === undefined && this.yearEndAt <= until;
      if (next && next.at <= until && (!yearEndPending || next.at <= this.yearEndAt)) {
        const at = next.at;
        while (this.timers.peek() && (this.timers.peek() as TimerEntry).at === at) {
          const entry = this.timers.pop() as TimerEntry;
          const slot = this.issues.get(entry.issueId) as IssueSlot;
          if (slot.queuedAt !== entry.at) continue;
          slot.queuedAt = undefined;
          this.decide(entry.issueId, { type: 'Tick', at }, slot);
        }
        this.settleStreaks(at);
      } else if (yearEndPending) {
        this.closeYear();
      } else {
        return;
      }
    }
  }

  /**
   * Decides a command on an issue the simulation owns, folding its events in place, booking their ledger entries and
   * tracking their deadlines; `stepIndex` is the act's.
   */
  private decide(issueId: string, command: IssueCommand, slot: IssueSlot | undefined, stepIndex?: number): void {
    this.stepIndex = stepIndex;
    this.setOrderChanges.length = 0;
    const issue = decideInPlace(command, slot?.issue ?? null, this.context, this.observer);
    if (slot === undefined) {
      slot = { issue, raisedOrder: this.issues.size };
      this.issues.set(issueId, slot);
    }
    for (const { departmentId, deadline, isNew } of this.trackedDeadlines) {
      let streak = this.streaks.get(departmentId);
      if (streak === undefined) {
        streak = emptyStreak(departmentId);
        this.streaks.set(departmentId, streak);
      }
      // The streaks are this run's own: advanceStreak and recountStreak give new ones, nothing else holds them.
      if (isNew) addOwnedDeadline(streak, deadline);
      else recordOwnedDeadline(streak, deadline);
      this.touchedStreaks.add(departmentId);
    }
    this.trackedDeadlines.length = 0;
    this.queueTimer(issueId, slot);
  }

  /** The ledger entries of each event from the issue before it; its deadline as the event leaves it, for its streak. */
  private readonly observer: EventObserver = {
    before: (event, issue) => {
      for (const entry of ledgerEntriesFor(event, issue, this.policyAt, this.context.zone)) this.ledger.push(entry);
    },
    after: (event, issue) => this.trackDeadline(issue, event),
  };

  private trackDeadline(issue: Issue, event: IssueEvent): void {
    const deadlineId = 'deadlineId' in event.data ? event.data.deadlineId : undefined;
    if (deadlineId === undefined) return;
    const deadline = issue.deadlines.find((d) => d.deadlineId === deadlineId);
    if (!deadline) return;
    // Only acts set deadlines, so a FeedbackDeadlineSet always comes with its step's index.
    const isNew = event.type === 'FeedbackDeadlineSet';
    if (isNew) this.changeSetOrder(deadlineId, this.stepIndex);
    this.trackedDeadlines.push({
      departmentId: deadline.departmentId,
      deadline: streakDeadlineOf(issue, deadline, this.deadlineSetOrder.get(deadlineId) as number),
      isNew,
    });
    // Settled with its due instant fixed, a deadline has no event left to come.
    if (deadline.outcome !== 'pending' && !deadline.provisional && !this.keepsSetOrder) this.changeSetOrder(deadlineId, undefined);
  }

  /** Sets (or with undefined forgets) a deadline's set order, noting what it was for an act that is refused. */
  private changeSetOrder(deadlineId: string, order: number | undefined): void {
    this.setOrderChanges.push({ deadlineId, was: this.deadlineSetOrder.get(deadlineId) });
    if (order === undefined) this.deadlineSetOrder.delete(deadlineId);
    else this.deadlineSetOrder.set(deadlineId, order);
  }

  private undoSetOrders(): void {
    for (let i = this.setOrderChanges.length - 1; i >= 0; i -= 1) {
      const { deadlineId, was } = this.setOrderChanges[i];
      if (was === undefined) this.deadlineSetOrder.delete(deadlineId);
      else this.deadlineSetOrder.set(deadlineId, was);
    }
    this.setOrderChanges.length = 0;
  }

  private settleStreaks(now: EpochMs): void {
    const threshold = this.scenario.policy.consecutiveMissesForInterview;
    for (const departmentId of this.touchedStreaks) {
      const { streak, interviews } = advanceStreak(this.streaks.get(departmentId) as FeedbackStreak, threshold, now);
      this.streaks.set(departmentId, streak);
      interviews.forEach((interview) => this.orderInterview(interview));
    }
    this.touchedStreaks.clear();
  }

  private orderInterview(interview: StreakInterview): void {
    const secondMiss = interview.deadlineIds[interview.deadlineIds.length - 1];
    this.interviews.push({
      department: interview.departmentId,
      at: interview.at,
      reason: 'consecutive-missed-feedback',
      year: yearOf(this.deadlineOf(secondMiss).lastDay),
      deadlineIds: interview.deadlineIds,
    });
  }

  /** A base-score decision or an appeal's step (FORMAT.md version 2); refused, its problem names the step. */
  private performAccountability(step: AccountabilityStep): void {
    const key = problemKeyOf(step as unknown as Record<string, unknown>);
    if (key !== undefined && this.refusedIssues.has(key)) return;
    try {
      if (step.do === 'adjustBase') {
        const ledgerOfYear = this.ledger.filter((e) => e.departmentId === step.department && e.year === this.scenario.year);
        const { department: departmentId, points, reason, at } = step;
        const command = { type: 'AdjustBase' as const, departmentId, year: this.scenario.year, points, reason, at };
        this.ledger.push(decideBaseAdjustment(command, ledgerOfYear, this.context));
        return;
      }
      const deadline = this.appealedDeadline(step);
      if (step.deadlineId !== undefined && this.isMoot(step, deadline)) return;
      const before: AppealState = this.appeals.get(deadline.deadlineId) ?? null;
      const command = appealCommandOf(step, deadline.deadlineId);
      const context = this.appealContext();
      const recorded = step.deadlineId !== undefined && this.scenario.appealsOutOfTime !== 'moot';
      const events = decideAppeal(command, before, recorded ? { ...context, standsAsRecorded: true } : context);
      const appeal = events.reduce<AppealState>(evolveAppeal, before) as Appeal;
      this.appeals.set(deadline.deadlineId, appeal);
      if (appeal.status === 'overturned') this.overturn(appeal, step.at);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (key !== undefined) this.refusedIssues.add(key);
      const about = step.do === 'adjustBase' ? `for department "${step.department}"` : `on issue "${step.issue}"`;
      this.problems.push({ step: step.index, issue: key, message: `${step.do} ${about}: ${error.message} [${error.code}]` });
    }
  }

  /**
   * The deadline an appeal's step names: a recorded one by its id, under any rules; else the department's deadline on
   * the issue due at the step's instant, as FORMAT.md's appeal steps name it.
   */
  private appealedDeadline(step: Extract<AccountabilityStep, { issue: string }>): FeedbackDeadline {
    const { deadlineId } = step;
    const named =
      deadlineId !== undefined
        ? (d: FeedbackDeadline) => d.deadlineId === deadlineId
        : (d: FeedbackDeadline) => d.departmentId === step.department && d.due === step.due;
    const deadline = this.issues.get(step.issue)?.issue.deadlines.find(named);
    if (deadline === undefined && deadlineId !== undefined) {
      throw new DomainError('APPEAL.NO_SUCH_DEADLINE', `issue "${step.issue}" has no feedback deadline ${deadlineId}`, 'deadlineId');
    }
    if (deadline === undefined) {
      throw new DomainError(
        'APPEAL.NO_SUCH_DEADLINE',
        `issue "${step.issue}" has no feedback deadline of ${step.department} due at ${this.scenario.zone.format(step.due)}`,
        'due',
      );
    }
    return deadline;
  }

  /**
   * Whether a recorded appeal's step is moot under the run's rules, noting it if so: the appeal when its deadline is not
   * missed at its instant, or with `appealsOutOfTime: moot` when it comes after the appeal period; the decision on a
   * moot appeal. Moot, it changes nothing.
   */
  private isMoot(step: Extract<AccountabilityStep, { issue: string }>, deadline: FeedbackDeadline): boolean {
    const noted = this.mootAppeals.get(deadline.deadlineId);
    if (step.do === 'decideAppeal') {
      if (noted !== undefined) noted.decision = { outcome: step.outcome, at: step.at };
      return noted !== undefined;
    }
    const outOfTime = this.scenario.appealsOutOfTime === 'moot' && step.at >= appealPeriodEnd(deadline.due, this.context).due;
    const because = deadline.outcome !== 'missed' ? deadline.outcome : outOfTime ? 'out-of-time' : undefined;
    if (because === undefined) return false;
    const { deadlineId, due } = deadline;
    this.mootAppeals.set(deadlineId, { department: step.department, issue: step.issue, deadlineId, due, appealedAt: step.at, because });
    return true;
  }

  private appealContext(): AppealContext {
    return {
      ...this.context,
      deadlineOf: (issueId, deadlineId) => {
        const deadline = this.issues.get(issueId)?.issue.deadlines.find((d) => d.deadlineId === deadlineId);
        if (deadline === undefined) return undefined;
        const deduction = this.ledger.find((e) => e.deadlineId === deadlineId && e.reason === 'feedback-missed');
        return { deadline, deduction };
      },
    };
  }

  /**
   * An overturn books the deduction back and counts the deadline as met from now on: the department's deadlines are
   * counted again, an interview no longer called for is withdrawn now and one newly called for is ordered now.
   */
  private overturn(appeal: Appeal, at: EpochMs): void {
    const entry = overturnEntryOf(appeal);
    if (entry !== undefined) this.ledger.push(entry);
    this.overturned.add(appeal.deadlineId);
    const departmentId = appeal.departmentId;
    const inForce = this.interviews.filter(
      (i) => i.department === departmentId && i.deadlineIds !== undefined && i.withdrawnAt === undefined,
    );
    const recount = recountStreak(
      departmentId,
      this.deadlinesOf(departmentId),
      inForce.map((i) => ({ departmentId, at: i.at, deadlineIds: i.deadlineIds as string[] })),
      { threshold: this.scenario.policy.consecutiveMissesForInterview, now: at, overturned: this.overturned },
    );
    this.streaks.set(departmentId, recount.streak);
    const withdrawn = new Set(recount.withdrawn.map((i) => i.deadlineIds.join(',')));
    inForce.filter((i) => withdrawn.has((i.deadlineIds as string[]).join(','))).forEach((i) => (i.withdrawnAt = at));
    recount.ordered.forEach((interview) => this.orderInterview(interview));
  }

  /** A deadline by its id, on its issue (deadlineIdOf): as the issue's events last left it. */
  private deadlineOf(deadlineId: string): FeedbackDeadline {
    const { issue } = this.issues.get(issueIdOfDeadline(deadlineId)) as IssueSlot;
    return issue.deadlines.find((d) => d.deadlineId === deadlineId) as FeedbackDeadline;
  }

  /** Every deadline of the department on every issue, as its streak counts them. */
  private deadlinesOf(departmentId: string): StreakDeadline[] {
    const deadlines: StreakDeadline[] = [];
    for (const { issue } of this.issues.values()) {
      for (const deadline of issue.deadlines) {
        if (deadline.departmentId !== departmentId) continue;
        deadlines.push(streakDeadlineOf(issue, deadline, this.deadlineSetOrder.get(deadline.deadlineId) as number));
      }
    }
    return deadlines;
  }

  private queueTimer(issueId: string, slot: IssueSlot): void {
    const next = nextDueInstant(slot.issue);
    if (next === undefined || next === slot.queuedAt) return;
    slot.queuedAt = next;
    this.timers.push({ at: next, raisedOrder: slot.raisedOrder, issueId });
  }

  private closeYear(): void {
    const ranking = this.rankingNow();
    const { bonuses, lastPlace } = yearEndOutcome(ranking, this.scenario.policy);
    lastPlace.forEach((department) =>
      this.interviews.push({ department, at: this.yearEndAt, reason: 'last-in-ranking', year: this.scenario.year }),
    );
    this.yearEnd = { ranking, bonuses };
  }

  private rankingNow(): RankingRow[] {
    const ledger = this.ledgerOfYear();
    const totals = new Map<string, number>();
    for (const department of this.scenario.organisation.departments) {
      totals.set(department.id, ledgerTotal(ledger.get(department.id) ?? []));
    }
    return rankDepartments(totals);
  }

  /** The year's entries by department: in time order, base first, then by issue id and reason (FORMAT.md). */
  private ledgerOfYear(): Map<string, LedgerEntry[]> {
    const byDepartment = new Map<string, LedgerEntry[]>();
    for (const entry of this.ledger) {
      if (entry.year !== this.scenario.year) continue;
      const list = byDepartment.get(entry.departmentId);
      if (list) list.push(entry);
      else byDepartment.set(entry.departmentId, [entry]);
    }
    byDepartment.forEach((list) => list.sort(compareEntries));
    return byDepartment;
  }

  private result(): SimulationResult {
    const zone = this.scenario.zone;
    const ledger: SimulationResult['ledger'] = {};
    const ledgerOfYear = this.ledgerOfYear();
    for (const department of this.scenario.organisation.departments) {
      const entries = ledgerOfYear.get(department.id) ?? [];
      ledger[department.id] = {
        total: ledgerTotal(entries),
        entries: entries.map((e) => ({
          at: zone.format(e.at),
          points: e.points,
          reason: e.reason,
          ...(e.issueId !== undefined ? { issue: e.issueId } : {}),
        })),
      };
    }
    const issues: SimulationResult['issues'] = {};
    for (const [issueId, { issue }] of this.issues) issues[issueId] = issueOutcomeOf(issue, zone, (id) => this.overturned.has(id));
    const listed = this.interviews
      .filter((i) => i.year === this.scenario.year)
      .sort((a, b) => a.at - b.at || compareText(a.department, b.department) || compareText(a.reason, b.reason));
    const row = (i: Interview): InterviewRow => ({ department: i.department, at: zone.format(i.at), reason: i.reason });
    const withdrawn = listed.filter((i) => i.withdrawnAt !== undefined);
    const moot = [...this.mootAppeals.values()].map(
      ({ department, issue, deadlineId, due, appealedAt, because, decision }): MootAppeal => ({
        department,
        issue,
        deadlineId,
        due: zone.format(due),
        appealedAt: zone.format(appealedAt),
        because,
        ...(decision !== undefined ? { decision: { outcome: decision.outcome, at: zone.format(decision.at) } } : {}),
      }),
    );
    return {
      year: this.scenario.year,
      ledger,
      ranking: this.yearEnd?.ranking ?? this.rankingNow(),
      assessmentBonuses: this.yearEnd?.bonuses ?? [],
      interviews: listed.filter((i) => i.withdrawnAt === undefined).map(row),
      ...(withdrawn.length > 0
        ? { withdrawnInterviews: withdrawn.map((i) => ({ ...row(i), withdrawnAt: zone.format(i.withdrawnAt as EpochMs) })) }
        : {}),
      ...(moot.length > 0 ? { mootAppeals: moot } : {}),
      issues,
    };
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An issue as FORMAT.md prints it: its deadlines by due instant, then department; `overturned` names those overturned. */
export function issueOutcomeOf(
  issue: Issue,
  zone: TimeZone,
  overturned: (deadlineId: string) => boolean,
): SimulationResult['issues'][string] {
  return {
    status: issue.status,
    level: issue.level,
    levels: issue.levels.map((l) => ({ level: l.level, at: zone.format(l.at) })),
    deadlines: [...issue.deadlines]
      .sort((a, b) => a.due - b.due || compareText(a.departmentId, b.departmentId))
      .map((d) => {
        // Set field by field rather than spread: a 100,000-issue year writes millions of these rows.
        const row: SimulationResult['issues'][string]['deadlines'][number] = {
          department: d.departmentId,
          due: zone.format(d.due),
          outcome: d.outcome,
        };
        if (d.provisional) row.provisional = true;
        if (overturned(d.deadlineId)) row.overturned = true;
        return row;
      }),
  };
}

function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  return (
    a.at - b.at ||
    Number(a.reason !== 'base') - Number(b.reason !== 'base') ||
    compareText(a.issueId ?? '', b.issueId ?? '') ||
    compareText(a.reason, b.reason)
  );
}

/** The domain command a scenario step on an issue stands for; the live-path tests drive the same commands. */
/** The appeal command an appeal's step stands for, on the deadline it names. */
export function appealCommandOf(step: Extract<AccountabilityStep, { issue: string }>, deadlineId: string): AppealCommand {
  return step.do === 'appeal'
    ? { type: 'FileAppeal', departmentId: step.department, issueId: step.issue, deadlineId, reason: step.reason, at: step.at }
    : // FORMAT.md gives a decision no reason; the domain asks for one, so the step names itself.
      { type: 'DecideAppeal', outcome: step.outcome, reason: `scenario step ${step.index}`, at: step.at };
}

export function commandOfStep(step: ScenarioIssueStep): IssueCommand {
  const at = step.at;
  switch (step.do) {
    case 'raise':
      return {
        type: 'RaiseIssue',
        issueId: step.issue,
        stationId: step.station,
        title: step.title,
        fourLists: { problem: step.title, tasks: '', responsibleParty: '', acceptanceStandard: '' },
        at,
      };
    case 'escalate':
      return { type: 'EscalateIssue', at };
    case 'whistle':
      return { type: 'BlowWhistle', mode: step.mode, departments: step.departments, cityDepartment: step.cityDepartment, at };
    case 'addDepartment':
      return { type: 'AddDepartment', departmentId: step.department, at };
    case 'feedback':
      return { type: 'GiveFeedback', departmentId: step.department, at };
    case 'meeting':
      return { type: 'HoldCoordinationMeeting', at };
    case 'resolve':
      return { type: 'ReportResolution', departmentId: step.department, at };
    case 'confirm':
      return { type: 'ConfirmClosing', at };
    case 'reject':
      return { type: 'RejectClosing', at };
  }
}
