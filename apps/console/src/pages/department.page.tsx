import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { storedSession } from '../api/session';
import type { InboxPage, InboxTask, IssueCommandResult, Ledger } from '../api/types';
import { useApi } from '../api/use-api';
import { useFollowedApi } from '../api/use-command';
import { Chart } from '../components/chart';
import { RowActions, TextCommandForm } from '../components/command-form';
import { Countdown } from '../components/countdown';
import { DataTable } from '../components/data-table';
import { IssueLink } from '../components/issue-link';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatInstant, formatPoints } from '../format/format';
import { GIVE_FEEDBACK } from '../forms/validation';
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

/**
 * A department: its tasks (inbox, soonest due first, with the time left), its ledger of a year with each entry
 * linked to its cause, its running score. The department's own head also reports in (报到) and reports resolved.
 */
export function DepartmentPage() {
  const { departmentId = '' } = useParams();
  const session = storedSession();
  const mayAct = session?.role === 'department' && session.scope === departmentId;
  const { name } = useUnitNames();
  const [year, setYear] = useYear();
  const { state: tasks, follow } = useFollowedApi<InboxPage>(`/departments/${encodeURIComponent(departmentId)}/inbox`, { pageSize: 50 });
  const [message, setMessage] = useState<string>();
  const done = (label: string, before: InboxTask, result: IssueCommandResult) => {
    setMessage(t.work.done(label, result.issueId, t.levels[result.level] ?? result.level, t.issueStatus[result.status] ?? result.status));
    // The inbox shows the act once its read model has it: a new feedback instant or another task status.
    follow((page) => page.items.some((task) => task.issueId === before.issueId && (task.lastFeedbackAt !== before.lastFeedbackAt || task.status !== before.status)));
  };
  const ledger = useApi<Ledger>(`/supervision/departments/${encodeURIComponent(departmentId)}/ledger/${year}`);
  const title = name(departmentId);

  return (
    <>
      <h1>{t.department.title(title)}</h1>
      <h2>{t.department.tasks}</h2>
      {mayAct && (
        <p role="status" className="notice" data-testid="notice">
          {message}
        </p>
      )}
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
                    <div key={deadline.deadlineId}>
                      {deadline.lastDay} <span className={`badge outcome-${deadline.outcome}`}>{t.outcomes[deadline.outcome] ?? deadline.outcome}</span>
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
                  { header: t.department.reason, cell: (entry) => t.ledgerReasons[entry.reason] ?? entry.reason },
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
