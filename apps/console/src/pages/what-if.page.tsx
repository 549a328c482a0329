import { useEffect, useId, useState } from 'react';
import { apiGet, apiPost, ApiProblem, type Problem } from '../api/client';
import type { WhatIf, WhatIfStarted } from '../api/types';
import { Chart } from '../components/chart';
import { barAxisMin } from '../components/chart-axis';
import { DataTable } from '../components/data-table';
import { useUnitNames } from '../components/organisation';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { t } from '../i18n/dictionary';
import { formatInstant } from '../format/format';

/** Asks for the result every POLL_MS, MAX_POLLS times at most (about 2 minutes). */
const POLL_MS = 2000;
const MAX_POLLS = 60;

type Run =
  | { phase: 'idle' }
  | { phase: 'running'; location: string; polls: number }
  | { phase: 'done'; result: WhatIf }
  | { phase: 'refresh-later' }
  | { phase: 'refused'; problem: Problem };

/** The rule values the page offers; empty fields keep the recorded rules. */
type Rules = {
  feedbackCount: string;
  feedbackUnit: string;
  communityLimit: string;
  streetLimit: string;
  deductionPoints: string;
  deductionPer: string;
  coHandling: string;
};
const NO_CHANGE: Rules = {
  feedbackCount: '',
  feedbackUnit: '',
  communityLimit: '',
  streetLimit: '',
  deductionPoints: '',
  deductionPer: '',
  coHandling: '',
};

/** The overrides the filled-in fields ask for, in the shape of a scenario's `policy:` (the API checks them). */
function overridesOf(rules: Rules): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  const feedback = {
    ...(rules.feedbackCount !== '' ? { count: Number(rules.feedbackCount) } : {}),
    ...(rules.feedbackUnit !== '' ? { unit: rules.feedbackUnit } : {}),
  };
  if (Object.keys(feedback).length > 0) overrides.feedback = feedback;
  if (rules.communityLimit !== '') overrides.communityLimit = { count: Number(rules.communityLimit) };
  if (rules.streetLimit !== '') overrides.streetLimit = { count: Number(rules.streetLimit) };
  if (rules.deductionPoints !== '') overrides.points = { feedbackMissed: Number(rules.deductionPoints) };
  if (rules.deductionPer !== '') overrides.deductionPer = rules.deductionPer;
  if (rules.coHandling !== '') overrides.singleWithAddedDepartments = rules.coHandling;
  return overrides;
}

