/** The shapes of the API answers the console reads (see /api/docs). */
export type Unit = { id: string; name: string };
export type Organisation = { streets: Unit[]; stations: (Unit & { street: string })[]; departments: Unit[]; cityDepartments: Unit[] };

export type Overview = {
  window: { today: string; weekStart: string; weekEnd: string; month: string; year: number };
  issues: { level: string; status: string; count: number }[];
  deadlinesDueToday: number;
  deadlinesDueThisWeek: number;
  deadlinesMissedThisMonth: number;
  interviewsPending: number;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type IssueSummary = {
  issueId: string;
  stationId: string;
  streetId: string;
  title: string;
  status: string;
  level: string;
  raisedAt: string;
  closedAt: string | null;
  whistleMode: string | null;
  departments: string[];
};

export type IssueDeadline = {
  deadlineId: string;
  departmentId: string;
  cause: string;
  startedAt: string;
  due: string;
  lastDay: string;
  provisional: boolean;
  outcome: string;
  settledAt: string | null;
};

export type IssueDetails = IssueSummary & {
  fourLists: { problem: string; tasks: string; responsibleParty: string; acceptanceStandard: string };
  cityDepartment: string | null;
  whistledAt: string | null;
  timeLimit: { due: string; provisional: boolean } | null;
  levelHistory: { level: string; cause: string; at: string }[];
  deadlines: IssueDeadline[];
  streamRevision: number;
};

export type Verification = { ok: boolean; checked?: number; revision?: number; reason?: string };

export type AuditEvent = {
  id: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor?: { role?: string; id?: string }; [key: string]: unknown };
  recordedAt: string;
  hash: string;
};

export type AuditTrail = { issueId: string; streamId: string; events: AuditEvent[]; verification: Verification };

export type InboxTask = {
  issueId: string;
  departmentId: string;
  title: string;
  stationId: string;
  level: string;
  mode: string | null;
  deadlines: { deadlineId: string; cause: string; due: string; lastDay: string; provisional: boolean; outcome: string }[];
  nextDueAt: string | null;
  status: string;
  whistledAt: string;
};

export type LedgerEntry = { entryId: string; at: string; points: number; reason: string; issueId?: string; deadlineId?: string; causedBy?: string };
export type Ledger = { departmentId: string; year: number; total: number; entries: LedgerEntry[]; verification: Verification };

export type Ranking = { year: number; kind: string; publishedAt?: string; ranking: { department: string; total: number; rank: number }[] };
export type Interview = { departmentId: string; at: string; reason: string; year: number; deadlineIds?: string[]; streamId: string };
export type Bonus = { departmentId: string; year: number; rank: number; partyBuilding: number; stationing: number; at: string };
export type ReconciliationReport = {
  year: number;
  at: string;
  final: boolean;
  differences: { departmentId: string; entryId: string; expected: number | null; recorded: number | null }[];
  interviewDifferences: { departmentId: string; deadlineIds: string[]; expected: boolean; recorded: boolean }[];
};

export type Rates = {
  departmentId: string;
  feedbackDeadlinesMet: number;
  feedbackDeadlinesMissed: number;
  onTimeFeedbackRate: number | null;
  issuesWhistled: number;
  issuesClosed: number;
  resolutionRate: number | null;
  satisfaction: number | null;
};
export type MonthlyRates = Rates & { month: string };
