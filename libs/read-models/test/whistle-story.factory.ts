import type { DepartmentEvent, IssueEvent, ReferenceEvent } from '@app/domain';
import type { NewEvent } from '@app/event-store';
import { derivedEventId, issueStreamOf, toNewEvent, type EngineEvent } from '@app/issues';

export type StoryAppend = { streamId: string; event: NewEvent };

/** Minutes after a fixed start, as an ISO instant, so every story is reproducible. */
export const storyInstant = (minutes: number) => new Date(Date.UTC(2025, 2, 3, 1, 0) + minutes * 60_000).toISOString();

const append = (streamId: string, event: EngineEvent, cause: string, actor = 'system'): StoryAppend => ({
  streamId,
  event: toNewEvent(event, derivedEventId(`${cause}`), { actor, causationId: cause }),
});

export function departmentRegistered(departmentId: string): StoryAppend {
  const event: ReferenceEvent = { type: 'DistrictDepartmentRegistered', data: { id: departmentId, name: `dept ${departmentId}`, at: storyInstant(0) } };
  return append('organisation', event, `register:${departmentId}`, 'admin');
}

/**
 * The whole life of one district issue, in append order: raised at a station, escalated twice, whistled jointly
 * to two departments (one meets its feedback deadline, one misses it), both urged by the station, a third
 * department added and cancelled, a rejected then a confirmed closing with the resident's satisfaction, plus the
 * scoring events the workflows would write.
 */
