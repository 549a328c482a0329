import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { advanceStreak, emptyStreak, FeedbackStreak, recordDeadline, streakDeadlineOf } from '../department/feedback-streak';
import { decide, DecisionContext, nextDueInstant } from '../issue/issue.decide';
import { IssueCommand } from '../issue/issue.commands';
import { DeadlineOutcome, IssueEvent, Level } from '../issue/issue.events';
import { evolve, Issue } from '../issue/issue.state';
import { organisationOf } from '../issue/organisation';
import { baseEntry, LedgerEntry, ledgerEntriesFor, ledgerTotal } from '../ledger/ledger';
import { PolicyBook } from '../policy/policy';
import { AssessmentBonus, rankDepartments, RankingRow, yearEndOutcome } from '../ranking/ranking';
import { isDomainError } from '../shared/domain-error';
import { MinHeap } from '../shared/min-heap';
import { EpochMs } from '../time/instant';
import { yearOf } from '../time/local-date';
import { Scenario, ScenarioProblems, ScenarioStep } from './scenario';

export type InterviewReason = 'consecutive-missed-feedback' | 'last-in-ranking';

export interface SimulationResult {
  year: number;
  ledger: Record<string, { total: number; entries: { at: string; points: number; reason: string; issue?: string }[] }>;
  ranking: RankingRow[];
  assessmentBonuses: AssessmentBonus[];
  interviews: { department: string; at: string; reason: InterviewReason }[];
  issues: Record<
    string,
    {
      status: Issue['status'];
      level: Level;
      levels: { level: Level; at: string }[];
      deadlines: { department: string; due: string; outcome: DeadlineOutcome }[];
    }
  >;
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
 */
export function simulate(scenario: Scenario, calendar: WorkingDayCalendar = WorkingDayCalendar.official()): SimulationResult {
  return new Simulation(scenario, calendar).run();
}

class Simulation {
  private readonly context: DecisionContext;
  private readonly issues = new Map<string, IssueSlot>();
  private readonly timers = new MinHeap<TimerEntry>((a, b) => a.at - b.at || a.raisedOrder - b.raisedOrder);
  private readonly streaks = new Map<string, FeedbackStreak>();
  private readonly touchedStreaks = new Set<string>();
  private readonly deadlineYears = new Map<string, number>();
  private readonly ledger: LedgerEntry[] = [];
  private readonly interviews: { department: string; at: EpochMs; reason: InterviewReason }[] = [];
  private readonly problems: string[] = [];
  private readonly yearEndAt: EpochMs;
  private yearEnd?: { ranking: RankingRow[]; bonuses: AssessmentBonus[] };

  constructor(
    private readonly scenario: Scenario,
    calendar: WorkingDayCalendar,
  ) {
    this.context = {
      policy: PolicyBook.of(scenario.policy),
      calendar,
      zone: scenario.zone,
      organisation: organisationOf(scenario.organisation),
    };
    const { hour, minute } = scenario.policy.yearEnd;
    this.yearEndAt = scenario.zone.atLocalTime(`${scenario.year + 1}-01-01`, hour, minute);
    for (const department of scenario.organisation.departments) {
      this.ledger.push(baseEntry(department.id, scenario.year, scenario.policy, scenario.zone));
      this.streaks.set(department.id, emptyStreak(department.id));
    }
  }

  run(): SimulationResult {
    for (const step of this.scenario.steps) {
      this.advanceTo(step.at);
      this.perform(step);
    }
    this.advanceTo(this.scenario.until ?? this.yearEndAt);
    if (this.problems.length > 0) throw new ScenarioProblems(this.problems);
    return this.result();
  }

