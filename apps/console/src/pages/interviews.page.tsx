import { Link } from 'react-router';
import type { InterviewList } from '../api/types';
import { useApi } from '../api/use-api';
import { DataTable } from '../components/data-table';
import { useUnitNames } from '../components/organisation';
import { Loaded } from '../components/problem-view';
import { useYear } from '../components/use-year';
import { YearPicker } from '../components/year-picker';
import { formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';

export function InterviewsPage() {
  const [year, setYear] = useYear();
  const { name } = useUnitNames();
  const interviews = useApi<InterviewList>('/supervision/interviews', { year });
  return (
    <>
      <h1>{t.interviews.title(year)}</h1>
      <YearPicker year={year} onChange={setYear} />
      <Loaded state={interviews}>
        {(data) => (
          <DataTable
            testId="interviews"
            rows={data.items}
            rowKey={(interview, index) => `${interview.streamId}-${index}`}
            columns={[
              {
                header: t.common.department,
                cell: (interview) => <Link to={`/departments/${interview.departmentId}?year=${interview.year}`}>{name(interview.departmentId)}</Link>,
              },
              { header: t.interviews.orderedAt, cell: (interview) => formatInstant(interview.at) },
              { header: t.interviews.reason, cell: (interview) => t.interviewReasons[interview.reason] ?? interview.reason },
              { header: t.interviews.deadlines, className: 'small', cell: (interview) => (interview.deadlineIds ?? []).join('，') || '—' },
              { header: t.interviews.stream, className: 'small', cell: (interview) => interview.streamId },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
