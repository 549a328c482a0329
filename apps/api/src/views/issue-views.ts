import { DeadlineOutcome, IssueStatus, Level, WhistleMode } from '@app/domain';

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface IssueSummary {
  issueId: string;
  stationId: string;
  streetId: string;
  title: string;
  status: IssueStatus;
  level: Level;
  raisedAt: string;
  whistleMode: WhistleMode | null;
  departments: string[];
  revision: number;
}

export interface TaskDeadline {
  deadlineId: string;
  cause: string;
  due: string;
  provisional: boolean;
  outcome: DeadlineOutcome;
}

export type TaskStatus = 'awaiting-feedback' | 'open' | 'resolved' | 'closed';

/** One department's task on a whistled issue. */
export interface InboxTask {
  issueId: string;
  departmentId: string;
  title: string;
  stationId: string;
  issueStatus: IssueStatus;
  status: TaskStatus;
  whistleMode: WhistleMode;
  /** The earliest pending deadline, else the latest deadline; orders the inbox. */
  dueAt: string;
  deadlines: TaskDeadline[];
}

export interface TaskDetail extends InboxTask {
  fourLists: { problem: string; tasks: string; responsibleParty: string; acceptanceStandard: string };
  level: Level;
  feedback: { content?: string; at: string }[];
  revision: number;
}

export interface InboxFilter extends PageRequest {
  status?: TaskStatus;
  dueBefore?: number;
  dueAfter?: number;
}

export interface DepartmentRates {
  departmentId: string;
  year: number;
  deadlinesSettled: number;
  deadlinesMet: number;
  onTimeFeedbackRate: number | null;
  tasks: number;
  tasksClosed: number;
  resolutionRate: number | null;
  resolutionsJudged: number;
  resolutionsConfirmed: number;
  satisfactionRate: number | null;
}

/**
 * The issue-side queries of the API. A port, so the implementation can be the read models
 * (@app/read-models) or, until they exist, a fold over the event store.
 */
export abstract class IssueViews {
  abstract stationIssues(stationId: string, filter: PageRequest & { status?: IssueStatus }): Promise<Page<IssueSummary>>;
  abstract issues(filter: PageRequest & { level?: Level; status?: IssueStatus }): Promise<Page<IssueSummary>>;
  abstract inbox(departmentId: string, filter: InboxFilter): Promise<Page<InboxTask>>;
  abstract task(departmentId: string, issueId: string): Promise<TaskDetail | undefined>;
  abstract rates(year: number, departments: string[]): Promise<DepartmentRates[]>;
}

export function pageOf<T>(all: T[], request: PageRequest): Page<T> {
  const start = (request.page - 1) * request.pageSize;
  return { items: all.slice(start, start + request.pageSize), page: request.page, pageSize: request.pageSize, total: all.length };
}
