import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '../../clock/clock';
import { SupervisionReadsRepository } from '../supervision-reads.repository';
import { OverviewDto } from './overview.dto';
import { OverviewQuery } from './overview.query';

const ZONE = 'Asia/Shanghai';

/** The local date (YYYY-MM-DD) of an instant in Asia/Shanghai. */
function localDate(at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Calendar arithmetic on local dates (UTC noon avoids any edge); working days play no part in these windows. */
function addDays(date: string, days: number): string {
  const noon = Date.parse(`${date}T12:00:00Z`) + days * 86_400_000;
  return new Date(noon).toISOString().slice(0, 10);
}

@QueryHandler(OverviewQuery)
export class OverviewHandler implements IQueryHandler<OverviewQuery> {
  constructor(
    private readonly reads: SupervisionReadsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<OverviewDto> {
    const today = localDate(this.clock.now());
    const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
    const weekStart = addDays(today, -weekday);
    const [year, month] = today.split('-').map(Number);
    const monthStart = `${today.slice(0, 7)}-01`;
    const nextMonthStart = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    const counts = await this.reads.overview({
      today,
      tomorrow: addDays(today, 1),
      weekStart,
      nextWeekStart: addDays(weekStart, 7),
      monthStart,
      nextMonthStart,
      year,
    });
    return {
      window: { today, weekStart, weekEnd: addDays(weekStart, 6), month: today.slice(0, 7), year },
      issues: counts.issuesByLevelAndStatus,
      deadlinesDueToday: counts.deadlinesDueToday,
      deadlinesDueThisWeek: counts.deadlinesDueThisWeek,
      deadlinesMissedThisMonth: counts.deadlinesMissedThisMonth,
      interviewsPending: counts.interviewsOrderedThisYear,
    };
  }
}
