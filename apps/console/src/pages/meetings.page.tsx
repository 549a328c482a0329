import type { MeetingList } from '../api/types';
import { useApi } from '../api/use-api';
import { MeetingTable, usePeriodOfYear } from '../components/accountability';
import { PeriodPicker } from '../components/period-picker';
import { Loaded } from '../components/problem-view';
import { t } from '../i18n/dictionary';

/** 会议 (supervisors): every meeting recorded that was held in the period, with each invited department's attendance. */
export function MeetingsPage() {
  const [period, setPeriod] = usePeriodOfYear();
  const meetings = useApi<MeetingList>('/supervision/meetings', period);
  return (
    <>
      <h1>{t.meetings.title}</h1>
      <div className="filters">
        <PeriodPicker period={period} onChange={setPeriod} />
      </div>
      <h2>{t.meetings.all}</h2>
      <Loaded state={meetings}>
        {(data) => {
          // One column per department some meeting of the period invited, in the order first invited.
          const departments = [...new Set(data.items.flatMap((meeting) => meeting.attendance.map((entry) => entry.departmentId)))];
          return <MeetingTable meetings={data.items} testId="meetings" departments={departments} />;
        }}
      </Loaded>
    </>
  );
}
