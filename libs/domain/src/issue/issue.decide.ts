import { Due, Period, periodDue } from '../calendar/period';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { PolicyBook } from '../policy/policy';
import { feedbackReminderAt } from '../reminder/feedback-reminder';
import { DomainError } from '../shared/domain-error';
import { EpochMs, IsoInstant, toIso } from '../time/instant';
import { TimeZone } from '../time/time-zone';
import { IssueCommand } from './issue.commands';
import { DeadlineCause, IssueEvent, Level, LEVEL_OF_LOCAL_UNIT, LocalUnit, Satisfaction, SATISFACTIONS } from './issue.events';
import { evolve, evolveOwned, FeedbackDeadline, isWaiting, Issue, IssueState } from './issue.state';
import { Organisation } from './organisation';

export interface DecisionContext {
  policy: PolicyBook;
  calendar: WorkingDayCalendar;
  zone: TimeZone;
  organisation: Organisation;
}

/** Deadline ids are derived from the issue and a sequence, so every path that decides gets the same id. */
export function deadlineIdOf(issueId: string, sequence: number): string {
  return `${issueId}#${sequence}`;
}

export function deadlineSequence(deadlineId: string): number {
  return Number(deadlineId.slice(deadlineId.lastIndexOf('#') + 1));
}

export function issueIdOfDeadline(deadlineId: string): string {
  return deadlineId.slice(0, deadlineId.lastIndexOf('#'));
}

/**
 * decide(command, state) → events, or a DomainError. Before the command itself, every time limit and
 * deadline that fell due at or before the command's instant is settled: a late act is late whether or
 * not a timer has told us yet.
 */
export function decide(command: IssueCommand, state: IssueState, context: DecisionContext): IssueEvent[] {
  return decideAndEvolve(command, state, context).events;
}

/**
 * decide, with the issue as each event leaves it (`states[i]` after `events[i]`): deciding folds them anyway, and a
 * caller that keeps the state (the simulation) need not fold them again.
 */
export function decideAndEvolve(command: IssueCommand, state: IssueState, context: DecisionContext): { events: IssueEvent[]; states: Issue[] } {
  if (command.type === 'RaiseIssue') return raise(command, state, context);
  if (state === null) throw new DomainError('ISSUE.NOT_FOUND', 'the issue has not been raised');
  const decision = new Decision(state, context);
  decideOn(decision, command);
  return decision;
}

/** What a caller deciding in place sees of each event: the issue just before it is folded in (but IssueRaised's), and just after. */
export interface EventObserver {
  before(event: IssueEvent, issue: Issue): void;
  after(event: IssueEvent, issue: Issue): void;
}

/**
 * decide, folding each event into `state` in place (evolveOwned): for a caller that owns the state (see evolveOwned).
 * Returns the issue as the events leave it: `state` itself, or the new issue of a RaiseIssue. On a DomainError the
 * events folded before it have changed `state` all the same: the caller keeps a copy if it must undo them.
 */
export function decideInPlace(command: IssueCommand, state: IssueState, context: DecisionContext, observer: EventObserver): Issue {
  if (command.type === 'RaiseIssue') {
    const raised = raisedEvent(command, state, context);
    const issue = evolveOwned(null, raised) as Issue;
    observer.after(raised, issue);
    const decision = new Decision(issue, context, observer);
    decision.startTimeLimit('community', command.at);
    return decision.issue;
  }
  if (state === null) throw new DomainError('ISSUE.NOT_FOUND', 'the issue has not been raised');
  const decision = new Decision(state, context, observer);
  decideOn(decision, command);
  return decision.issue;
}

