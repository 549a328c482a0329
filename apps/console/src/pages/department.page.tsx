import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { storedSession } from '../api/session';
import type { AppealList, InboxPage, InboxTask, IssueCommandResult, Ledger, ReferenceResult, TaskDeadline } from '../api/types';
import { useCommand, useFollowedApi } from '../api/use-command';
import { AppealTable, AttendanceSection } from '../components/accountability';
import { Chart } from '../components/chart';
import { CommandForm, faultText, RowActions, TextCommandForm, TextField, type FormHandlers } from '../components/command-form';
import { Countdown } from '../components/countdown';
import { DataTable } from '../components/data-table';
import { IssueLink } from '../components/issue-link';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatInstant, formatPoints } from '../format/format';
import {
  ADJUST_BASE,
  attachmentsFault,
  FILE_APPEAL,
  fileAppealBody,
  formFaults,
  GIVE_FEEDBACK,
  numberFault,
  type FieldFault,
} from '../forms/validation';
import { t } from '../i18n/dictionary';

export function DepartmentsPage() {
  const { organisation } = useUnitNames();
  return (
    <>
      <h1>{t.department.choose}</h1>
      <ul className="unit-list">
        {(organisation?.departments ?? []).map((department) => (
          <li key={department.id}>
            <Link to={`/departments/${department.id}`}>{department.name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The department's commands on a task, by the last segment of their route. */
const ROUTES = { feedback: 'feedback', resolution: 'resolution' } as const;
type DepartmentAction = keyof typeof ROUTES;

/** A missed deadline of the department's, with the task it belongs to: what an appeal names. */
type MissedDeadline = { task: InboxTask; deadline: TaskDeadline };

/**
 * A department: its tasks (inbox, soonest due first, with the time left and each deadline's reminder), its appeals,
 * its attendance at meetings, its ledger of a year with each entry linked to its cause, its running score. The
 * department's own head also reports in (报到), reports resolved and appeals a missed deadline; a supervisor decides
 * the base score.
 */
export function DepartmentPage() {
  const { departmentId = '' } = useParams();
  const session = storedSession();
  const mayAct = session?.role === 'department' && session.scope === departmentId;
  const supervises = session?.role === 'supervisor';
  const { name } = useUnitNames();
  const [year, setYear] = useYear();
  const { state: tasks, follow } = useFollowedApi<InboxPage>(`/departments/${encodeURIComponent(departmentId)}/inbox`, { pageSize: 50 });
  const [message, setMessage] = useState<string>();
  const done = (label: string, before: InboxTask, result: IssueCommandResult) => {
    setMessage(t.work.done(label, result.issueId, t.levels[result.level] ?? result.level, t.issueStatus[result.status] ?? result.status));
    // The inbox shows the act once its read model has it: a new feedback instant or another task status.
    follow((page) => page.items.some((task) => task.issueId === before.issueId && (task.lastFeedbackAt !== before.lastFeedbackAt || task.status !== before.status)));
  };
  const { state: ledger, follow: followLedger } = useFollowedApi<Ledger>(`/supervision/departments/${encodeURIComponent(departmentId)}/ledger/${year}`);
  const appealsPath = `/departments/${encodeURIComponent(departmentId)}/appeals`;
  const { state: appeals, follow: followAppeals } = useFollowedApi<AppealList>(appealsPath);
  const title = name(departmentId);
  const missed: MissedDeadline[] = (tasks.data?.items ?? []).flatMap((task) =>
    task.deadlines.filter((deadline) => deadline.outcome === 'missed').map((deadline) => ({ task, deadline })),
  );
  const appealOf = (deadlineId: string) => appeals.data?.items.find((appeal) => appeal.deadlineId === deadlineId);

  return (
    <>
      <h1>{t.department.title(title)}</h1>
      <h2>{t.department.tasks}</h2>
      <p role="status" className="notice" data-testid="notice">
        {message}
      </p>
      <Loaded state={tasks}>
        {(page) => (
          <DataTable
            testId="tasks"
            cards
            rows={page.items}
            rowKey={(task) => task.issueId}
            rowAttributes={(task) => ({ 'data-issue': task.issueId, 'data-status': task.status })}
            columns={[
              { header: t.issues.issueId, cell: (task) => <IssueLink issueId={task.issueId}>{task.issueId}</IssueLink> },
              { header: t.issues.issueTitle, cell: (task) => task.title },
              { header: t.common.station, cell: (task) => name(task.stationId) },
              { header: t.common.status, cell: (task) => t.taskStatus[task.status] ?? task.status },
              { header: t.department.whistledAt, cell: (task) => formatInstant(task.whistledAt) },
              { header: t.department.nextDue, cell: (task) => <Countdown due={task.nextDueAt} /> },
              {
                header: t.department.urgings,
                cell: (task) =>
                  task.urgings.length === 0
                    ? '—'
                    : task.urgings.map((urging) => (
                        <div key={urging.at} className="urging" data-testid="urging">
                          <span className="muted small">{formatInstant(urging.at)}</span> {urging.note}
                        </div>
                      )),
              },
              {
                header: t.issue.deadlines,
                cell: (task) =>
                  task.deadlines.map((deadline) => (
                    <div key={deadline.deadlineId} data-deadline={deadline.deadlineId}>
                      {deadline.lastDay} <span className={`badge outcome-${deadline.outcome}`}>{t.outcomes[deadline.outcome] ?? deadline.outcome}</span>
                      <Reminder deadline={deadline} />
                    </div>
                  )),
              },
              ...(mayAct
                ? [
                    {
                      header: t.work.actions,
                      cell: (task: InboxTask) => (
                        <TaskActions
                          task={task}
                          path={`/departments/${encodeURIComponent(departmentId)}/tasks/${task.issueId}`}
                          onDone={(label, result) => done(label, task, result)}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loaded>
      <h2>{t.appeals.title}</h2>
      <Loaded state={appeals}>
        {(data) => (
          <>
            <h3>{t.appeals.missed}</h3>
            <DataTable
              testId="missed-deadlines"
              cards
              rows={missed}
              rowKey={({ deadline }) => deadline.deadlineId}
              rowAttributes={({ deadline }) => ({ 'data-deadline': deadline.deadlineId })}
              columns={[
                { header: t.issues.issueId, cell: ({ task }) => <IssueLink issueId={task.issueId}>{task.issueId}</IssueLink> },
                { header: t.issues.issueTitle, cell: ({ task }) => task.title },
                { header: t.appeals.deadline, cell: ({ deadline }) => t.issue.dueShort(formatInstant(deadline.due), deadline.lastDay) },
                {
                  header: t.appeals.status,
                  cell: ({ deadline }) => {
                    const appeal = appealOf(deadline.deadlineId);
                    return appeal === undefined ? t.appeals.notAppealed : (t.appeals.statuses[appeal.status] ?? appeal.status);
                  },
                },
                ...(mayAct
                  ? [
                      {
                        header: t.work.actions,
                        cell: ({ task, deadline }: MissedDeadline) => (
                          <RowActions<'appeal', ReferenceResult>
                            actions={appealOf(deadline.deadlineId) === undefined ? ['appeal'] : []}
                            label={() => t.appeals.file}
                            onDone={() => {
                              setMessage(t.appeals.filed(deadline.deadlineId));
                              followAppeals((list) => list.items.some((appeal) => appeal.deadlineId === deadline.deadlineId));
                            }}
                            form={(_, handlers) => (
                              <FileAppealForm path={appealsPath} issueId={task.issueId} deadlineId={deadline.deadlineId} {...handlers} />
                            )}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <h3>{t.appeals.history}</h3>
            <AppealTable appeals={data.items} testId="appeals" />
          </>
        )}
      </Loaded>
      <AttendanceSection departmentId={departmentId} />
      {supervises && (
        <section aria-labelledby="base-heading">
          <h2 id="base-heading">{t.base.title}</h2>
          <AdjustBaseForm
            path={`/supervision/departments/${encodeURIComponent(departmentId)}/base-adjustments`}
            year={year}
            onDone={(decided, result) => {
              setMessage(t.base.done(formatPoints(Number(result.appended.data.points)), decided));
              setYear(decided);
              followLedger((data) => data.entries.some((entry) => entry.entryId === result.appended.data.entryId));
            }}
          />
        </section>
      )}
      <h2>{t.department.ledger(year)}</h2>
      <YearPicker year={year} onChange={setYear} />
      <Loaded state={ledger}>
        {(data) => {
          // The running score is the API's entries added up in booking order (tenths keep half points exact).
          let tenths = 0;
          const running = data.entries.map((entry) => (tenths += Math.round(entry.points * 10)) / 10);
          return (
            <>
              <p className={`verification ${data.verification.ok ? 'ok' : 'broken'}`} role="status" data-testid="ledger-verification">
                <strong>{t.issue.verification}：</strong>
                {data.verification.ok ? t.issue.verified(data.verification.checked ?? data.entries.length) : t.issue.broken(data.verification.revision ?? -1, data.verification.reason ?? '')}
              </p>
              <p>
                {t.department.total}：<strong data-testid="ledger-total">{data.total}</strong> {t.common.points}
              </p>
              <Chart
                label={t.department.chartLabel(title)}
                testId="ledger-chart"
                height={260}
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 48, right: 16, top: 24, bottom: 48 },
                  xAxis: { type: 'category', data: data.entries.map((entry) => formatInstant(entry.at).slice(0, 10)) },
                  yAxis: { type: 'value', scale: true },
                  series: [{ type: 'line', name: t.department.runningTotal, data: running, step: 'end' }],
                }}
              />
              <DataTable
                testId="ledger"
                cards
                rows={data.entries}
                rowKey={(entry) => entry.entryId}
                rowAttributes={(entry) => ({ 'data-reason': entry.reason })}
                columns={[
                  { header: t.department.entryAt, cell: (entry) => formatInstant(entry.at) },
                  {
                    header: t.department.reason,
                    cell: (entry) => (
                      <>
                        {t.ledgerReasons[entry.reason] ?? entry.reason}
                        {entry.explanation !== undefined && <div className="muted small">{entry.explanation}</div>}
                      </>
                    ),
                  },
                  { header: t.department.change, cell: (entry) => formatPoints(entry.points), className: (entry) => (entry.points < 0 ? 'number negative' : 'number') },
                  { header: t.department.runningTotal, cell: (_, index) => running[index], className: 'number' },
                  {
                    header: t.department.causedBy,
                    cell: (entry) =>
                      entry.issueId !== undefined ? (
                        <IssueLink issueId={entry.issueId} eventId={entry.causedBy}>
                          {entry.issueId}
                          {entry.causedBy !== undefined && ` · ${entry.causedBy.slice(0, 8)}`}
                        </IssueLink>
                      ) : (
                        (entry.causedBy ?? '—')
                      ),
                  },
                ]}
              />
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function TaskActions({ task, path, onDone }: { task: InboxTask; path: string; onDone: (label: string, result: IssueCommandResult) => void }) {
  // A task whose resolution the station awaits, or that it closed, has nothing left for the department to do.
  const actions = task.status === 'resolved' || task.status === 'closed' ? [] : (Object.keys(ROUTES) as DepartmentAction[]);
  return (
    <RowActions
      actions={actions}
      label={(action) => t.department.actions[action]}
      onDone={onDone}
      form={(action, handlers) => (
        <TextCommandForm
          testId={`form-${action}`}
          path={`${path}/${ROUTES[action]}`}
          submitLabel={t.department.submit[action]}
          explain={t.department.explain[action]}
          text={action === 'feedback' ? { field: 'content', label: t.department.content, rule: GIVE_FEEDBACK.content } : undefined}
          {...handlers}
        />
      )}
    />
  );
}

/** 督办提醒: when the department is reminded of a deadline it still owes, and once it was, that it was (the API's instants). */
function Reminder({ deadline }: { deadline: TaskDeadline }) {
  if (deadline.remindedAt !== null) {
    return (
      <div className="small" data-testid="reminded">
        <span className="badge warn">{t.reminders.reminded}</span> {formatInstant(deadline.remindedAt)}
      </div>
    );
  }
  if (deadline.remindAt === null) return null;
  return (
    <div className="muted small" data-testid="remind-at">
      {t.reminders.remindAt} {formatInstant(deadline.remindAt)}
    </div>
  );
}

/** 申诉: a missed deadline's deduction contested with a reason and the attachments' references; supervisors decide. */
function FileAppealForm({
  path,
  issueId,
  deadlineId,
  onDone,
  onCancel,
}: FormHandlers<ReferenceResult> & { path: string; issueId: string; deadlineId: string }) {
  const [reason, setReason] = useState('');
  const [attachments, setAttachments] = useState('');
  const [checked, setChecked] = useState(false);
  const command = useCommand(['reason', 'attachments', 'deadlineId', 'issueId']);
  const faultsOf = (): Record<string, FieldFault | undefined> => ({ ...formFaults(FILE_APPEAL, { reason }), attachments: attachmentsFault(attachments) });
  const faults = checked ? faultsOf() : {};
  const submit = () => {
    setChecked(true);
    if (Object.values(faultsOf()).some((fault) => fault !== undefined)) return false;
    void command
      .run<ReferenceResult>(path, fileAppealBody({ issueId, deadlineId, reason, attachments }))
      .then((result) => result !== undefined && onDone(result));
  };
  return (
    <CommandForm testId="form-appeal" submitLabel={t.appeals.submit} command={command} onSubmit={submit} onCancel={onCancel}>
      <p className="muted">{t.appeals.explain}</p>
      <TextField
        label={t.appeals.reason}
        multiline
        value={reason}
        onChange={setReason}
        hint={t.work.maxLength(FILE_APPEAL.reason.maxLength)}
        error={faultText(faults.reason, command.fieldReasons.reason)}
      />
      <TextField
        label={t.appeals.attachments}
        multiline
        value={attachments}
        onChange={setAttachments}
        hint={t.appeals.attachmentsHint}
        error={faultText(faults.attachments, command.fieldReasons.attachments)}
      />
    </CommandForm>
  );
}

/**
 * 基础分决定 (supervisors): withhold or reduce a year's base score with a written reason citing the attendance. The
 * console checks that the points are a number; that they reduce, by half points, and not below zero is the rules'.
 */
function AdjustBaseForm({ path, year, onDone }: { path: string; year: number; onDone: (year: number, result: ReferenceResult) => void }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ year: String(year), points: '', reason: '' });
  const [checked, setChecked] = useState(false);
  const command = useCommand(['year', 'points', 'reason']);
  const faultsOf = (): Record<string, FieldFault | undefined> => ({
    ...formFaults(ADJUST_BASE, { reason: values.reason }),
    points: numberFault(values.points),
    year: numberFault(values.year),
  });
  const faults = checked ? faultsOf() : {};
  const set = (field: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t.base.open}
      </button>
    );
  }
  const submit = () => {
    setChecked(true);
    if (Object.values(faultsOf()).some((fault) => fault !== undefined)) return false;
    const decided = Number(values.year);
    void command
      .run<ReferenceResult>(path, { year: decided, points: Number(values.points), reason: values.reason })
      .then((result) => {
        if (result === undefined) return;
        setOpen(false);
        setChecked(false);
        setValues({ year: String(decided), points: '', reason: '' });
        onDone(decided, result);
      });
  };
  return (
    <CommandForm testId="form-base" submitLabel={t.base.submit} command={command} onSubmit={submit} onCancel={() => setOpen(false)}>
      <p className="muted">{t.base.explain}</p>
      <TextField label={t.base.year} type="number" value={values.year} onChange={set('year')} error={faultText(faults.year, command.fieldReasons.year)} />
      <TextField
        label={t.base.points}
        type="number"
        value={values.points}
        onChange={set('points')}
        hint={t.base.pointsHint}
        error={faultText(faults.points, command.fieldReasons.points)}
      />
      <TextField
        label={t.base.reason}
        multiline
        value={values.reason}
        onChange={set('reason')}
        hint={t.work.maxLength(ADJUST_BASE.reason.maxLength)}
        error={faultText(faults.reason, command.fieldReasons.reason)}
      />
    </CommandForm>
  );
}
