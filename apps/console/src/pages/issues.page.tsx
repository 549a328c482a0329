import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { IssueSummaryPage } from '../api/types';
import { useApi } from '../api/use-api';
import { DataTable } from '../components/data-table';
import { Pager } from '../components/pager';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';

const FILTERS = ['stationId', 'streetId', 'departmentId', 'status', 'level', 'raisedFrom', 'raisedTo'] as const;
const PAGE_SIZE = 20;

/** Issue search: every filter and the page live in the URL and go to the API as they are (server-side paging). */
export function IssuesPage() {
  const [params, setParams] = useSearchParams();
  const { organisation, name } = useUnitNames();
  const page = Number(params.get('page')) || 1;
  const query = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? undefined]));
  const result = useApi<IssueSummaryPage>('/supervision/issues', { ...query, page, pageSize: PAGE_SIZE });

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(form.get(key) ?? '');
      if (value !== '') next.set(key, value);
    }
    setParams(next);
  };
  const goTo = (target: number) =>
    setParams((current) => {
      current.set('page', String(target));
      return current;
    });

  return (
    <>
      <h1>{t.issues.title}</h1>
      <form className="filters" onSubmit={submit} role="search" key={params.toString()}>
        <Select name="stationId" label={t.common.station} value={query.stationId} options={(organisation?.stations ?? []).map((u) => [u.id, u.name])} />
        <Select name="streetId" label={t.common.street} value={query.streetId} options={(organisation?.streets ?? []).map((u) => [u.id, u.name])} />
        <Select name="departmentId" label={t.common.department} value={query.departmentId} options={(organisation?.departments ?? []).map((u) => [u.id, u.name])} />
        <Select name="status" label={t.common.status} value={query.status} options={Object.entries(t.issueStatus)} />
        <Select name="level" label={t.common.level} value={query.level} options={Object.entries(t.levels)} />
        <DateField name="raisedFrom" label={t.issues.raisedFrom} value={query.raisedFrom} />
        <DateField name="raisedTo" label={t.issues.raisedTo} value={query.raisedTo} />
        <button type="submit">{t.common.search}</button>
        <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams())}>
          {t.common.reset}
        </button>
      </form>
      <Loaded state={result}>
        {(data) => (
          <>
            <DataTable
              testId="issue-results"
              rows={data.items}
              rowKey={(issue) => issue.issueId}
              columns={[
                { header: t.issues.issueId, cell: (issue) => <Link to={`/issues/${issue.issueId}`}>{issue.issueId}</Link> },
                { header: t.issues.issueTitle, cell: (issue) => issue.title },
                { header: t.common.station, cell: (issue) => name(issue.stationId) },
                { header: t.common.level, cell: (issue) => t.levels[issue.level] ?? issue.level },
                { header: t.common.status, cell: (issue) => t.issueStatus[issue.status] ?? issue.status },
                { header: t.issues.mode, cell: (issue) => (issue.whistleMode === null ? '—' : (t.modes[issue.whistleMode] ?? issue.whistleMode)) },
                { header: t.issues.departments, cell: (issue) => issue.departments.map(name).join('、') || '—' },
                { header: t.issues.raisedAt, cell: (issue) => formatInstant(issue.raisedAt) },
              ]}
            />
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={goTo} />
          </>
        )}
      </Loaded>
    </>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ''}>
        <option value="">{t.common.all}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </span>
  );
}

function DateField({ name, label, value }: { name: string; label: string; value?: string }) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" name={name} defaultValue={value ?? ''} />
    </span>
  );
}
