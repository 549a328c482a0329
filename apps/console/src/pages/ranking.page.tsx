import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { BonusList, InterviewList, Ranking } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart } from '../components/chart';
import { barAxisMin } from '../components/chart-axis';
import { DataTable } from '../components/data-table';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';

/** The ranking as the API ranks it (standard competition ranking: 1, 2, 2, 4), with bonuses and last-place interviews marked. */
export function RankingPage() {
  const [year, setYear] = useYear();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') === 'final' ? 'final' : 'provisional';
  const kindId = useId();
  const { name } = useUnitNames();
  const ranking = useApi<Ranking>(`/supervision/rankings/${year}`, { kind });
  const bonuses = useApi<BonusList>(`/supervision/assessment-bonuses/${year}`);
  const interviews = useApi<InterviewList>('/supervision/interviews', { year });

  return (
    <>
      <h1>{t.ranking.title(year)}</h1>
      <div className="filters">
        <YearPicker year={year} onChange={setYear} />
        <span className="field">
          <label htmlFor={kindId}>{t.ranking.kind}</label>
          <select
            id={kindId}
            value={kind}
            onChange={(e) =>
              setParams((current) => {
                current.set('kind', e.target.value);
                return current;
              })
            }
          >
            <option value="provisional">{t.common.provisional}</option>
            <option value="final">{t.common.final}</option>
          </select>
        </span>
      </div>
      <Loaded state={ranking}>
        {(data) => {
          const shared = (rank: number) => data.ranking.filter((row) => row.rank === rank).length > 1;
          const bonusOf = (department: string) => bonuses.data?.items.find((b) => b.departmentId === department);
          const lastPlace = (department: string) => interviews.data?.items.some((i) => i.departmentId === department && i.reason === 'last-in-ranking') ?? false;
          return (
            <>
              <p className="muted">
                {data.kind === 'final' ? t.common.final : t.common.provisional}
                {data.publishedAt !== undefined && ` · ${t.ranking.publishedAt} ${formatInstant(data.publishedAt)}`}
              </p>
              <Chart
                label={t.ranking.chartLabel}
                testId="ranking-chart"
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 56, right: 16, top: 24, bottom: 48 },
                  xAxis: { type: 'category', data: data.ranking.map((row) => name(row.department)), axisLabel: { interval: 0, rotate: data.ranking.length > 8 ? 30 : 0 } },
                  yAxis: { type: 'value', min: barAxisMin, name: t.ranking.total },
                  series: [{ type: 'bar', name: t.ranking.total, data: data.ranking.map((row) => row.total), label: { show: true, position: 'top' } }],
                }}
              />
              <DataTable
                testId="ranking"
                rows={data.ranking}
                rowKey={(row) => row.department}
                columns={[
                  {
                    header: t.ranking.rank,
                    className: 'number',
                    cell: (row) => (
                      <>
                        {row.rank}
                        {shared(row.rank) && <span className="badge tie">{t.ranking.tie}</span>}
                      </>
                    ),
                  },
                  { header: t.common.department, cell: (row) => <Link to={`/departments/${row.department}?year=${year}`}>{name(row.department)}</Link> },
                  { header: t.ranking.total, className: 'number', cell: (row) => row.total },
                  {
                    header: t.ranking.marks,
                    cell: (row) => {
                      const bonus = bonusOf(row.department);
                      return (
                        <>
                          {bonus !== undefined && <span className="badge bonus">{t.ranking.bonus(bonus.partyBuilding, bonus.stationing)}</span>}
                          {lastPlace(row.department) && <span className="badge warn">{t.ranking.lastPlaceInterview}</span>}
                        </>
                      );
                    },
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