function decideOn(decision: Decision, command: Exclude<IssueCommand, { type: 'RaiseIssue' }>): void {
  if (command.type === 'Tick') decision.sendReminders(command.at);
  decision.settleDue(command.at);
  switch (command.type) {
    case 'Tick':
      break;
    case 'EscalateIssue':
      escalate(decision, command.at, command.by);
      break;
    case 'BlowWhistle':
      blowWhistle(decision, command);
      break;
    case 'AddDepartment':
      addDepartment(decision, command.departmentId, command.at);
      break;
    case 'GiveFeedback':
      giveFeedback(decision, command.departmentId, command.at, command.content);
      break;
    case 'HoldCoordinationMeeting':
      holdMeeting(decision, command.at);
      break;
    case 'UrgeDepartments':
      urgeDepartments(decision, command.note, command.at);
      break;
    case 'ReportResolution':
      reportResolution(decision, command, command.at);
      break;
    case 'ConfirmClosing':
      confirmClosing(decision, command.at, command.satisfaction);
      break;
    case 'RejectClosing':
      rejectClosing(decision, command.at, command.reason);
      break;
    case 'RecomputeProvisionalDeadlines':
      recomputeProvisional(decision, command.at);
      break;
    default: {
      const unknownCommand: never = command;
      throw new DomainError('COMMAND.UNKNOWN', `unknown command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

/**
 * Accumulates events and keeps the state they lead to, so later rules of one command see earlier ones: each state
 * anew (evolve), or with an observer the one state changed in place (evolveOwned), the observer seeing each event.
 */
class Decision {
  readonly events: IssueEvent[] = [];
  readonly states: Issue[] = [];

  constructor(
    private current: Issue,
    readonly context: DecisionContext,
    private readonly observer?: EventObserver,
  ) {}

  get issue(): Issue {
    return this.current;
  }

  emit(event: IssueEvent): void {
    const observer = this.observer;
    if (observer === undefined) {
      this.events.push(event);
      this.current = evolve(this.current, event) as Issue;
      this.states.push(this.current);
      return;
    }
    observer.before(event, this.current);
    evolveOwned(this.current, event);
    observer.after(event, this.current);
  }

  due(start: EpochMs, period: (policy: ReturnType<PolicyBook['at']>) => Period): Due {
    const { policy, calendar, zone } = this.context;
    return periodDue(start, period(policy.at(start)), calendar, zone);
  }

  startTimeLimit(level: Level, at: EpochMs): void {
    if (level !== 'community' && level !== 'street') return;
    const limit = this.due(at, (p) => (level === 'community' ? p.communityLimit : p.streetLimit));
    this.emit({
      type: 'LevelTimeLimitSet',
      data: { level, startedAt: toIso(at), due: toIso(limit.due), lastDay: limit.lastDay, provisional: limit.provisional },
    });
  }

  /** The reminder instant of a deadline started at `startedAt` and due at `due`, as event data (absent: none). */
  remindAt(startedAt: EpochMs, due: EpochMs): { remindAt?: IsoInstant } {
    const reminder = feedbackReminderAt({ startedAt, due }, this.context);
    return reminder === undefined ? {} : { remindAt: toIso(reminder.at) };
  }

  setDeadline(departmentId: string, cause: DeadlineCause, at: EpochMs): void {
    const feedback = this.due(at, (p) => p.feedback);
    this.emit({
      type: 'FeedbackDeadlineSet',
      data: {
        deadlineId: deadlineIdOf(this.current.issueId, this.current.deadlines.length + 1),
        departmentId,
        cause,
        startedAt: toIso(at),
        due: toIso(feedback.due),
        lastDay: feedback.lastDay,
        provisional: feedback.provisional,
        ...this.remindAt(at, feedback.due),
      },
    });
  }

  /**
   * 督办提醒, on a timer only: every deadline still pending (so still owed) whose reminder instant has come is reminded
   * once, dated at that instant. Reminders and what fell due before each are taken in time order, so a timer that
   * fires late (the worker was down) still records each reminder owed before the miss it preceded. A provisional
   * deadline has no timer for its reminder either: it waits like its due.
   */
  sendReminders(at: EpochMs): void {
    for (;;) {
      const next = earliest(this.current.deadlines, (d) => (isReminderDue(d) && d.remindAt <= at ? d.remindAt : undefined));
      if (next === undefined) return;
      this.settleDue(next.remindAt as EpochMs);
      const deadline = this.current.deadlines.find((d) => d.deadlineId === next.deadlineId);
      if (deadline === undefined || !isReminderDue(deadline)) continue;
      this.emit({
        type: 'FeedbackReminderSent',
        data: { deadlineId: deadline.deadlineId, departmentId: deadline.departmentId, due: toIso(deadline.due), at: toIso(deadline.remindAt) },
      });
    }
  }

  /**
   * Settles, in due order, what fell due at or before `at`: missed deadlines and expired time limits. A provisional
   * deadline is not missed at its due instant: it waits for its year's schedule (RULES.md §3).
   */
  settleDue(at: EpochMs): void {
    for (;;) {
      const overdue = earliest(this.current.deadlines, (d) => (d.outcome === 'pending' && !d.provisional && d.due <= at ? d.due : undefined));
      const limit = this.current.status === 'open' ? this.current.timeLimit : null;
      const limitDue = limit && limit.due <= at ? limit.due : undefined;
      if (overdue && (limitDue === undefined || overdue.due <= limitDue)) {
        this.emit({
          type: 'FeedbackDeadlineMissed',
          data: { deadlineId: overdue.deadlineId, departmentId: overdue.departmentId, due: toIso(overdue.due), lastDay: overdue.lastDay },
        });
      } else if (limit && limitDue !== undefined) {
        const to: Level = limit.level === 'community' ? 'street' : 'district';
        this.emit({ type: 'IssueEscalated', data: { from: limit.level, to, cause: 'time-limit', at: toIso(limitDue) } });
        this.startTimeLimit(to, limitDue);
      } else {
        return;
      }
    }
  }

  /**
   * Feedback and a report of resolution meet every open deadline the department has on the issue; one that waits
   * for its year's schedule keeps the answer's instant (evolve) and is settled at publication.
   */
  meetDeadlines(departmentId: string, at: EpochMs): void {
    this.current.deadlines
      .filter((d) => d.departmentId === departmentId && d.outcome === 'pending' && !isWaiting(d, at))
      .forEach((d) => this.emit({ type: 'FeedbackDeadlineMet', data: { deadlineId: d.deadlineId, departmentId, at: toIso(at) } }));
  }
}

function raise(
  command: Extract<IssueCommand, { type: 'RaiseIssue' }>,
  state: IssueState,
  context: DecisionContext,
): { events: IssueEvent[]; states: Issue[] } {
  const raised = raisedEvent(command, state, context);
  const issue = evolve(null, raised) as Issue;
  const decision = new Decision(issue, context);
  decision.startTimeLimit('community', command.at);
  return { events: [raised, ...decision.events], states: [issue, ...decision.states] };
}

/** The IssueRaised event of a RaiseIssue command, or the DomainError refusing it. */
function raisedEvent(command: Extract<IssueCommand, { type: 'RaiseIssue' }>, state: IssueState, context: DecisionContext): IssueEvent {
  if (state !== null) throw new DomainError('ISSUE.ALREADY_RAISED', `issue ${state.issueId} has already been raised`, 'issueId');
  if (command.issueId.trim() === '') throw new DomainError('ISSUE.ID_REQUIRED', 'an issue needs an id', 'issueId');
  const streetId = context.organisation.streetOfStation(command.stationId);
  if (streetId === undefined) {
    throw new DomainError('ORGANISATION.UNKNOWN_STATION', `station ${command.stationId} is not a known station`, 'stationId');
  }
  if (command.title.trim() === '') throw new DomainError('ISSUE.TITLE_REQUIRED', 'an issue needs a title', 'title');
  return {
    type: 'IssueRaised',
    data: {
      issueId: command.issueId,
      stationId: command.stationId,
      streetId,
      title: command.title,
      fourLists: command.fourLists,
      at: toIso(command.at),
    },
  };
}

function requireOpen(issue: Issue, act: string): void {
  if (issue.status === 'closed') throw new DomainError('ISSUE.CLOSED', `issue ${issue.issueId} is closed; it cannot be ${act}`);
  if (issue.status === 'resolved') {
    throw new DomainError(
      'ISSUE.AWAITING_CONFIRMATION',
      `issue ${issue.issueId} is reported resolved and awaits the station's confirmation; it cannot be ${act}`,
    );
  }
}

function requireOnIssue(issue: Issue, departmentId: string): void {
  if (!issue.departments.some((d) => d.departmentId === departmentId)) {
    throw new DomainError('DEPARTMENT.NOT_ON_ISSUE', `department ${departmentId} is not on issue ${issue.issueId}`, 'departmentId');
  }
}

/** A station or street acts on the issue only while it is at that unit's level. */
function requireAtLevelOf(issue: Issue, by: LocalUnit | undefined, act: string): void {
  if (by === undefined || issue.level === LEVEL_OF_LOCAL_UNIT[by]) return;
  throw new DomainError(
    'ISSUE.NOT_AT_LEVEL',
    `issue ${issue.issueId} is at ${issue.level} level; the ${by} ${act} it only at ${LEVEL_OF_LOCAL_UNIT[by]} level`,
  );
}

function escalate(decision: Decision, at: EpochMs, by: LocalUnit | undefined): void {
  const issue = decision.issue;
  requireOpen(issue, 'escalated');
  requireAtLevelOf(issue, by, 'escalates');
  if (issue.level === 'district') {
    throw new DomainError(
      'ISSUE.ESCALATE_FROM_DISTRICT',
      `issue ${issue.issueId} is at district level; the way to the city is a transfer whistle`,
    );
  }
  if (issue.level === 'city') throw new DomainError('ISSUE.AT_TOP', `issue ${issue.issueId} is already at city level`);
  const to: Level = issue.level === 'community' ? 'street' : 'district';
  decision.emit({ type: 'IssueEscalated', data: { from: issue.level, to, cause: 'manual', at: toIso(at) } });
  decision.startTimeLimit(to, at);
}

function blowWhistle(decision: Decision, command: Extract<IssueCommand, { type: 'BlowWhistle' }>): void {
  const issue = decision.issue;
  const { organisation } = decision.context;
  requireOpen(issue, 'whistled');
  if (issue.whistle !== null) {
    throw new DomainError(
      'WHISTLE.ALREADY_BLOWN',
      `the whistle has already been blown on issue ${issue.issueId}; add a department instead`,
    );
  }
  if (issue.level !== 'district') {
    throw new DomainError(
      'ISSUE.NOT_AT_DISTRICT',
      `issue ${issue.issueId} is at ${issue.level} level; a whistle needs it at district level`,
    );
  }
  const { mode, departments } = command;
  if (!Array.isArray(departments) || departments.length === 0) {
    throw new DomainError('WHISTLE.NO_DEPARTMENT', 'a whistle names at least one district department', 'departments');
  }
  departments.forEach((departmentId, index) => {
    if (!organisation.isDistrictDepartment(departmentId)) {
      throw new DomainError('ORGANISATION.UNKNOWN_DEPARTMENT', `${departmentId} is not a district department`, `departments[${index}]`);
    }
    if (departments.indexOf(departmentId) !== index) {
      throw new DomainError('WHISTLE.DUPLICATE_DEPARTMENT', `department ${departmentId} is named twice`, `departments[${index}]`);
    }
  });
  if (mode === 'joint' && departments.length < 2) {
    throw new DomainError('WHISTLE.JOINT_NEEDS_TWO', 'a joint whistle names two or more departments', 'departments');
  }
  if ((mode === 'single' || mode === 'transfer') && departments.length !== 1) {
    throw new DomainError('WHISTLE.ONE_DEPARTMENT', `a ${mode} whistle names exactly one department`, 'departments');
  }
  if (mode === 'transfer') {
    if (command.cityDepartment === undefined) {
      throw new DomainError('WHISTLE.CITY_DEPARTMENT_REQUIRED', 'a transfer names the city department', 'cityDepartment');
    }
    if (!organisation.isCityDepartment(command.cityDepartment)) {
      throw new DomainError('ORGANISATION.UNKNOWN_CITY_DEPARTMENT', `${command.cityDepartment} is not a city department`, 'cityDepartment');
    }
  } else if (command.cityDepartment !== undefined) {
    throw new DomainError('WHISTLE.CITY_DEPARTMENT_ONLY_FOR_TRANSFER', `a ${mode} whistle names no city department`, 'cityDepartment');
  }
  decision.emit({
    type: 'WhistleBlown',
    data: {
      mode,
      departments: [...departments],
      ...(mode === 'transfer' ? { cityDepartment: command.cityDepartment } : {}),
      at: toIso(command.at),
    },
  });
  departments.forEach((departmentId) => decision.setDeadline(departmentId, 'whistle', command.at));
}

function addDepartment(decision: Decision, departmentId: string, at: EpochMs): void {
  const issue = decision.issue;
  requireOpen(issue, 'given another department');
  if (issue.whistle === null) {
    throw new DomainError('WHISTLE.NOT_BLOWN', `issue ${issue.issueId} has not been whistled; departments join through a whistle first`);
  }
  if (!decision.context.organisation.isDistrictDepartment(departmentId)) {
    throw new DomainError('ORGANISATION.UNKNOWN_DEPARTMENT', `${departmentId} is not a district department`, 'departmentId');
  }
  if (issue.departments.some((d) => d.departmentId === departmentId)) {
    throw new DomainError('DEPARTMENT.ALREADY_ON_ISSUE', `department ${departmentId} is already on issue ${issue.issueId}`, 'departmentId');
  }
  decision.emit({ type: 'DepartmentAdded', data: { departmentId, at: toIso(at) } });
  decision.setDeadline(departmentId, 'department-added', at);
}

function giveFeedback(decision: Decision, departmentId: string, at: EpochMs, content?: string): void {
  const issue = decision.issue;
  if (issue.status === 'closed') throw new DomainError('ISSUE.CLOSED', `issue ${issue.issueId} is closed; feedback is no longer taken`);
  requireOnIssue(issue, departmentId);
  decision.emit({ type: 'FeedbackGiven', data: { departmentId, ...(content !== undefined ? { content } : {}), at: toIso(at) } });
  decision.meetDeadlines(departmentId, at);
}

function holdMeeting(decision: Decision, at: EpochMs): void {
  const issue = decision.issue;
  requireOpen(issue, 'the subject of a coordination meeting');
  decision.emit({ type: 'CoordinationMeetingHeld', data: { at: toIso(at) } });
  issue.departments.forEach((d) => decision.setDeadline(d.departmentId, 'coordination-meeting', at));
}

function urgeDepartments(decision: Decision, note: string, at: EpochMs): void {
  const issue = decision.issue;
  requireOpen(issue, 'urged');
  if (issue.whistle === null) {
    throw new DomainError('WHISTLE.NOT_BLOWN', `issue ${issue.issueId} has not been whistled; there is no department to urge`);
  }
  if (typeof note !== 'string' || note.trim() === '') throw new DomainError('URGING.NOTE_REQUIRED', 'an urging says what is urged', 'note');
  decision.emit({ type: 'DepartmentsUrged', data: { departments: issue.departments.map((d) => d.departmentId), note, at: toIso(at) } });
}

function reportResolution(decision: Decision, command: { departmentId?: string; by?: LocalUnit }, at: EpochMs): void {
  const issue = decision.issue;
  const { departmentId } = command;
  requireOpen(issue, 'reported resolved');
  requireAtLevelOf(issue, command.by, 'reports');
  if (issue.departments.length === 0) {
    if (departmentId !== undefined) {
      throw new DomainError(
        'RESOLUTION.NO_DEPARTMENT_ON_ISSUE',
        `issue ${issue.issueId} has no department on it; the station or street reports its resolution, naming none`,
        'departmentId',
      );
    }
    if (issue.level === 'district' || issue.level === 'city') {
      throw new DomainError(
        'RESOLUTION.AWAITS_WHISTLE',
        `issue ${issue.issueId} is at ${issue.level} level with no department on it; a department the whistle names reports its resolution`,
      );
    }
  } else {
    if (departmentId === undefined) {
      throw new DomainError(
        'RESOLUTION.DEPARTMENT_REQUIRED',
        `issue ${issue.issueId} is whistled: name the department that resolved it`,
        'departmentId',
      );
    }
    requireOnIssue(issue, departmentId);
  }
  decision.emit({ type: 'ResolutionReported', data: { ...(departmentId !== undefined ? { departmentId } : {}), at: toIso(at) } });
  if (departmentId !== undefined) decision.meetDeadlines(departmentId, at);
}

function confirmClosing(decision: Decision, at: EpochMs, satisfaction: Satisfaction | undefined): void {
  const issue = decision.issue;
  if (issue.status !== 'resolved') {
    throw new DomainError(
      'CLOSING.NOT_RESOLVED',
      `issue ${issue.issueId} is ${issue.status}; only a resolved issue can be confirmed closed`,
    );
  }
  if (satisfaction !== undefined && !SATISFACTIONS.includes(satisfaction)) {
    throw new DomainError('CLOSING.UNKNOWN_SATISFACTION', `satisfaction must be one of ${SATISFACTIONS.join(', ')}`, 'satisfaction');
  }
  decision.emit({ type: 'ClosingConfirmed', data: { ...(satisfaction !== undefined ? { satisfaction } : {}), at: toIso(at) } });
  issue.deadlines
    .filter((d: FeedbackDeadline) => d.outcome === 'pending')
    .forEach((d) =>
      decision.emit({ type: 'FeedbackDeadlineCancelled', data: { deadlineId: d.deadlineId, departmentId: d.departmentId, at: toIso(at) } }),
    );
}

function rejectClosing(decision: Decision, at: EpochMs, reason?: string): void {
  const issue = decision.issue;
  if (issue.status !== 'resolved') {
    throw new DomainError('CLOSING.NOT_RESOLVED', `issue ${issue.issueId} is ${issue.status}; only a resolved issue can be rejected`);
  }
  decision.emit({ type: 'ClosingRejected', data: { ...(reason !== undefined ? { reason } : {}), at: toIso(at) } });
  decision.startTimeLimit(issue.level, at);
}

/**
 * A year's schedule was published (RULES.md §3): every provisional period is computed again. A deadline already met
 * or cancelled keeps its outcome at its new due instant; one that waited is met if the department answered before
 * its new due instant, and missed at once if that instant has passed too; an open one runs to its new due instant.
 */
function recomputeProvisional(decision: Decision, at: EpochMs): void {
  const issue = decision.issue;
  const limit = issue.status === 'open' ? issue.timeLimit : null;
  if (limit?.provisional) {
    const level = limit.level;
    const again = decision.due(limit.startedAt, (p) => (level === 'community' ? p.communityLimit : p.streetLimit));
    if (again.due !== limit.due || !again.provisional) {
      decision.emit({
        type: 'LevelTimeLimitSet',
        data: { level, startedAt: toIso(limit.startedAt), due: toIso(again.due), lastDay: again.lastDay, provisional: again.provisional },
      });
    }
  }
  issue.deadlines
    .filter((d) => d.provisional)
    .forEach((d) => {
      const again = decision.due(d.startedAt, (p) => p.feedback);
      const reminder = decision.remindAt(d.startedAt, again.due);
      const remindAtMoved = reminder.remindAt !== (d.remindAt === undefined ? undefined : toIso(d.remindAt));
      if (again.due !== d.due || !again.provisional || remindAtMoved) {
        decision.emit({
          type: 'FeedbackDeadlineRecomputed',
          data: { deadlineId: d.deadlineId, due: toIso(again.due), lastDay: again.lastDay, provisional: again.provisional, ...reminder },
        });
      }
      if (d.outcome === 'pending' && !again.provisional && d.answeredAt !== undefined && d.answeredAt < again.due) {
        decision.emit({
          type: 'FeedbackDeadlineMet',
          data: { deadlineId: d.deadlineId, departmentId: d.departmentId, at: toIso(d.answeredAt) },
        });
      }
    });
  decision.settleDue(at);
}

/** Whether the open time limit or any feedback deadline (whatever its outcome) counted a day of a year not yet published. */
export function hasProvisionalPeriod(issue: Issue): boolean {
  return (issue.status === 'open' && issue.timeLimit?.provisional === true) || issue.deadlines.some((d) => d.provisional);
}

/** A deadline still owed, not provisional, with a reminder not yet recorded. */
function isReminderDue(deadline: FeedbackDeadline): deadline is FeedbackDeadline & { remindAt: EpochMs } {
  return deadline.outcome === 'pending' && !deadline.provisional && deadline.remindAt !== undefined && deadline.remindedAt === undefined;
}

/**
 * The next instant at which something of this issue falls due, if any: the workflow's next timer — a deadline's due
 * instant or its reminder's. A provisional deadline has neither: it waits for publication.
 */
export function nextDueInstant(issue: Issue): EpochMs | undefined {
  let next = issue.status === 'open' && issue.timeLimit ? issue.timeLimit.due : Number.POSITIVE_INFINITY;
  for (const d of issue.deadlines) {
    if (d.outcome === 'pending' && !d.provisional && d.due < next) next = d.due;
    if (isReminderDue(d) && d.remindAt < next) next = d.remindAt;
  }
  return next === Number.POSITIVE_INFINITY ? undefined : next;
}

/** The first deadline of the least instant `instantOf` gives it; undefined when it gives none any. */
function earliest(deadlines: readonly FeedbackDeadline[], instantOf: (d: FeedbackDeadline) => EpochMs | undefined): FeedbackDeadline | undefined {
  let first: FeedbackDeadline | undefined;
  let firstAt = Number.POSITIVE_INFINITY;
  for (const d of deadlines) {
    const at = instantOf(d);
    if (at !== undefined && (first === undefined || at < firstAt)) {
      first = d;
      firstAt = at;
    }
  }
  return first;
}
