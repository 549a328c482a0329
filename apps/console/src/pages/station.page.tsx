import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { storedSession } from '../api/session';
import type { IssueCommandResult, IssueSummary, IssueSummaryPage } from '../api/types';
import { useCommand, useFollowedApi } from '../api/use-command';
import { CommandForm, faultText, RowActions, TextCommandForm, TextField } from '../components/command-form';
import { Countdown } from '../components/countdown';
import { DataTable } from '../components/data-table';
import { useUnitNames } from '../components/organisation';
import { Pager } from '../components/pager';
import { Loaded } from '../components/problem-view';
import { StatusSelect } from '../components/status-select';
import { formatInstant } from '../format/format';
import { formFaults, RAISE_ISSUE, raiseIssueBody, REJECT_CLOSING, type RaiseIssueField } from '../forms/validation';
import { t } from '../i18n/dictionary';

const PAGE_SIZE = 20;

/** The station's commands on one of its issues, by the last segment of their route. */
const ROUTES = {
  escalate: 'escalations',
  coordinationMeeting: 'coordination-meetings',
  confirm: 'closing-confirmations',
  reject: 'closing-rejections',
} as const;
type StationAction = keyof typeof ROUTES;

/** What the console offers on an issue as the list shows it; the API decides whether it may be done. */
function offered(issue: IssueSummary): StationAction[] {
  if (issue.status === 'resolved') return ['confirm', 'reject'];
  if (issue.status !== 'open') return [];
  return [
    ...(issue.level === 'community' || issue.level === 'street' ? (['escalate'] as const) : []),
    ...(issue.whistleMode !== null ? (['coordinationMeeting'] as const) : []),
  ];
}

/** Whether the list's row has the command's effect: its level, its status, and the time limit the command set, if any. */
function shows(issue: IssueSummary, result: IssueCommandResult): boolean {
  const limit = [...result.appended].reverse().find((event) => event.type === 'LevelTimeLimitSet');
  return issue.level === result.level && issue.status === result.status && (limit === undefined || issue.timeLimit?.due === limit.data.due);
}

