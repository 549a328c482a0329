import { EpochMs } from '../time/instant';
import { FourLists, WhistleMode } from './issue.events';

/** What people (and timers) ask of an issue. `at` is when it is asked: time is a parameter, never read. */
export type IssueCommand =
  | { type: 'RaiseIssue'; issueId: string; stationId: string; title: string; fourLists: FourLists; at: EpochMs }
  | { type: 'EscalateIssue'; at: EpochMs }
  | { type: 'BlowWhistle'; mode: WhistleMode; departments: string[]; cityDepartment?: string; at: EpochMs }
  | { type: 'AddDepartment'; departmentId: string; at: EpochMs }
  | { type: 'GiveFeedback'; departmentId: string; content?: string; at: EpochMs }
  | { type: 'HoldCoordinationMeeting'; at: EpochMs }
  | { type: 'ReportResolution'; departmentId?: string; at: EpochMs }
  | { type: 'ConfirmClosing'; at: EpochMs }
  | { type: 'RejectClosing'; reason?: string; at: EpochMs }
  /** A timer fired: settle every time limit and feedback deadline due at or before `at`. */
  | { type: 'Tick'; at: EpochMs }
  /** A year's official schedule was published: recompute provisional time limits and deadlines. */
  | { type: 'RecomputeProvisionalDeadlines'; at: EpochMs };

export type IssueCommandType = IssueCommand['type'];
