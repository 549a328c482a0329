import type { ReconciliationReport } from '../api/types';
import { useApi } from '../api/use-api';
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
                {report.differences.length === 0 ? (
                  <p className="verification ok">{t.reconciliation.noDifference}</p>
                ) : (
                  <table>
                    <caption>
                      {t.reconciliation.differences}（{report.differences.length}）
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.common.department}</th>
                        <th scope="col">{t.reconciliation.entryId}</th>
                        <th scope="col">{t.reconciliation.expected}</th>
                        <th scope="col">{t.reconciliation.recorded}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.differences.map((difference) => (
                        <tr key={`${difference.departmentId}-${difference.entryId}`}>
                          <td>{name(difference.departmentId)}</td>
                          <td className="small">{difference.entryId}</td>
                          <td className="number">{difference.expected ?? t.reconciliation.missing}</td>
                          <td className="number">{difference.recorded ?? t.reconciliation.missing}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            ))}
          </div>
        )}
      </Loaded>
    </>
  );
}