  private perform(step: ScenarioStep): void {
    const slot = this.issues.get(step.issue);
    if (step.do !== 'raise' && slot === undefined) {
      this.problems.push(`step ${step.index}: ${step.do}: issue "${step.issue}" does not exist (it was never raised)`);
      return;
    }
    try {
      const events = decide(commandOfStep(step), slot?.issue ?? null, this.context);
      this.apply(step.issue, events);
      this.settleStreaks(step.at);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.problems.push(`step ${step.index}: ${step.do} on issue "${step.issue}": ${error.message} [${error.code}]`);
    }
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
          this.apply(entry.issueId, decide({ type: 'Tick', at }, slot.issue, this.context));
        }
        this.settleStreaks(at);
      } else if (yearEndPending) {
        this.closeYear();
      } else {
        return;
      }
    }
  }

  private apply(issueId: string, events: IssueEvent[]): void {
    let slot = this.issues.get(issueId);
    for (const event of events) {
      if (slot) {
        for (const entry of ledgerEntriesFor(event, slot.issue, (at) => this.context.policy.at(at), this.context.zone)) {
          this.ledger.push(entry);
        }
      }
      const issue = evolve(slot?.issue ?? null, event) as Issue;
      if (!slot) {
        slot = { issue, raisedOrder: this.issues.size };
        this.issues.set(issueId, slot);
      } else {
        slot.issue = issue;
      }
      this.trackDeadline(issue, event);
    }
    if (slot) this.queueTimer(issueId, slot);
  }

  private trackDeadline(issue: Issue, event: IssueEvent): void {
    const deadlineId = 'deadlineId' in event.data ? event.data.deadlineId : undefined;
    if (deadlineId === undefined) return;
    const deadline = issue.deadlines.find((d) => d.deadlineId === deadlineId);
    if (!deadline) return;
    this.deadlineYears.set(deadlineId, yearOf(deadline.lastDay));
    const streak = this.streaks.get(deadline.departmentId) ?? emptyStreak(deadline.departmentId);
    this.streaks.set(
      deadline.departmentId,
      recordDeadline(streak, streakDeadlineOf(issue, deadline)),
    );
    this.touchedStreaks.add(deadline.departmentId);
  }

  private settleStreaks(now: EpochMs): void {
    const threshold = this.scenario.policy.consecutiveMissesForInterview;
    for (const departmentId of this.touchedStreaks) {
      const { streak, interviews } = advanceStreak(this.streaks.get(departmentId) as FeedbackStreak, threshold, now);
      this.streaks.set(departmentId, streak);
      for (const interview of interviews) {
        const secondMiss = interview.deadlineIds[interview.deadlineIds.length - 1];
        if (this.deadlineYears.get(secondMiss) === this.scenario.year) {
          this.interviews.push({ department: departmentId, at: interview.at, reason: 'consecutive-missed-feedback' });
        }
      }
    }
    this.touchedStreaks.clear();
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
    lastPlace.forEach((department) => this.interviews.push({ department, at: this.yearEndAt, reason: 'last-in-ranking' }));
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

  /** The year's entries by department, in time order (a stable sort keeps the order they were booked in). */
  private ledgerOfYear(): Map<string, LedgerEntry[]> {
    const byDepartment = new Map<string, LedgerEntry[]>();
    for (const entry of this.ledger) {
      if (entry.year !== this.scenario.year) continue;
      const list = byDepartment.get(entry.departmentId);
      if (list) list.push(entry);
      else byDepartment.set(entry.departmentId, [entry]);
    }
    byDepartment.forEach((list) => list.sort((a, b) => a.at - b.at));
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
    for (const [issueId, { issue }] of this.issues) {
      issues[issueId] = {
        status: issue.status,
        level: issue.level,
        levels: issue.levels.map((l) => ({ level: l.level, at: zone.format(l.at) })),
        deadlines: [...issue.deadlines]
          .sort((a, b) => a.due - b.due || (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0))
          .map((d) => ({ department: d.departmentId, due: zone.format(d.due), outcome: d.outcome })),
      };
    }
    const interviews = [...this.interviews]
      .sort((a, b) => a.at - b.at || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0))
      .map((i) => ({ department: i.department, at: zone.format(i.at), reason: i.reason }));
    return {
      year: this.scenario.year,
      ledger,
      ranking: this.yearEnd?.ranking ?? this.rankingNow(),
      assessmentBonuses: this.yearEnd?.bonuses ?? [],
      interviews,
      issues,
    };
  }
}

/** The domain command a scenario step stands for; the live-path tests drive the same commands. */
export function commandOfStep(step: ScenarioStep): IssueCommand {
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
