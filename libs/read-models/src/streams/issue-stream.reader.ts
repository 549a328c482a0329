import { foldIssue, issueStreamOf, toIso, type Issue, type IssueEvent } from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { verificationOf, type StreamVerification } from './stream-verification';

/** A stored event as an audit trail shows it: dates as ISO text, the global position as decimal text (it may exceed a JSON number). */
export type StoredEventView = Omit<RecordedEvent, 'streamId' | 'globalPosition' | 'recordedAt'> & {
  globalPosition: string;
  recordedAt: string;
};

export type IssueAuditTrail = { issueId: string; streamId: string; events: StoredEventView[]; verification: StreamVerification };

export type DepartmentTask = {
  issueId: string;
  departmentId: string;
  title: string;
  stationId: string;
  issueStatus: Issue['status'];
  level: Issue['level'];
  mode: string;
  fourLists: Issue['fourLists'];
  deadlines: { deadlineId: string; cause: string; due: string; lastDay: string; provisional: boolean; outcome: string }[];
  feedback: { content?: string; at: string }[];
  /** 跟踪督办: the station's urgings that reached this department, oldest first. */
  urgings: { note: string; at: string }[];
  revision: number;
};

/**
 * Reads an issue's own stream, never a read model: the audit trail is what was stored, and a department's task
 * decides between 200 and 404, which must agree with the command side at once.
 */
export class IssueStreamReader {
  constructor(private readonly store: EventStore) {}

  /** Every stored event of the issue with its hash chain checked; undefined when there is no such issue. */
  async auditTrail(issueId: string): Promise<IssueAuditTrail | undefined> {
    const streamId = issueStreamOf(issueId);
    const events = await this.store.readStream(streamId);
    if (events.length === 0) return undefined;
    return {
      issueId,
      streamId,
      events: events.map((e) => ({
        id: e.id,
        revision: e.revision,
        globalPosition: e.globalPosition.toString(),
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
        recordedAt: e.recordedAt.toISOString(),
        previousHash: e.previousHash,
        hash: e.hash,
      })),
      verification: verificationOf(await this.store.verifyStream(streamId)),
    };
  }

  /** The issue as the department sees it; undefined when the department is not on it (or there is no such issue). */
  async departmentTask(departmentId: string, issueId: string): Promise<DepartmentTask | undefined> {
    const recorded = await this.store.readStream(issueStreamOf(issueId));
    const events = recorded.map((e) => toEngineEvent<IssueEvent>(e));
    const issue = foldIssue(events);
    if (issue === null || !issue.departments.some((d) => d.departmentId === departmentId)) return undefined;
    return {
      issueId: issue.issueId,
      departmentId,
      title: issue.title,
      stationId: issue.stationId,
      issueStatus: issue.status,
      level: issue.level,
      mode: issue.whistle?.mode ?? 'single',
      fourLists: issue.fourLists,
      deadlines: issue.deadlines
        .filter((d) => d.departmentId === departmentId)
        .map((d) => ({
          deadlineId: d.deadlineId,
          cause: d.cause,
          due: toIso(d.due),
          lastDay: d.lastDay,
          provisional: d.provisional,
          outcome: d.outcome,
        })),
      feedback: events
        .flatMap((e) => (e.type === 'FeedbackGiven' && e.data.departmentId === departmentId ? [e.data] : []))
        .map((d) => ({ ...(d.content !== undefined ? { content: d.content } : {}), at: d.at })),
      urgings: events.flatMap((e) =>
        e.type === 'DepartmentsUrged' && e.data.departments.includes(departmentId) ? [{ note: e.data.note, at: e.data.at }] : [],
      ),
      revision: recorded[recorded.length - 1].revision,
    };
  }
}
