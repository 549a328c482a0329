import { EpochMs } from '../time/instant';
import { FourLists, LocalUnit, Satisfaction, WhistleMode } from './issue.events';

/** What people (and timers) ask of an issue. `at` is when it is asked: time is a parameter, never read. */
export type IssueCommand =
  | { type: 'RaiseIssue'; issueId: string; stationId: string; title: string; fourLists: FourLists; at: EpochMs }
  /** `by`: the unit that escalates from its own level (the issue must be there); without it, from any level below district. */
  | { type: 'EscalateIssue'; by?: LocalUnit; at: EpochMs }
  | { type: 'BlowWhistle'; mode: WhistleMode; departments: string[]; cityDepartment?: string; at: EpochMs }
  | { type: 'AddDepartment'; departmentId: string; at: EpochMs }
  | { type: 'GiveFeedback'; departmentId: string; content?: string; at: EpochMs }
  | { type: 'HoldCoordinationMeeting'; at: EpochMs }
  | { type: 'UrgeDepartments'; note: string; at: EpochMs }
  /**
   * A department on the issue names itself; below district no department is named, and `by` (when given) is the unit
   * that reports at its own level: the issue must be there.
   */
  | { type: 'ReportResolution'; departmentId?: string; by?: LocalUnit; at: EpochMs }
  | { type: 'ConfirmClosing'; satisfaction?: Satisfaction; at: EpochMs }
  | { type: 'RejectClosing'; reason?: string; at: EpochMs }
  /** A timer fired: settle every time limit and feedback deadline due at or before `at`. */
  | { type: 'Tick'; at: EpochMs }
  /** A year's official schedule was published: recompute provisional time limits and deadlines. */
  | { type: 'RecomputeProvisionalDeadlines'; at: EpochMs };

export type IssueCommandType = IssueCommand['type'];