/** 工作站: raise an issue with its four lists, follow its issues and their time limits, act on each. */
export function StationPage() {
  const { stationId = '' } = useParams();
  const session = storedSession();
  const mayAct = session?.role === 'station' && session.scope === stationId;
  const { name } = useUnitNames();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const path = `/stations/${encodeURIComponent(stationId)}/issues`;
  const { state, follow } = useFollowedApi<IssueSummaryPage>(path, { status, page, pageSize: PAGE_SIZE });
  const [message, setMessage] = useState<string>();
  const [raising, setRaising] = useState(false);

  const done = (label: string, result: IssueCommandResult) => {
    setMessage(t.work.done(label, result.issueId, t.levels[result.level] ?? result.level, t.issueStatus[result.status] ?? result.status));
    follow((data) => data.items.some((issue) => issue.issueId === result.issueId && shows(issue, result)));
  };
  const setQuery = (key: string, value: string | undefined) =>
    setParams((current) => {
      if (value === undefined || value === '') current.delete(key);
      else current.set(key, value);
      if (key !== 'page') current.delete('page');
      return current;
    });

  return (
    <>
      <h1>{t.station.title(name(stationId))}</h1>
      <p role="status" className="notice" data-testid="notice">
        {message}
      </p>
      {mayAct && (
        <section aria-labelledby="raise-heading">
          <h2 id="raise-heading">{t.station.raise}</h2>
          {raising ? (
            <RaiseIssueForm
              path={path}
              onCancel={() => setRaising(false)}
              onRaised={(result) => {
                setRaising(false);
                done(t.station.raise, result);
              }}
            />
          ) : (
            <button type="button" onClick={() => setRaising(true)}>
              {t.station.raiseOpen}
            </button>
          )}
        </section>
      )}
      <h2>{t.station.issues}</h2>
      <div className="filters">
        <StatusSelect value={status} options={t.issueStatus} onChange={(value) => setQuery('status', value)} />
      </div>
      <Loaded state={state}>
        {(data) => (
          <>
            <DataTable
              testId="station-issues"
              cards
              rows={data.items}
              rowKey={(issue) => issue.issueId}
              rowAttributes={(issue) => ({ 'data-issue': issue.issueId, 'data-level': issue.level, 'data-status': issue.status })}
              columns={[
                { header: t.issues.issueId, cell: (issue) => issue.issueId },
                { header: t.issues.issueTitle, cell: (issue) => issue.title },
                { header: t.common.level, cell: (issue) => t.levels[issue.level] ?? issue.level },
                { header: t.common.status, cell: (issue) => t.issueStatus[issue.status] ?? issue.status },
                {
                  header: t.station.timeLimit,
                  cell: (issue) => <Countdown due={issue.timeLimit?.due} provisional={issue.timeLimit?.provisional} />,
                },
                {
                  header: t.issues.departments,
                  cell: (issue) =>
                    issue.whistleMode === null
                      ? '—'
                      : `${t.modes[issue.whistleMode] ?? issue.whistleMode}：${issue.departments.map(name).join('、')}`,
                },
                { header: t.issues.raisedAt, cell: (issue) => formatInstant(issue.raisedAt) },
                ...(mayAct
                  ? [
                      {
                        header: t.work.actions,
                        cell: (issue: IssueSummary) => (
                          <StationIssueActions issue={issue} path={`${path}/${issue.issueId}`} onDone={done} />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(target) => setQuery('page', String(target))} />
          </>
        )}
      </Loaded>
    </>
  );
}

function RaiseIssueForm({
  path,
  onRaised,
  onCancel,
}: {
  path: string;
  onRaised: (result: IssueCommandResult) => void;
  onCancel: () => void;
}) {
  const fields = Object.keys(RAISE_ISSUE) as RaiseIssueField[];
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((field) => [field, ''])) as Record<RaiseIssueField, string>);
  const [checked, setChecked] = useState(false);
  const command = useCommand(fields);
  const faults = checked ? formFaults(RAISE_ISSUE, values) : {};

  const submit = () => {
    setChecked(true);
    if (Object.keys(formFaults(RAISE_ISSUE, values)).length > 0) return false;
    void command.run<IssueCommandResult>(path, raiseIssueBody(values)).then((result) => result !== undefined && onRaised(result));
  };

  return (
    <CommandForm
      testId="raise-form"
      submitLabel={t.station.raiseSubmit}
      busy={command.busy}
      problem={command.problem}
      onSubmit={submit}
      onCancel={onCancel}
    >
      {fields.map((field) => (
        <TextField
          key={field}
          label={t.station.fields[field]}
          value={values[field]}
          multiline={field !== 'title'}
          hint={t.work.maxLength(RAISE_ISSUE[field].maxLength)}
          error={faultText(faults[field], command.fieldReasons[field])}
          onChange={(value) => setValues((current) => ({ ...current, [field]: value }))}
        />
      ))}
    </CommandForm>
  );
}

function StationIssueActions({
  issue,
  path,
  onDone,
}: {
  issue: IssueSummary;
  path: string;
  onDone: (label: string, result: IssueCommandResult) => void;
}) {
  return (
    <RowActions
      actions={offered(issue)}
      label={(action) => t.station.actions[action]}
      form={(action, close) => (
        <TextCommandForm
          testId={`form-${action}`}
          path={`${path}/${ROUTES[action]}`}
          submitLabel={t.station.submit[action]}
          explain={t.station.explain[action]}
          text={action === 'reject' ? { field: 'reason', label: t.station.reason, rule: REJECT_CLOSING.reason } : undefined}
          onCancel={close}
          onDone={(result) => {
            close();
            onDone(t.station.actions[action], result);
          }}
        />
      )}
    />
  );
}