export function whistleStory(issueId: string, [first, second, third]: [string, string, string], offset = 0): StoryAppend[] {
  const issueStream = issueStreamOf(issueId);
  const t = (minutes: number) => storyInstant(offset + minutes);
  const issue = (event: IssueEvent, step: string, actor = 'station-staff') => append(issueStream, event, `${issueId}:${step}`, actor);
  const deadline = (departmentId: string) => `${issueId}:${departmentId}:1`;
  const scoring = (streamId: string, event: DepartmentEvent, step: string) => append(streamId, event, `${issueId}:${step}`, 'workflow');
  return [
    issue(
      {
        type: 'IssueRaised',
        data: {
          issueId,
          stationId: `station-${issueId.length % 2}`,
          streetId: 'street-north',
          title: `Blocked drain ${issueId}`,
          fourLists: { problem: 'drain blocked', tasks: 'clear it', responsibleParty: 'water', acceptanceStandard: 'flows' },
          at: t(0),
        },
      },
      'raised',
    ),
    issue({ type: 'LevelTimeLimitSet', data: { level: 'community', startedAt: t(0), due: t(60), lastDay: '2025-03-03', provisional: false } }, 'limit-community', 'workflow'),
    issue({ type: 'IssueEscalated', data: { from: 'community', to: 'street', cause: 'time-limit', at: t(60) } }, 'escalate-street', 'workflow'),
    issue({ type: 'LevelTimeLimitSet', data: { level: 'street', startedAt: t(60), due: t(120), lastDay: '2025-03-04', provisional: true } }, 'limit-street', 'workflow'),
    issue({ type: 'IssueEscalated', data: { from: 'street', to: 'district', cause: 'manual', at: t(90) } }, 'escalate-district'),
    issue({ type: 'WhistleBlown', data: { mode: 'joint', departments: [first, second], at: t(100) } }, 'whistle', 'dispatch'),
    issue(
      { type: 'FeedbackDeadlineSet', data: { deadlineId: deadline(first), departmentId: first, cause: 'whistle', startedAt: t(100), due: t(5000), lastDay: '2025-03-06', provisional: false } },
      `deadline-${first}`,
      'workflow',
    ),
    issue(
      { type: 'FeedbackDeadlineSet', data: { deadlineId: deadline(second), departmentId: second, cause: 'whistle', startedAt: t(100), due: t(4000), lastDay: '2025-03-06', provisional: true } },
      `deadline-${second}`,
      'workflow',
    ),
    issue({ type: 'FeedbackDeadlineRecomputed', data: { deadlineId: deadline(second), due: t(4500), lastDay: '2025-03-07', provisional: false } }, 'recompute', 'workflow'),
    issue({ type: 'FeedbackGiven', data: { departmentId: first, content: 'on it', at: t(200) } }, `feedback-${first}`, first),
    issue({ type: 'FeedbackDeadlineMet', data: { deadlineId: deadline(first), departmentId: first, at: t(200) } }, `met-${first}`, 'workflow'),
    issue({ type: 'DepartmentsUrged', data: { departments: [first, second], note: 'please report in', at: t(300) } }, 'urged'),
    issue({ type: 'FeedbackDeadlineMissed', data: { deadlineId: deadline(second), departmentId: second, due: t(4500), lastDay: '2025-03-07' } }, `missed-${second}`, 'workflow'),
    scoring(
      `ledger-${second}-2025`,
      { type: 'LedgerEntryRecorded', data: { entryId: `missed:${deadline(second)}`, departmentId: second, year: 2025, at: t(4500), points: -3, reason: 'feedback-missed', issueId, deadlineId: deadline(second), causedBy: derivedEventId(`${issueId}:missed-${second}`) } },
      'ledger-missed',
    ),
    scoring(`streak-${second}`, { type: 'InterviewOrdered', data: { departmentId: second, at: t(4500), reason: 'consecutive-missed-feedback', year: 2025, deadlineIds: [deadline(second)] } }, 'interview'),
    issue({ type: 'DepartmentAdded', data: { departmentId: third, at: t(4600) } }, `add-${third}`, 'dispatch'),
    issue(
      { type: 'FeedbackDeadlineSet', data: { deadlineId: deadline(third), departmentId: third, cause: 'department-added', startedAt: t(4600), due: t(9000), lastDay: '2025-03-10', provisional: false } },
      `deadline-${third}`,
      'workflow',
    ),
    issue({ type: 'ResolutionReported', data: { departmentId: first, at: t(4700) } }, 'resolved-1', first),
    issue({ type: 'FeedbackDeadlineCancelled', data: { deadlineId: deadline(third), departmentId: third, at: t(4700) } }, `cancel-${third}`, 'workflow'),
    issue({ type: 'ClosingRejected', data: { reason: 'still blocked', at: t(4800) } }, 'rejected'),
    issue({ type: 'ResolutionReported', data: { departmentId: first, at: t(4900) } }, 'resolved-2', first),
    issue({ type: 'ClosingConfirmed', data: { satisfaction: 'basicallySatisfied', at: t(5000) } }, 'closed'),
    scoring(
      `ledger-${first}-2025`,
      { type: 'LedgerEntryRecorded', data: { entryId: `closed:${issueId}:${first}`, departmentId: first, year: 2025, at: t(5000), points: 0.5, reason: 'joint-closed', issueId, causedBy: derivedEventId(`${issueId}:closed`) } },
      'ledger-closed',
    ),
  ];
}

/** What the year-end workflow publishes for a year. */
export function yearEndStory(year: number, departments: string[]): StoryAppend[] {
  const stream = `yearend-${year}`;
  const at = storyInstant(100_000);
  const event = (e: DepartmentEvent, step: string) => append(stream, e, `yearend:${year}:${step}`, 'workflow');
  return [
    event(
      {
        type: 'ReconciliationReported',
        data: {
          year,
          at,
          final: true,
          differences: [{ departmentId: departments[0], entryId: 'x', expected: 1, recorded: null }],
          interviewDifferences: [{ departmentId: departments[0], deadlineIds: ['i-1#1', 'i-2#1'], expected: true, recorded: false }],
          waitingDeadlines: [],
        },
      },
      'reconciliation',
    ),
    event(
      { type: 'YearEndRankingPublished', data: { year, at, final: true, ranking: departments.map((department, index) => ({ department, total: 60 - index, rank: index + 1 })) } },
      'ranking',
    ),
    event({ type: 'AssessmentBonusGranted', data: { departmentId: departments[0], year, rank: 1, partyBuilding: 2, stationing: 1, at } }, `bonus-${departments[0]}`),
    event({ type: 'InterviewOrdered', data: { departmentId: departments[departments.length - 1], at, reason: 'last-in-ranking', year } }, 'interview-last'),
  ];
}
