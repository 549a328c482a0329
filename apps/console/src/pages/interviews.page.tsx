import { Link } from 'react-router';
import type { Interview } from '../api/types';
import { useApi } from '../api/use-api';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';

export function InterviewsPage() {
  const [year, setYear] = useYear();
  const { name } = useUnitNames();
  const interviews = useApi<{ items: Interview[] }>('/supervision/interviews', { year });
  return (
    <>
      <h1>{t.interviews.title(year)}</h1>
      <YearPicker year={year} onChange={setYear} />
      <Loaded state={interviews}>
        {(data) => (
          <table data-testid="interviews">
            <thead>
              <tr>
                <th scope="col">{t.common.department}</th>
                <th scope="col">{t.interviews.orderedAt}</th>
                <th scope="col">{t.interviews.reason}</th>
                <th scope="col">{t.interviews.deadlines}</th>
                <th scope="col">{t.interviews.stream}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 && (
                <tr>
                  <td colSpan={5}>{t.common.empty}</td>
                </tr>
              )}
              {data.items.map((interview, index) => (
                <tr key={`${interview.streamId}-${index}`}>
                  <td>
                    <Link to={`/departments/${interview.departmentId}?year=${interview.year}`}>{name(interview.departmentId)}</Link>
                  </td>
                  <td>{formatInstant(interview.at)}</td>
                  <td>{t.interviewReasons[interview.reason] ?? interview.reason}</td>
                  <td className="small">{(interview.deadlineIds ?? []).join('，') || '—'}</td>
                  <td className="small">{interview.streamId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </>
  );
}
