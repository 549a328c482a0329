import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { IssueCommandResult, IssueSummary, IssueSummaryPage } from '../api/types';
import { useFollowedApi } from '../api/use-command';
import { formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';
import { Countdown } from './countdown';
import { DataTable } from './data-table';
import { FilterSelect } from './filter-select';
import { useUnitNames } from './organisation';
import { Pager } from './pager';
import { Loaded } from './problem-view';

const PAGE_SIZE = 20;
type Filter = 'status' | 'level';

/** Whether the list's row has the command's effect: its level and status, and the time limit or whistle the command set. */
function shows(issue: IssueSummary, result: IssueCommandResult): boolean {
  const last = (type: string) => [...result.appended].reverse().find((event) => event.type === type);
  const limit = last('LevelTimeLimitSet');
  const whistle = last('WhistleBlown');
  return (
    issue.level === result.level &&
    issue.status === result.status &&
    (limit === undefined || issue.timeLimit?.due === limit.data.due) &&
    (whistle === undefined || issue.whistleMode === whistle.data.mode)
  );
}

/**
 * A unit's own issues to work on (a station's, a street's): the list with its filters in the URL, read again after
 * each command until it shows the command's effect, and a notice saying what was done.
 */
export function useIssueWork(path: string, filters: Partial<Record<Filter, string>>) {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries((Object.keys(filters) as Filter[]).map((key) => [key, params.get(key) ?? filters[key]])) as Record<
    Filter,
    string
  >;
  const page = Number(params.get('page')) || 1;
  const { state, follow } = useFollowedApi<IssueSummaryPage>(path, { ...query, page, pageSize: PAGE_SIZE });
  const [notice, setNotice] = useState<string>();
  const setQuery = (key: Filter | 'page', value: string) =>
    setParams((current) => {
      current.set(key, value);
      if (key !== 'page') current.delete('page');
      return current;
    });
  return {
    state,
    query,
    setQuery,
    notice,
    /** Says what another command of the page did (a meeting recorded), in the same notice. */
    announce: setNotice,
    done: (label: string, result: IssueCommandResult) => {
      setNotice(t.work.done(label, result.issueId, t.levels[result.level] ?? result.level, t.issueStatus[result.status] ?? result.status));
      follow((data) => data.items.some((issue) => issue.issueId === result.issueId && shows(issue, result)));
    },
  };
}

/** What a page's commands on one issue of the list are given. */
export type IssueActionsProps = { issue: IssueSummary; path: string; onDone: (label: string, result: IssueCommandResult) => void };

/** What was just done, announced to screen readers; empty until then. */
export function Notice({ message }: { message: string | undefined }) {
  return (
    <p role="status" className="notice" data-testid="notice">
      {message}
    </p>
  );
}

/** The list of issues a unit works on: as cards on a phone, each with its level's time limit counting down and its commands. */
export function IssueWorkList({
  work,
  testId,
  showStation = false,
  actions,
}: {
  work: ReturnType<typeof useIssueWork>;
  testId: string;
  showStation?: boolean;
  actions?: (issue: IssueSummary) => ReactNode;
}) {
  const { name } = useUnitNames();
  return (
    <>
      <div className="filters">
        {'level' in work.query && (
          <FilterSelect
            label={t.common.level}
            value={work.query.level}
            options={t.levels}
            onChange={(value) => work.setQuery('level', value)}
          />
        )}
        {'status' in work.query && (
          <FilterSelect
            label={t.common.status}
            value={work.query.status}
            options={t.issueStatus}
            onChange={(value) => work.setQuery('status', value)}
          />
        )}
      </div>
      <Loaded state={work.state}>
        {(data) => (
          <>
            <DataTable
              testId={testId}
              cards
              rows={data.items}
              rowKey={(issue) => issue.issueId}
              rowAttributes={(issue) => ({ 'data-issue': issue.issueId, 'data-level': issue.level, 'data-status': issue.status })}
              columns={[
                { header: t.issues.issueId, cell: (issue) => issue.issueId },
                { header: t.issues.issueTitle, cell: (issue) => issue.title },
                ...(showStation ? [{ header: t.common.station, cell: (issue: IssueSummary) => name(issue.stationId) }] : []),
                { header: t.common.level, cell: (issue) => t.levels[issue.level] ?? issue.level },
                { header: t.common.status, cell: (issue) => t.issueStatus[issue.status] ?? issue.status },
                {
                  header: t.work.timeLimit,
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
                ...(actions !== undefined ? [{ header: t.work.actions, cell: actions }] : []),
              ]}
            />
            <Pager
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPage={(target) => work.setQuery('page', String(target))}
            />
          </>
        )}
      </Loaded>
    </>
  );
}
