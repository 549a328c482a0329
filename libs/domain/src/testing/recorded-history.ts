import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { decide, DecisionContext, nextDueInstant } from '../issue/issue.decide';
import { IssueEvent } from '../issue/issue.events';
import { evolve, Issue } from '../issue/issue.state';
import { organisationOf } from '../issue/organisation';
import { PolicyBook } from '../policy/policy';
import { ReferenceEvent } from '../reference/reference.events';
import { MinHeap } from '../shared/min-heap';
import { EpochMs, toIso } from '../time/instant';
import { RecordedAct } from '../simulate/from-history';
import { Scenario } from '../simulate/scenario';
import { commandOfStep } from '../simulate/simulation';

/**
 * What the live system would have stored for a scenario, in commit order: its organisation and calendars first, then
 * every act's events and, before each act, the ticks of the deadlines and time limits due by then (as the workflows
 * fire them). Built with decide/evolve alone, for tests and benchmarks of the replay of a recorded history.
 */
export function recordedHistoryOf(scenario: Scenario, registeredAt = '2025-12-01T00:00:00.000Z'): RecordedAct[] {
  const history: RecordedAct[] = [];
  let position = 0n;
  const record = (type: string, data: unknown, issueId?: string) =>
    history.push({ position: (position += 1n), type, data, ...(issueId !== undefined ? { issueId } : {}) });
  const at = registeredAt;
  const chart = scenario.organisation;
  const reference: ReferenceEvent[] = [
    ...chart.streets.map((s): ReferenceEvent => ({ type: 'StreetRegistered', data: { id: s.id, name: s.name, at } })),
    ...chart.stations.map((s): ReferenceEvent => ({ type: 'StationRegistered', data: { id: s.id, name: s.name, streetId: s.street, at } })),
    ...chart.departments.map((d): ReferenceEvent => ({ type: 'DistrictDepartmentRegistered', data: { id: d.id, name: d.name, at } })),
    ...chart.cityDepartments.map((d): ReferenceEvent => ({ type: 'CityDepartmentRegistered', data: { id: d.id, name: d.name, at } })),
    ...scenario.calendars.map((c): ReferenceEvent => ({ type: 'YearScheduleLoaded', data: { ...c, at } })),
  ];
  reference.forEach((e) => record(e.type, e.data));
  let context: DecisionContext = {
    policy: PolicyBook.of(scenario.policy),
    calendar: scenario.calendars.reduce((c, s) => c.withYear(s), WorkingDayCalendar.official()),
    zone: scenario.zone,
    organisation: organisationOf(chart),
  };
  const issues = new Map<string, Issue>();
  const timers = new MinHeap<{ at: EpochMs; order: number; issueId: string }>((a, b) => a.at - b.at || a.order - b.order);
  let order = 0;
  const apply = (issueId: string, events: IssueEvent[]) => {
    for (const event of events) {
      issues.set(issueId, evolve(issues.get(issueId) ?? null, event) as Issue);
      record(event.type, event.data, issueId);
    }
    const due = issues.has(issueId) ? nextDueInstant(issues.get(issueId) as Issue) : undefined;
    if (due !== undefined) timers.push({ at: due, order: (order += 1), issueId });
  };
  const tickUntil = (until: EpochMs) => {
    for (let next = timers.peek(); next !== undefined && next.at <= until; next = timers.peek()) {
      timers.pop();
      const issue = issues.get(next.issueId) as Issue;
      // An entry whose issue has moved on since it was queued is stale.
      if (nextDueInstant(issue) === next.at) apply(next.issueId, decide({ type: 'Tick', at: next.at }, issue, context));
    }
  };
  for (const step of scenario.steps) {
    tickUntil(step.at);
    if (step.do === 'publishCalendar') {
      const schedule = { year: step.year, holidays: step.holidays, workdays: step.workdays };
      record('YearScheduleLoaded', { ...schedule, at: toIso(step.at) });
      context = { ...context, calendar: context.calendar.withYear(schedule) };
      for (const [id, issue] of issues) apply(id, decide({ type: 'RecomputeProvisionalDeadlines', at: step.at }, issue, context));
    } else {
      apply(step.issue, decide(commandOfStep(step), issues.get(step.issue) ?? null, context));
    }
  }
  tickUntil(scenario.until ?? Number.POSITIVE_INFINITY);
  return history;
}
