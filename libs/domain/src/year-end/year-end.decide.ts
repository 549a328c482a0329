import { DepartmentEvent } from '../department/department.events';
import { PolicyBook } from '../policy/policy';
import { rankDepartments, yearEndOutcome } from '../ranking/ranking';
import { DomainError } from '../shared/domain-error';
import { EpochMs, IsoInstant, toIso } from '../time/instant';
import { yearOf } from '../time/local-date';
import { TimeZone } from '../time/time-zone';
import { YearRecomputation } from './reconciliation';

/** Where a year's stream `yearend-<year>` stands, as its decisions need it. */
export interface YearEndState {
  year: number;
  /** The final year end is published: the year's reports and ranking are final. */
  finalReported: boolean;
}

export type YearEndCommand =
  /** A provisional year end (临时核算) asked for at `at`; the run it starts publishes with PublishYearEnd. */
  | { type: 'StartProvisionalYearEnd'; year: number; at: EpochMs }
  /**
   * Publishes a recomputation: the reconciliation report and the ranking; a final one (at the year end's own
   * instant) adds the assessment bonuses and the last-place interviews. A provisional one is dated `at`.
   */
  | { type: 'PublishYearEnd'; recomputation: YearRecomputation; final: boolean; at: IsoInstant };

export interface YearEndContext {
  policy: PolicyBook;
  zone: TimeZone;
}

export function evolveYearEnd(state: YearEndState, event: DepartmentEvent): YearEndState {
  return event.type === 'ReconciliationReported' && event.data.final ? { ...state, finalReported: true } : state;
}

export function foldYearEnd(year: number, events: readonly DepartmentEvent[]): YearEndState {
  return events.reduce(evolveYearEnd, { year, finalReported: false });
}

/** Refuses a command for what it says on its own, before the stream is read: a year with no year end to run now. */
export function checkYearEndCommand(command: YearEndCommand, zone: TimeZone): void {
  if (command.type === 'StartProvisionalYearEnd') requireReconcilableYear(command.year, command.at, zone);
}

/** decide(command, state, context) → the events of `yearend-<year>` it publishes, or a DomainError. */
export function decideYearEnd(command: YearEndCommand, state: YearEndState, context: YearEndContext): DepartmentEvent[] {
  checkYearEndCommand(command, context.zone);
  switch (command.type) {
    case 'StartProvisionalYearEnd':
      // A run opens the year's ledger for every department registered now: after the final year end that would
      // write into a closed year (and rank departments the final ranking did not know).
      if (state.finalReported) {
        throw new DomainError(
          'RECONCILIATION.FINAL_PUBLISHED',
          `the final year end of ${command.year} is published; its reports and ranking are final`,
        );
      }
      return [];
    case 'PublishYearEnd':
      return publication(command, context);
  }
}

/** The year under way or the one before (whether that one's final year end is published is the state's). */
function requireReconcilableYear(year: number, at: EpochMs, zone: TimeZone): void {
  const currentYear = yearOf(zone.localDate(at));
  if (year > currentYear) {
    throw new DomainError(
      'RECONCILIATION.YEAR_IN_FUTURE',
      `year must not be after the current year ${currentYear} (${zone.name}): it has not begun`,
      'year',
    );
  }
  if (year < currentYear - 1) {
    throw new DomainError(
      'RECONCILIATION.YEAR_CLOSED',
      `year must be the current year ${currentYear} or the year before: earlier years had their final year end`,
      'year',
    );
  }
}

function publication(
  command: Extract<YearEndCommand, { type: 'PublishYearEnd' }>,
  { policy: book, zone }: YearEndContext,
): DepartmentEvent[] {
  const { recomputation, final } = command;
  const { year, totals, differences, interviewDifferences, waitingDeadlines, openAppeals } = recomputation;
  const policy = book.at(zone.atLocalTime(`${year + 1}-01-01`, 0, 0) - 1);
  const at = final ? toIso(zone.atLocalTime(`${year + 1}-01-01`, policy.yearEnd.hour, policy.yearEnd.minute)) : command.at;
  const ranking = rankDepartments(new Map(totals));
  const events: DepartmentEvent[] = [
    { type: 'ReconciliationReported', data: { year, at, final, differences, interviewDifferences, waitingDeadlines, openAppeals } },
    { type: 'YearEndRankingPublished', data: { year, at, final, ranking } },
  ];
  if (!final) return events;
  const { bonuses, lastPlace } = yearEndOutcome(ranking, policy);
  for (const bonus of bonuses) {
    const rank = ranking.find((row) => row.department === bonus.department)?.rank as number;
    events.push({
      type: 'AssessmentBonusGranted',
      data: { departmentId: bonus.department, year, rank, partyBuilding: bonus.partyBuilding, stationing: bonus.stationing, at },
    });
  }
  for (const departmentId of lastPlace) {
    events.push({ type: 'InterviewOrdered', data: { departmentId, at, reason: 'last-in-ranking', year } });
  }
  return events;
}
