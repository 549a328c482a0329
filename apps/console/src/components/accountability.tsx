import { useState, type ReactNode } from 'react';
import type { Appeal, AttendanceRecord, Meeting } from '../api/types';
import { useApi } from '../api/use-api';
import { currentYear, formatInstant, formatPoints } from '../format/format';
import { t } from '../i18n/dictionary';
import { DataTable, type Column } from './data-table';
import { useUnitNames } from './organisation';
import { PeriodPicker, type PeriodValue } from './period-picker';
import { Loaded } from './problem-view';

/** The period a page's attendance or meetings start with: the current year (as the API's own default). */
export function usePeriodOfYear(): [PeriodValue, (period: PeriodValue) => void] {
  const year = currentYear();
  return useState<PeriodValue>({ from: `${year}-01-01`, to: `${year}-12-31` });
}

/** A department's attendance at one meeting: present, excused (with its reason) or absent. */
export function AttendanceMark({ attendance, reason }: { attendance: string; reason?: string }) {
  return (
    <>
      <span className={`badge attendance-${attendance}`} data-testid="attendance" data-attendance={attendance}>
        {t.attendances[attendance] ?? attendance}
      </span>
      {reason !== undefined && <span className="muted small">{reason}</span>}
    </>
  );
}

/**
 * Meetings as the API lists them, by date. Their attendance is one list per meeting, or with `departments` one
 * column per department (a supervisor's view across the district; — where the meeting did not invite it).
 */
export function MeetingTable({ meetings, testId, departments }: { meetings: readonly Meeting[]; testId: string; departments?: readonly string[] }) {
  const { name } = useUnitNames();
  const attendanceColumns: Column<Meeting>[] =
    departments === undefined
      ? [
          {
            header: t.meetings.attendance,
            cell: (meeting) =>
              meeting.attendance.map((entry) => (
                <div key={entry.departmentId} data-department={entry.departmentId}>
                  {name(entry.departmentId)}：<AttendanceMark attendance={entry.attendance} reason={entry.reason} />
                </div>
              )),
          },
        ]
      : departments.map((departmentId) => ({
          header: name(departmentId),
          cell: (meeting: Meeting) => {
            const entry = meeting.attendance.find((line) => line.departmentId === departmentId);
            return entry === undefined ? '—' : <AttendanceMark attendance={entry.attendance} reason={entry.reason} />;
          },
        }));
  return (
    <DataTable
      testId={testId}
      cards
      rows={meetings}
      rowKey={(meeting) => meeting.meetingId}
      rowAttributes={(meeting) => ({ 'data-meeting': meeting.meetingId, 'data-kind': meeting.kind })}
      columns={[
        { header: t.meetings.date, cell: (meeting) => meeting.date },
        { header: t.meetings.kind, cell: (meeting) => t.meetingKinds[meeting.kind] ?? meeting.kind },
        { header: t.meetings.convenor, cell: (meeting) => name(meeting.convenor) },
        { header: t.meetings.issues, cell: (meeting) => (meeting.issues.length === 0 ? '—' : meeting.issues.join('、')) },
        ...attendanceColumns,
        { header: t.meetings.meetingId, cell: (meeting) => meeting.meetingId, className: 'small' },
      ]}
    />
  );
}

/** A department's attendance record over a period, as the API counts it: what a base-score decision cites. */
export function AttendanceSection({ departmentId }: { departmentId: string }) {
  const [period, setPeriod] = usePeriodOfYear();
  const record = useApi<AttendanceRecord>(`/departments/${encodeURIComponent(departmentId)}/attendance`, period);
  const { name } = useUnitNames();
  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t.attendance.title}</h2>
      <div className="filters">
        <PeriodPicker period={period} onChange={setPeriod} />
      </div>
      <Loaded state={record}>
        {(data) => (
          <>
            <p data-testid="attendance-counts">
              {data.from} — {data.to}：{t.attendance.counts(data.invited, data.present, data.excused, data.absent)}
            </p>
            <DataTable
              testId="attendance-record"
              cards
              rows={data.meetings}
              rowKey={(line) => line.meetingId}
              rowAttributes={(line) => ({ 'data-meeting': line.meetingId, 'data-attendance': line.attendance })}
              columns={[
                { header: t.meetings.date, cell: (line) => line.date },
                { header: t.meetings.kind, cell: (line) => t.meetingKinds[line.kind] ?? line.kind },
                { header: t.meetings.convenor, cell: (line) => name(line.convenor) },
                { header: t.attendance.title, cell: (line) => <AttendanceMark attendance={line.attendance} /> },
                { header: t.attendance.reason, cell: (line) => line.reason ?? '—' },
              ]}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

/** Appeals as the API lists them (in the order filed), each with its decision once made; `actions` adds a column of commands. */
export function AppealTable({
  appeals,
  testId,
  showDepartment = false,
  actions,
}: {
  appeals: readonly Appeal[];
  testId: string;
  showDepartment?: boolean;
  actions?: (appeal: Appeal) => ReactNode;
}) {
  const { name } = useUnitNames();
  return (
    <DataTable
      testId={testId}
      cards
      rows={appeals}
      rowKey={(appeal) => appeal.appealId}
      rowAttributes={(appeal) => ({ 'data-deadline': appeal.deadlineId, 'data-status': appeal.status })}
      columns={[
        ...(showDepartment ? [{ header: t.common.department, cell: (appeal: Appeal) => name(appeal.departmentId) }] : []),
        { header: t.appeals.deadline, cell: (appeal) => `${appeal.deadlineId}（${t.issue.dueShort(formatInstant(appeal.due), appeal.lastDay)}）` },
        {
          header: t.appeals.deduction,
          cell: (appeal) => (appeal.deduction === undefined ? t.appeals.noDeduction : formatPoints(appeal.deduction.points)),
          className: 'number',
        },
        { header: t.appeals.filedAt, cell: (appeal) => formatInstant(appeal.filedAt) },
        { header: t.appeals.reason, cell: (appeal) => appeal.reason },
        { header: t.appeals.attachments, cell: (appeal) => (appeal.attachments.length === 0 ? '—' : appeal.attachments.join('；')) },
        { header: t.appeals.status, cell: (appeal) => t.appeals.statuses[appeal.status] ?? appeal.status },
        {
          header: t.appeals.decision,
          cell: (appeal) =>
            appeal.decision === undefined ? (
              '—'
            ) : (
              <>
                <span className="muted small">{formatInstant(appeal.decision.at)}</span> {appeal.decision.reason}
              </>
            ),
        },
        ...(actions !== undefined ? [{ header: t.work.actions, cell: actions }] : []),
      ]}
    />
  );
}