/** 规则推演: the year the district lived under other rule values beside the recorded ones; it changes nothing. */
export function WhatIfPage() {
  const [year, setYear] = useYear();
  const { name } = useUnitNames();
  const [rules, setRules] = useState<Rules>(NO_CHANGE);
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const ids = {
    feedbackCount: useId(),
    feedbackUnit: useId(),
    communityLimit: useId(),
    streetLimit: useId(),
    deductionPoints: useId(),
    deductionPer: useId(),
    coHandling: useId(),
  };
  const set = (key: keyof Rules) => (e: { target: { value: string } }) => setRules({ ...rules, [key]: e.target.value });

  useEffect(() => setRun({ phase: 'idle' }), [year]);

  useEffect(() => {
    if (run.phase !== 'running') return;
    if (run.polls >= MAX_POLLS) return setRun({ phase: 'refresh-later' });
    const timer = setTimeout(() => {
      apiGet<WhatIf>(run.location.replace(/^\/api\/v1/, ''))
        .then((result) => setRun({ phase: 'done', result }))
        .catch((error: unknown) => {
          if (error instanceof ApiProblem && error.problem.status === 404) setRun({ ...run, polls: run.polls + 1 });
          else setRun({ phase: 'refused', problem: error instanceof ApiProblem ? error.problem : { status: 0, title: String(error) } });
        });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);

  async function start(): Promise<void> {
    try {
      const started = await apiPost<WhatIfStarted>(`/supervision/what-if/${year}`, overridesOf(rules));
      setRun({ phase: 'running', location: started.whatIf, polls: 0 });
    } catch (error) {
      setRun({ phase: 'refused', problem: error instanceof ApiProblem ? error.problem : { status: 0, title: String(error) } });
    }
  }

  const numberField = (
    key: 'feedbackCount' | 'communityLimit' | 'streetLimit' | 'deductionPoints',
    label: string,
    min: number,
    max: number,
  ) => (
    <span className="field">
      <label htmlFor={ids[key]}>{label}</label>
      <input
        id={ids[key]}
        type="number"
        min={min}
        max={max}
        step={key === 'deductionPoints' ? 0.5 : 1}
        value={rules[key]}
        placeholder={t.whatIf.recorded}
        onChange={set(key)}
      />
    </span>
  );
  const selectField = (key: 'feedbackUnit' | 'deductionPer' | 'coHandling', label: string, options: [string, string][]) => (
    <span className="field">
      <label htmlFor={ids[key]}>{label}</label>
      <select id={ids[key]} value={rules[key]} onChange={set(key)}>
        <option value="">{t.whatIf.recorded}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );

  return (
    <>
      <h1>{t.whatIf.title(year)}</h1>
      <p className="notice" data-testid="what-if-notice">
        {t.whatIf.notice}
      </p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <YearPicker year={year} onChange={setYear} />
        {numberField('feedbackCount', t.whatIf.feedbackCount, 1, 30)}
        {selectField('feedbackUnit', t.whatIf.feedbackUnit, [
          ['workingDays', t.whatIf.workingDays],
          ['calendarDays', t.whatIf.calendarDays],
        ])}
        {numberField('communityLimit', t.whatIf.communityLimit, 1, 60)}
        {numberField('streetLimit', t.whatIf.streetLimit, 1, 60)}
        {numberField('deductionPoints', t.whatIf.deductionPoints, -60, -0.5)}
        {selectField('deductionPer', t.whatIf.deductionPer, [
          ['deadline', t.whatIf.perDeadline],
          ['issue', t.whatIf.perIssue],
        ])}
        {selectField('coHandling', t.whatIf.coHandling, [
          ['coHandled', t.whatIf.coHandled],
          ['namedOnly', t.whatIf.namedOnly],
        ])}
        <button type="submit" data-testid="run-what-if" disabled={run.phase === 'running'}>
          {run.phase === 'running' ? t.whatIf.running : t.whatIf.run}
        </button>
      </form>
      <div data-testid="what-if-run" data-phase={run.phase} role="status">
        {run.phase === 'refresh-later' && <p>{t.whatIf.refreshLater}</p>}
        {run.phase === 'refused' && (
          <div className="problem" role="alert">
            <p>
              {t.whatIf.refused(String(run.problem.status))}
              {run.problem.detail ?? run.problem.title}
            </p>
            {run.problem.errors !== undefined && (
              <ul>
                {run.problem.errors.map((e) => (
                  <li key={e.field}>
                    {e.field}：{e.reason}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {run.phase === 'done' && run.result.status === 'refused' && (
        <div className="problem" role="alert">
          <p>{t.whatIf.notCompared}</p>
          <ul>
            {(run.result.problems ?? []).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {run.phase === 'done' && run.result.changes !== undefined && (
        <WhatIfResult result={run.result} changes={run.result.changes} name={name} />
      )}
    </>
  );
}

function WhatIfResult({
  result,
  changes,
  name,
}: {
  result: WhatIf;
  changes: NonNullable<WhatIf['changes']>;
  name: (id: string) => string;
}) {
  const departments = [...changes.departments]
    .sort((a, b) => a.total.current - b.total.current || a.department.localeCompare(b.department))
    .reverse();
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  return (
    <section data-testid="what-if-result">
      {(result.differences ?? []).length > 0 && (
        <p className="verification broken">{t.whatIf.differs((result.differences ?? []).length)}</p>
      )}
      <Chart
        label={t.whatIf.chartLabel}
        testId="what-if-chart"
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 56, right: 16, top: 32, bottom: 48 },
          xAxis: {
            type: 'category',
            data: departments.map((d) => name(d.department)),
            axisLabel: { interval: 0, rotate: departments.length > 8 ? 30 : 0 },
          },
          yAxis: { type: 'value', min: barAxisMin, name: t.ranking.total },
          series: [
            { type: 'bar', name: t.whatIf.current, data: departments.map((d) => d.total.current) },
            { type: 'bar', name: t.whatIf.alternative, data: departments.map((d) => d.total.alternative) },
          ],
        }}
      />
      <DataTable
        testId="what-if-changes"
        caption={t.whatIf.changes}
        rows={changes.departments}
        rowKey={(d) => d.department}
        columns={[
          { header: t.common.department, cell: (d) => name(d.department) },
          {
            header: t.whatIf.total,
            className: 'number',
            cell: (d) => `${d.total.current} → ${d.total.alternative}（${signed(d.total.change)}）`,
          },
          { header: t.whatIf.rank, className: 'number', cell: (d) => `${d.rank.current} → ${d.rank.alternative}` },
          { header: t.whatIf.deductions, className: 'number', cell: (d) => `${d.deductions.current} → ${d.deductions.alternative}` },
          {
            header: t.whatIf.bonuses,
            className: 'number',
            cell: (d) =>
              `${d.partyBuildingBonus.current + d.stationingBonus.current} → ${d.partyBuildingBonus.alternative + d.stationingBonus.alternative}`,
          },
          { header: t.whatIf.interviews, className: 'number', cell: (d) => `${d.interviews.current} → ${d.interviews.alternative}` },
        ]}
      />
      {changes.mootAppeals.count > 0 && (
        <DataTable
          testId="what-if-moot-appeals"
          caption={t.whatIf.mootAppeals(changes.mootAppeals.count)}
          rows={changes.mootAppeals.appeals}
          rowKey={(a) => a.deadlineId}
          columns={[
            { header: t.common.department, cell: (a) => name(a.department) },
            { header: t.whatIf.issue, cell: (a) => a.issue },
            { header: t.whatIf.appealedAt, cell: (a) => formatInstant(a.appealedAt) },
            { header: t.whatIf.dueUnderRules, cell: (a) => formatInstant(a.due) },
            { header: t.whatIf.mootBecause, cell: (a) => t.whatIf.because[a.because] },
            {
              header: t.whatIf.recordedDecision,
              cell: (a) => (a.decision === undefined ? t.whatIf.undecided : t.appeals.statuses[a.decision.outcome]),
            },
          ]}
        />
      )}
    </section>
  );
}
