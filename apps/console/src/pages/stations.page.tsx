import { useId, useState } from 'react';
import { apiPost, ApiProblem, type Problem } from '../api/client';
import type { StationsEvaluation, SurveyList, SurveyRecorded } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { EvaluationTable } from '../components/evaluation-table';
import { useUnitNames } from '../components/organisation';
import { PeriodPicker, type PeriodValue } from '../components/period-picker';
import { Loaded } from '../components/problem-view';
import { formatRatio, today } from '../format/format';
import { t } from '../i18n/dictionary';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const COUNT_FIELDS = ['respondents', 'aware', 'satisfied', 'basicallySatisfied'] as const;
type Counts = Record<(typeof COUNT_FIELDS)[number], string>;

/** 工作站考评: every station's and street's figures over a period, and the surveys of residents per station. */
export function StationsPage() {
  const [period, setPeriod] = useState<PeriodValue>({ from: `${today().slice(0, 7)}-01`, to: today() });
  const [reload, setReload] = useState(0);
  const evaluation = useApi<StationsEvaluation>('/supervision/station-evaluations', period, reload);
  const { name } = useUnitNames();
  const stations = evaluation.data?.stations ?? [];
  const [selected, setSelected] = useState<string | undefined>();
  const station = selected ?? stations[0]?.stationId;
  const surveys = useApi<SurveyList>(station === undefined ? undefined : '/supervision/surveys', { stationId: station }, reload);
  const [counts, setCounts] = useState<Counts>({ respondents: '', aware: '', satisfied: '', basicallySatisfied: '' });
  const [answer, setAnswer] = useState<{ ok: true } | { ok: false; problem: Problem } | undefined>();
  const selectId = useId();
  const countId = useId();

  async function record(): Promise<void> {
    if (station === undefined) return;
    try {
      await apiPost<SurveyRecorded>(`/supervision/stations/${station}/surveys`, {
        ...period,
        ...Object.fromEntries(COUNT_FIELDS.map((field) => [field, Number(counts[field])])),
      });
      setAnswer({ ok: true });
      setReload((n) => n + 1);
    } catch (error) {
      setAnswer({ ok: false, problem: error instanceof ApiProblem ? error.problem : { status: 0, title: String(error) } });
    }
  }

  return (
    <>
      <h1>{t.stations.title}</h1>
      <div className="filters">
        <PeriodPicker period={period} onChange={setPeriod} />
      </div>
      <Loaded state={evaluation}>
        {(data) => (
          <>
            <EvaluationTable testId="station-evaluation" unitHeader={t.common.station} rows={data.stations.map((s) => ({ ...s, key: s.stationId }))} />
            <h2>{t.stations.streets}</h2>
            <EvaluationTable
              testId="street-evaluation"
              unitHeader={t.common.street}
              rows={[...data.streets.map((s) => ({ ...s, key: s.streetId })), { ...data.district, key: 'district', name: t.stations.district }]}
            />
          </>
        )}
      </Loaded>
      {station !== undefined && (
        <>
          <h2>{t.stations.surveys}</h2>
          <span className="field">
            <label htmlFor={selectId}>{t.common.station}</label>
            <select id={selectId} value={station} onChange={(e) => setSelected(e.target.value)}>
              {stations.map((s) => (
                <option key={s.stationId} value={s.stationId}>
                  {s.name}
                </option>
              ))}
            </select>
          </span>
          <form
            className="filters"
            aria-label={t.stations.record}
            onSubmit={(e) => {
              e.preventDefault();
              void record();
            }}
          >
            {COUNT_FIELDS.map((field) => (
              <span className="field" key={field}>
                <label htmlFor={`${countId}-${field}`}>{t.stations[field]}</label>
                <input
                  id={`${countId}-${field}`}
                  type="number"
                  min={0}
                  required
                  value={counts[field]}
                  onChange={(e) => setCounts({ ...counts, [field]: e.target.value })}
                />
              </span>
            ))}
            <button type="submit">{t.stations.record}</button>
          </form>
          {answer?.ok === true && <p role="status">{t.stations.recorded}</p>}
          {answer?.ok === false && (
            <p role="alert" data-testid="survey-refused">
              {t.stations.recordRefused(String(answer.problem.status))}
              {answer.problem.detail ?? answer.problem.title}
            </p>
          )}
          <Loaded state={surveys}>
            {(data) => (
              <>
                <DataTable
                  testId="surveys"
                  rows={data.items}
                  rowKey={(row) => row.surveyId}
                  columns={[
                    { header: t.circulars.period, cell: (row) => `${row.period.from} — ${row.period.to}` },
                    { header: t.stations.respondents, className: 'number', cell: (row) => row.respondents },
                    { header: t.stations.awareness, className: 'number', cell: (row) => formatRatio(row.awareness) },
                    { header: t.stations.surveySatisfaction, className: 'number', cell: (row) => formatRatio(row.satisfaction) },
                    { header: `${t.stations.satisfied} / ${t.stations.basicallySatisfied}`, className: 'number', cell: (row) => `${row.satisfied} / ${row.basicallySatisfied}` },
                  ]}
                />
                <Chart
                  label={t.stations.trendChart(name(station))}
                  testId="survey-chart"
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 48, right: 16, top: 40, bottom: 32 },
                    xAxis: { type: 'category', data: data.items.map((row) => row.period.to) },
                    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                    series: [
                      { type: 'line', name: t.stations.awareness, data: data.items.map((row) => percent(row.awareness.rate)) },
                      { type: 'line', name: t.stations.surveySatisfaction, data: data.items.map((row) => percent(row.satisfaction.rate)) },
                    ],
                  }}
                />
              </>
            )}
          </Loaded>
        </>
      )}
    </>
  );
}
