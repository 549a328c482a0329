import type { Overview } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart } from '../components/chart';
import { Loaded } from '../components/problem-view';
import { t } from '../i18n/dictionary';

const LEVELS = ['community', 'street', 'district', 'city'];
const STATUSES = ['open', 'resolved', 'closed'];

export function OverviewPage() {
  const overview = useApi<Overview>('/supervision/overview');
  return (
    <>
      <h1>{t.overview.title}</h1>
      <Loaded state={overview}>
        {(data) => {
          const count = (level: string, status: string) => data.issues.find((c) => c.level === level && c.status === status)?.count ?? 0;
          return (
            <>
              <p className="muted">{t.overview.window(data.window.today, data.window.weekStart, data.window.weekEnd)}</p>
              <div className="cards">
                <Card label={t.overview.dueToday} value={data.deadlinesDueToday} testId="due-today" />
                <Card label={t.overview.dueThisWeek} value={data.deadlinesDueThisWeek} testId="due-this-week" />
                <Card label={t.overview.missedThisMonth} value={data.deadlinesMissedThisMonth} testId="missed-this-month" warn />
                <Card label={t.overview.interviewsPending} value={data.interviewsPending} testId="interviews-pending" />
              </div>
              <h2>{t.overview.issuesByLevel}</h2>
              <table data-testid="issues-by-level">
                <thead>
                  <tr>
                    <th scope="col">{t.common.level}</th>
                    {STATUSES.map((status) => (
                      <th scope="col" key={status}>
                        {t.issueStatus[status]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {LEVELS.map((level) => (
                    <tr key={level}>
                      <th scope="row">{t.levels[level]}</th>
                      {STATUSES.map((status) => (
                        <td key={status} className="number">
                          {count(level, status)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <Chart
                label={t.overview.chartLabel}
                testId="overview-chart"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 48, right: 16, top: 40, bottom: 32 },
                  xAxis: { type: 'category', data: LEVELS.map((l) => t.levels[l]) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: STATUSES.map((status) => ({ type: 'bar', stack: 'issues', name: t.issueStatus[status], data: LEVELS.map((level) => count(level, status)) })),
                }}
              />
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function Card({ label, value, testId, warn = false }: { label: string; value: number; testId: string; warn?: boolean }) {
  return (
    <div className={`card${warn && value > 0 ? ' warn' : ''}`} data-testid={testId}>
      <div className="card-value">{value}</div>
      <div className="card-label">{label}</div>
    </div>
  );
}
