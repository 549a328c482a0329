import { evolve, Issue, IssueEvent, IssueState, SHANGHAI, toIso, yearOf } from '@app/domain';
import { EventStore, RecordedEvent } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { Injectable } from '@nestjs/common';
import { DepartmentRates, InboxFilter, InboxTask, IssueSummary, IssueViews, Page, pageOf, PageRequest, TaskDetail, TaskStatus } from './issue-views';

interface FoldedIssue {
  issue: Issue;
  revision: number;
  feedback: Map<string, { content?: string; at: string }[]>;
  /** Resolutions reported by a department and how the station judged them. */
  judgements: { departmentId: string; confirmed: boolean; at: string }[];
}

/**
 * IssueViews answered by folding every issue stream of the event store on each query. Correct by
 * construction, linear in the number of events: the stand-in until the read models serve these queries.
 */
@Injectable()
export class EventStoreIssueViews extends IssueViews {
  constructor(private readonly store: EventStore) {
    super();
  }

  async stationIssues(stationId: string, filter: PageRequest & { status?: Issue['status'] }): Promise<Page<IssueSummary>> {
    const issues = (await this.foldAll()).filter((f) => f.issue.stationId === stationId && (!filter.status || f.issue.status === filter.status));
    return pageOf(issues.sort(byRaised).map(summaryOf), filter);
  }

  async issues(filter: PageRequest & { level?: Issue['level']; status?: Issue['status'] }): Promise<Page<IssueSummary>> {
    const issues = (await this.foldAll()).filter(
      (f) => (!filter.level || f.issue.level === filter.level) && (!filter.status || f.issue.status === filter.status),
    );
    return pageOf(issues.sort(byRaised).map(summaryOf), filter);
  }

  async inbox(departmentId: string, filter: InboxFilter): Promise<Page<InboxTask>> {
    const tasks = (await this.foldAll())
      .filter((f) => f.issue.departments.some((d) => d.departmentId === departmentId))
      .map((f) => taskOf(f.issue, departmentId))
      .filter((t) => !filter.status || t.status === filter.status)
      .filter((t) => filter.dueBefore === undefined || Date.parse(t.dueAt) < filter.dueBefore)
      .filter((t) => filter.dueAfter === undefined || Date.parse(t.dueAt) >= filter.dueAfter)
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.issueId.localeCompare(b.issueId));
    return pageOf(tasks, filter);
  }

  async task(departmentId: string, issueId: string): Promise<TaskDetail | undefined> {
    const folded = fold(await this.store.readStream(`issue-${issueId}`));
    if (!folded || !folded.issue.departments.some((d) => d.departmentId === departmentId)) return undefined;
    return {
      ...taskOf(folded.issue, departmentId),
      fourLists: folded.issue.fourLists,
      level: folded.issue.level,
      feedback: folded.feedback.get(departmentId) ?? [],
      revision: folded.revision,
    };
  }

  async rates(year: number, departments: string[]): Promise<DepartmentRates[]> {
    const all = await this.foldAll();
    const inYear = (iso: string) => yearOf(SHANGHAI.localDate(Date.parse(iso))) === year;
    return departments.map((departmentId) => {
      const deadlines = all.flatMap((f) => f.issue.deadlines.filter((d) => d.departmentId === departmentId));
      const settled = deadlines.filter((d) => (d.outcome === 'met' || d.outcome === 'missed') && yearOf(d.lastDay) === year);
      const met = settled.filter((d) => d.outcome === 'met').length;
      const tasks = all.filter((f) => f.issue.departments.some((d) => d.departmentId === departmentId && inYear(toIso(d.joinedAt))));
      const closed = tasks.filter((f) => f.issue.status === 'closed').length;
      const judged = all.flatMap((f) => f.judgements.filter((j) => j.departmentId === departmentId && inYear(j.at)));
      const confirmed = judged.filter((j) => j.confirmed).length;
      return {
        departmentId,
        year,
        deadlinesSettled: settled.length,
        deadlinesMet: met,
        onTimeFeedbackRate: ratio(met, settled.length),
        tasks: tasks.length,
        tasksClosed: closed,
        resolutionRate: ratio(closed, tasks.length),
        resolutionsJudged: judged.length,
        resolutionsConfirmed: confirmed,
        satisfactionRate: ratio(confirmed, judged.length),
      };
    });
  }

  private async foldAll(): Promise<FoldedIssue[]> {
    const streams = new Map<string, RecordedEvent[]>();
    let fromPosition: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({ category: 'issue', ...(fromPosition !== undefined ? { fromPosition } : {}) });
      page.forEach((e) => streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]));
      if (page.length === 0) break;
      fromPosition = page[page.length - 1].globalPosition;
    }
    return [...streams.values()].map(fold).filter((f): f is FoldedIssue => f !== undefined);
  }
}

function fold(recorded: RecordedEvent[]): FoldedIssue | undefined {
  let state: IssueState = null;
  const feedback = new Map<string, { content?: string; at: string }[]>();
  const judgements: FoldedIssue['judgements'] = [];
  for (const stored of recorded) {
    const event = toEngineEvent<IssueEvent>(stored);
    if (event.type === 'FeedbackGiven') {
      const list = feedback.get(event.data.departmentId) ?? [];
      list.push({ ...(event.data.content !== undefined ? { content: event.data.content } : {}), at: event.data.at });
      feedback.set(event.data.departmentId, list);
    }
    const resolvedBy = state?.resolution?.departmentId;
    if ((event.type === 'ClosingConfirmed' || event.type === 'ClosingRejected') && resolvedBy !== undefined) {
      judgements.push({ departmentId: resolvedBy, confirmed: event.type === 'ClosingConfirmed', at: event.data.at });
    }
    state = evolve(state, event);
  }
  if (state === null) return undefined;
  return { issue: state, revision: recorded[recorded.length - 1].revision, feedback, judgements };
}

function summaryOf(folded: FoldedIssue): IssueSummary {
  const { issue } = folded;
  return {
    issueId: issue.issueId,
    stationId: issue.stationId,
    streetId: issue.streetId,
    title: issue.title,
    status: issue.status,
    level: issue.level,
    raisedAt: toIso(issue.raisedAt),
    whistleMode: issue.whistle?.mode ?? null,
    departments: issue.departments.map((d) => d.departmentId),
    revision: folded.revision,
  };
}

function taskOf(issue: Issue, departmentId: string): InboxTask {
  const deadlines = issue.deadlines.filter((d) => d.departmentId === departmentId);
  const pending = deadlines.filter((d) => d.outcome === 'pending').sort((a, b) => a.due - b.due);
  const status: TaskStatus = issue.status !== 'open' ? issue.status : pending.length > 0 ? 'awaiting-feedback' : 'open';
  const dueAt = pending[0]?.due ?? Math.max(...deadlines.map((d) => d.due));
  return {
    issueId: issue.issueId,
    departmentId,
    title: issue.title,
    stationId: issue.stationId,
    issueStatus: issue.status,
    status,
    whistleMode: issue.whistle?.mode ?? 'single',
    dueAt: toIso(dueAt),
    deadlines: deadlines.map((d) => ({ deadlineId: d.deadlineId, cause: d.cause, due: toIso(d.due), provisional: d.provisional, outcome: d.outcome })),
  };
}

function byRaised(a: FoldedIssue, b: FoldedIssue): number {
  return a.issue.raisedAt - b.issue.raisedAt || a.issue.issueId.localeCompare(b.issue.issueId);
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}
