import { useEffect, useState } from 'react';
import { apiPost, ApiProblem, type Problem } from '../api/client';
import { storedSession } from '../api/session';
import type { ReconciliationList } from '../api/types';
import { useApi } from '../api/use-api';
import { DataTable } from '../components/data-table';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';

/** Reads the report list again every POLL_MS while a provisional run works, MAX_POLLS times at most (about 2 minutes). */
const POLL_MS = 2000;
const MAX_POLLS = 60;

type ProvisionalRun =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'waiting'; workflowId: string; reportsBefore: number; polls: number }
  | { phase: 'published'; workflowId: string }
  | { phase: 'refresh-later'; workflowId: string }
  | { phase: 'refused'; problem: Problem };

/** Every reconciliation report of the year with every difference between the ledger and the recomputation. */
export function ReconciliationPage() {
  const [year, setYear] = useYear();
  const { name } = useUnitNames();
  const [reload, setReload] = useState(0);
  const [run, setRun] = useState<ProvisionalRun>({ phase: 'idle' });
  const reports = useApi<ReconciliationList>(`/supervision/reconciliations/${year}`, {}, reload);
  const reportCount = reports.data?.year === year ? reports.data.reports.length : undefined;
  // The button is offered to the roles the API lets start a run; the API still decides (403 otherwise).
  const role = storedSession()?.role;
  const mayStart = role === 'supervisor' || role === 'admin';

  useEffect(() => setRun({ phase: 'idle' }), [year]);

  useEffect(() => {
    if (run.phase !== 'waiting') return;
    if (reportCount !== undefined && reportCount > run.reportsBefore) {
      setRun({ phase: 'published', workflowId: run.workflowId });
      return;
    }
    if (run.polls >= MAX_POLLS) {
      setRun({ phase: 'refresh-later', workflowId: run.workflowId });
      return;
    }
    const timer = setTimeout(() => {
      setRun({ ...run, polls: run.polls + 1 });
      setReload((n) => n + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run, reportCount]);

  async function startProvisional(): Promise<void> {
    const reportsBefore = reportCount;
    setRun({ phase: 'starting' });
    try {
      const started = await apiPost<{ workflowId: string }>(`/supervision/reconciliations/${year}/provisional`);
      // Without the list (another role's 403, a failed read) there is nothing to watch: the user refreshes.
      setRun(
        reportsBefore === undefined
          ? { phase: 'refresh-later', workflowId: started.workflowId }
          : { phase: 'waiting', workflowId: started.workflowId, reportsBefore, polls: 0 },
      );
    } catch (error) {
      setRun({ phase: 'refused', problem: error instanceof ApiProblem ? error.problem : { status: 0, title: String(error) } });
    }
  }

  return (
    <>
      <h1>{t.reconciliation.title(year)}</h1>
      <div className="filters">
        <YearPicker year={year} onChange={setYear} />
        {mayStart && (
          <button
            type="button"
            data-testid="start-provisional"
            disabled={run.phase === 'starting' || run.phase === 'waiting'}
            onClick={() => void startProvisional()}
          >
            {run.phase === 'starting' ? t.reconciliation.starting : t.reconciliation.startProvisional}
          </button>
        )}
      </div>
      <ProvisionalRunStatus run={run} />
      <Loaded state={reports}>
        {(data) => (
          <div data-testid="reconciliations">
            {data.reports.length === 0 && <p>{t.reconciliation.none}</p>}
            {data.reports.map((report, index) => (
              <section key={index} className="report">
                <h2>
                  {t.reconciliation.at} {formatInstant(report.at)} · {report.final ? t.common.final : t.common.provisional}
                </h2>
                {report.differences.length === 0 && report.interviewDifferences.length === 0 && (
                  <p className="verification ok">{t.reconciliation.noDifference}</p>
                )}
                {report.interviewDifferences.length > 0 && (
                  <DataTable
                    caption={
                      <>
                        {t.reconciliation.interviewDifferences}（{report.interviewDifferences.length}）
                      </>
                    }
                    rows={report.interviewDifferences}
                    rowKey={(difference) => `${difference.departmentId}-${difference.deadlineIds.join(',')}`}
                    columns={[
                      { header: t.common.department, cell: (difference) => name(difference.departmentId) },
                      { header: t.reconciliation.runOfMisses, className: 'small', cell: (difference) => difference.deadlineIds.join('、') },
                      {
                        header: t.reconciliation.interviewExpected,
                        cell: (difference) => (difference.expected ? t.reconciliation.yes : t.reconciliation.no),
                      },
                      {
                        header: t.reconciliation.interviewRecorded,
                        cell: (difference) => (difference.recorded ? t.reconciliation.yes : t.reconciliation.no),
                      },
                    ]}
                  />
                )}
                {report.waitingDeadlines.length > 0 && (
                  <DataTable
                    caption={
                      <>
                        {t.reconciliation.waitingDeadlines}（{report.waitingDeadlines.length}）
                      </>
                    }
                    rows={report.waitingDeadlines}
                    rowKey={(waiting) => waiting.deadlineId}
                    columns={[
                      { header: t.common.department, cell: (waiting) => name(waiting.departmentId) },
                      { header: t.reconciliation.waitingIssue, className: 'small', cell: (waiting) => waiting.issueId },
                      { header: t.reconciliation.waitingDeadline, className: 'small', cell: (waiting) => waiting.deadlineId },
                      { header: t.reconciliation.waitingDue, cell: (waiting) => formatInstant(waiting.due) },
                    ]}
                  />
                )}
                {report.differences.length > 0 && (
                  <DataTable
                    caption={
                      <>
                        {t.reconciliation.differences}（{report.differences.length}）
                      </>
                    }
                    rows={report.differences}
                    rowKey={(difference) => `${difference.departmentId}-${difference.entryId}`}
                    columns={[
                      { header: t.common.department, cell: (difference) => name(difference.departmentId) },
                      { header: t.reconciliation.entryId, className: 'small', cell: (difference) => difference.entryId },
                      {
                        header: t.reconciliation.expected,
                        className: 'number',
                        cell: (difference) => difference.expected ?? t.reconciliation.missing,
                      },
                      {
                        header: t.reconciliation.recorded,
                        className: 'number',
                        cell: (difference) => difference.recorded ?? t.reconciliation.missing,
                      },
                    ]}
                  />
                )}
              </section>
            ))}
          </div>
        )}
      </Loaded>
    </>
  );
}

/** What became of the request for a provisional run, announced to screen readers as it changes. */
function ProvisionalRunStatus({ run }: { run: ProvisionalRun }) {
  if (run.phase === 'idle' || run.phase === 'starting') return null;
  if (run.phase === 'refused') {
    return (
      <p className="verification broken" role="alert" data-testid="provisional-run" data-phase={run.phase} data-status={run.problem.status}>
        {t.reconciliation.startRefused(run.problem.status === 0 ? t.problem.network : t.problem.status(run.problem.status))}
        {run.problem.detail ?? run.problem.title}
      </p>
    );
  }
  const message =
    run.phase === 'waiting'
      ? t.reconciliation.started(run.workflowId)
      : run.phase === 'published'
        ? t.reconciliation.published
        : t.reconciliation.refreshLater(run.workflowId);
  return (
    <p
      className={`verification ${run.phase === 'published' ? 'ok' : ''}`}
      role="status"
      data-testid="provisional-run"
      data-phase={run.phase}
    >
      {message}
    </p>
  );
}
