import type { ReconciliationReport } from '../api/types';
import { useApi } from '../api/use-api';
import { DataTable } from '../components/data-table';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';

/** Every reconciliation report of the year with every difference between the ledger and the recomputation. */
export function ReconciliationPage() {
  const [year, setYear] = useYear();
  const { name } = useUnitNames();
  const reports = useApi<{ year: number; reports: ReconciliationReport[] }>(`/supervision/reconciliations/${year}`);
  return (
    <>
      <h1>{t.reconciliation.title(year)}</h1>
      <YearPicker year={year} onChange={setYear} />
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
