import { Link, useParams } from 'react-router';
import type { InboxTask, Ledger, Page } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart } from '../components/chart';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatInstant, formatPoints } from '../format/format';
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

/** A department: its tasks (inbox), its ledger of a year with each entry linked to its cause, its running score. */
export function DepartmentPage() {
  const { departmentId = '' } = useParams();
  const { name } = useUnitNames();
  const [year, setYear] = useYear();
  const tasks = useApi<Page<InboxTask>>(`/departments/${encodeURIComponent(departmentId)}/inbox`, { pageSize: 50 });
  const ledger = useApi<Ledger>(`/supervision/departments/${encodeURIComponent(departmentId)}/ledger/${year}`);
  const title = name(departmentId);

  return (
    <>
      <h1>{t.department.title(title)}</h1>
      <h2>{t.department.tasks}</h2>
      <Loaded state={tasks}>
        {(page) => (
          <table data-testid="tasks">
            <thead>
              <tr>
                <th scope="col">{t.issues.issueId}</th>
                <th scope="col">{t.issues.issueTitle}</th>
                <th scope="col">{t.common.station}</th>
                <th scope="col">{t.common.status}</th>
                <th scope="col">{t.department.whistledAt}</th>
                <th scope="col">{t.department.nextDue}</th>
                <th scope="col">{t.issue.deadlines}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={7}>{t.common.empty}</td>
                </tr>
              )}
              {page.items.map((task) => (
                <tr key={task.issueId}>
                  <td>
                    <Link to={`/issues/${task.issueId}`}>{task.issueId}</Link>
                  </td>
                  <td>{task.title}</td>
                  <td>{name(task.stationId)}</td>
                  <td>{t.taskStatus[task.status] ?? task.status}</td>
                  <td>{formatInstant(task.whistledAt)}</td>
                  <td>{formatInstant(task.nextDueAt)}</td>
                  <td>
                    {task.deadlines.map((deadline) => (
                      <div key={deadline.deadlineId}>
                        {deadline.lastDay} <span className={`badge outcome-${deadline.outcome}`}>{t.outcomes[deadline.outcome] ?? deadline.outcome}</span>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
              <table data-testid="ledger">
                <thead>
                  <tr>
                    <th scope="col">{t.department.entryAt}</th>
                    <th scope="col">{t.department.reason}</th>
                    <th scope="col">{t.department.change}</th>
                    <th scope="col">{t.department.runningTotal}</th>
                    <th scope="col">{t.department.causedBy}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((entry, index) => (
                    <tr key={entry.entryId} data-reason={entry.reason}>
                      <td>{formatInstant(entry.at)}</td>
                      <td>{t.ledgerReasons[entry.reason] ?? entry.reason}</td>
                      <td className={`number ${entry.points < 0 ? 'negative' : ''}`}>{formatPoints(entry.points)}</td>
                      <td className="number">{running[index]}</td>
                      <td>
                        {entry.issueId !== undefined ? (
                          <Link to={`/issues/${entry.issueId}${entry.causedBy !== undefined ? `#event-${entry.causedBy}` : ''}`}>
                            {entry.issueId}
                            {entry.causedBy !== undefined && ` · ${entry.causedBy.slice(0, 8)}`}
                          </Link>
                        ) : (
                          (entry.causedBy ?? '—')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
