import type { DataSource } from 'typeorm';

export type IssueCount = { level: string; status: string; count: number };

/** The windows of the overview as local dates (Asia/Shanghai); `weekEnd` is the Sunday. */
export type OverviewWindow = { today: string; weekStart: string; weekEnd: string; month: string; year: number };

export type Overview = {
  window: OverviewWindow;
  issues: IssueCount[];
  deadlinesDueToday: number;
  deadlinesDueThisWeek: number;
  deadlinesMissedThisMonth: number;
  /** Interviews ordered this year: the engine records none as held, so all are pending. */
  interviewsPending: number;
};

export abstract class OverviewRepository {
  /** Issues by level and status, and the feedback deadlines and interviews of today's day, week, month and year. */
  abstract overview(now: number): Promise<Overview>;
}

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

/** Deadlines are placed by their last day (the date the domain computed), never by re-deriving it here. */
export class TypeOrmOverviewRepository extends OverviewRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  override async overview(now: number): Promise<Overview> {
    const today = localDate(now);
    const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
    const weekStart = addDays(today, -weekday);
    const [year, month] = today.split('-').map(Number);
    const monthStart = `${today.slice(0, 7)}-01`;
    const nextMonthStart = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    const [issues, deadlines, interviews] = await Promise.all([
      this.dataSource.query(
        `SELECT level, status, count(*)::int AS count FROM read_models.issue_view GROUP BY level, status ORDER BY level, status`,
      ) as Promise<IssueCount[]>,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE outcome = 'pending' AND last_day >= $1 AND last_day < $2)::int AS due_today,
                count(*) FILTER (WHERE outcome = 'pending' AND last_day >= $3 AND last_day < $4)::int AS due_this_week,
                count(*) FILTER (WHERE outcome = 'missed' AND last_day >= $5 AND last_day < $6)::int AS missed_this_month
         FROM read_models.issue_deadline
         WHERE last_day >= least($1, $3, $5) AND last_day < greatest($2, $4, $6)`,
        [today, addDays(today, 1), weekStart, addDays(weekStart, 7), monthStart, nextMonthStart],
      ) as Promise<{ due_today: number; due_this_week: number; missed_this_month: number }[]>,
      this.dataSource.query(`SELECT count(*)::int AS count FROM read_models.interview WHERE year = $1 AND withdrawn_at IS NULL`, [
        year,
      ]) as Promise<{ count: number }[]>,
    ]);
    return {
      window: { today, weekStart, weekEnd: addDays(weekStart, 6), month: today.slice(0, 7), year },
      issues,
      deadlinesDueToday: deadlines[0].due_today,
      deadlinesDueThisWeek: deadlines[0].due_this_week,
      deadlinesMissedThisMonth: deadlines[0].missed_this_month,
      interviewsPending: interviews[0].count,
    };
  }
}
