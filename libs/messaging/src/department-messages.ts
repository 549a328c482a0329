import type { IssueEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { issueIdOfStream } from '@app/issues';

/** Routed tasks: a message per department the issue is routed to. */
export const TASK_EVENT_TYPES = ['WhistleBlown', 'DepartmentAdded'] as const;
export const DEADLINE_EVENT_TYPES = [
  'FeedbackDeadlineSet',
  'FeedbackDeadlineRecomputed',
  'FeedbackDeadlineMet',
  'FeedbackDeadlineMissed',
  'FeedbackDeadlineCancelled',
] as const;
export const OUTCOME_EVENT_TYPES = [
  'DepartmentsUrged',
  'FeedbackGiven',
  'ResolutionReported',
  'ClosingConfirmed',
  'ClosingRejected',
  'LedgerEntryRecorded',
  'InterviewOrdered',
] as const;

/** Every event type that reaches a department topic (the AsyncAPI document must describe each). */
export const PUBLISHED_EVENT_TYPES: readonly string[] = [...TASK_EVENT_TYPES, ...DEADLINE_EVENT_TYPES, ...OUTCOME_EVENT_TYPES];

/** Events that make a department known, so its topic exists before its first task. */
export const DEPARTMENT_REGISTRATION_TYPES: readonly string[] = ['DistrictDepartmentRegistered', 'CityDepartmentRegistered'];

/** What the routing needs to know about an issue up to (and including) the event being published. */
export type IssueRouting = {
  departments: string[];
  deadlineDepartment(deadlineId: string): string | undefined;
};

/** Reads that routing from the issue's own events, the source of truth (never from a read model). */
export function issueRoutingOf(events: readonly IssueEvent[]): IssueRouting {
  const departments: string[] = [];
  const deadlines = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'WhistleBlown') departments.push(...event.data.departments.filter((d) => !departments.includes(d)));
    if (event.type === 'DepartmentAdded' && !departments.includes(event.data.departmentId)) departments.push(event.data.departmentId);
    if (event.type === 'FeedbackDeadlineSet') deadlines.set(event.data.deadlineId, event.data.departmentId);
  }
  return { departments, deadlineDepartment: (deadlineId) => deadlines.get(deadlineId) };
}

export type DepartmentMessageTarget = { departmentId: string; key: string };

function stringField(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The departments an event is published to, and the message key (the issue id, so one issue's messages stay in
 * order on one partition; a department-level event without an issue is keyed by its department).
 * `routing` is asked for only when the event itself does not name its department.
 */
export async function departmentTargetsOf(
  event: Pick<RecordedEvent, 'type' | 'data' | 'streamId'>,
  routing: () => Promise<IssueRouting>,
): Promise<DepartmentMessageTarget[]> {
  if (!PUBLISHED_EVENT_TYPES.includes(event.type)) return [];
  const issueId = issueIdOfStream(event.streamId) ?? stringField(event.data, 'issueId');
  const to = (departmentIds: readonly string[]) =>
    [...new Set(departmentIds)].map((departmentId) => ({ departmentId, key: issueId ?? departmentId }));
  const named = stringField(event.data, 'departmentId');
  switch (event.type) {
    case 'WhistleBlown':
    case 'DepartmentsUrged':
      return to((event.data.departments as string[] | undefined) ?? []);
    case 'FeedbackDeadlineRecomputed': {
      const departmentId = (await routing()).deadlineDepartment(String(event.data.deadlineId));
      return departmentId === undefined ? [] : to([departmentId]);
    }
    case 'ResolutionReported':
    case 'ClosingConfirmed':
    case 'ClosingRejected':
      // The outcome of the issue concerns every department working on it.
      return to((await routing()).departments);
    default:
      return named === undefined ? [] : to([named]);
  }
}
