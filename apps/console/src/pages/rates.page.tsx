import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type { MonthlyRates, Rates } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart } from '../components/chart';
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
  const rates = useApi<{ year: number; items: Rates[] }>(`/supervision/rates/${year}`);
  const selected = params.get('department') ?? rates.data?.items[0]?.departmentId;
  const monthly = useApi<{ year: number; items: MonthlyRates[] }>(selected === undefined ? undefined : `/supervision/rates/${year}/monthly`, { departmentId: selected });

  return (
    <>
      <h1>{t.rates.title(year)}</h1>
      <YearPicker year={year} onChange={setYear} />
      <Loaded state={rates}>
        {(data) => (
          <table data-testid="rates">
            <thead>
              <tr>
                <th scope="col">{t.common.department}</th>
                <th scope="col">{t.rates.onTime}</th>
                <th scope="col">
                  {t.rates.met} / {t.rates.missed}
                </th>
                <th scope="col">{t.rates.resolution}</th>
                <th scope="col">
                  {t.rates.closed} / {t.rates.whistled}
                </th>
                <th scope="col">{t.rates.satisfaction}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 && (
                <tr>
                  <td colSpan={6}>{t.common.empty}</td>
                </tr>
              )}
              {data.items.map((row) => (
                <tr key={row.departmentId}>
                  <td>{name(row.departmentId)}</td>
                  <td className="number">{formatRate(row.onTimeFeedbackRate)}</td>
                  <td className="number">
                    {row.feedbackDeadlinesMet} / {row.feedbackDeadlinesMissed}
                  </td>
                  <td className="number">{formatRate(row.resolutionRate)}</td>
                  <td className="number">
                    {row.issuesClosed} / {row.issuesWhistled}
                  </td>
                  <td className="number">{row.satisfaction === null ? t.rates.notRecorded : formatRate(row.satisfaction)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
