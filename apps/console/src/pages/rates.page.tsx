import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type { MonthlyRatesList, RatesList } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatRate } from '../format/format';
import { t } from '../i18n/dictionary';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** The three rates per department for the year, and one department's monthly trend. */
export function RatesPage() {
  const [year, setYear] = useYear();
  const [params, setParams] = useSearchParams();
  const { name } = useUnitNames();
  const selectId = useId();
  const rates = useApi<RatesList>(`/supervision/rates/${year}`);
  const selected = params.get('department') ?? rates.data?.items[0]?.departmentId;
  const monthly = useApi<MonthlyRatesList>(selected === undefined ? undefined : `/supervision/rates/${year}/monthly`, { departmentId: selected });

  return (
    <>
      <h1>{t.rates.title(year)}</h1>
      <YearPicker year={year} onChange={setYear} />
      <Loaded state={rates}>
        {(data) => (
          <DataTable
            testId="rates"
            rows={data.items}
            rowKey={(row) => row.departmentId}
            columns={[
              { header: t.common.department, cell: (row) => name(row.departmentId) },
              { header: t.rates.onTime, className: 'number', cell: (row) => formatRate(row.onTimeFeedbackRate) },
              { header: `${t.rates.met} / ${t.rates.missed}`, className: 'number', cell: (row) => `${row.feedbackDeadlinesMet} / ${row.feedbackDeadlinesMissed}` },
              { header: t.rates.resolution, className: 'number', cell: (row) => formatRate(row.resolutionRate) },
              { header: `${t.rates.closed} / ${t.rates.whistled}`, className: 'number', cell: (row) => `${row.issuesClosed} / ${row.issuesWhistled}` },
              { header: t.rates.satisfaction, className: 'number', cell: (row) => (row.satisfaction === null ? t.rates.notRecorded : formatRate(row.satisfaction)) },
            ]}
          />
        )}
      </Loaded>
      {selected !== undefined && (
        <>
          <h2>{t.rates.trendFor(name(selected))}</h2>
          <span className="field">
            <label htmlFor={selectId}>{t.common.department}</label>
            <select
              id={selectId}
              value={selected}
              onChange={(e) =>
                setParams((current) => {
                  current.set('department', e.target.value);
                  return current;
                })
              }
            >
              {(rates.data?.items ?? []).map((row) => (
                <option key={row.departmentId} value={row.departmentId}>
                  {name(row.departmentId)}
                </option>
              ))}
            </select>
          </span>
          <Loaded state={monthly}>
            {(data) => (
              <Chart
                label={t.rates.chartLabel(name(selected))}
                testId="rates-chart"
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (value === null || value === undefined ? '—' : `${value}%`) },
                  legend: { top: 0 },
                  grid: { left: 48, right: 16, top: 40, bottom: 32 },
                  xAxis: { type: 'category', data: data.items.map((row) => row.month) },
                  yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                  series: [
                    { type: 'line', name: t.rates.onTime, data: data.items.map((row) => percent(row.onTimeFeedbackRate)), connectNulls: false },
                    { type: 'line', name: t.rates.resolution, data: data.items.map((row) => percent(row.resolutionRate)), connectNulls: false },
                    { type: 'line', name: t.rates.satisfaction, data: data.items.map((row) => percent(row.satisfaction)), connectNulls: false },
                  ],
                }}
              />
            )}
          </Loaded>
        </>
      )}
    </>
  );
}
