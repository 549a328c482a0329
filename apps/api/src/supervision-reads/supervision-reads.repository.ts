import { READ_MODELS_DATA_SOURCE } from '@app/read-models';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';

export type CountByLevelAndStatus = { level: string; status: string; count: number };

/** Local dates (Asia/Shanghai, YYYY-MM-DD) bounding the overview's windows; end dates exclusive. */
export type OverviewWindows = { today: string; tomorrow: string; weekStart: string; nextWeekStart: string; monthStart: string; nextMonthStart: string; year: number };

export type OverviewCounts = {
  issuesByLevelAndStatus: CountByLevelAndStatus[];
  deadlinesDueToday: number;
  deadlinesDueThisWeek: number;
  deadlinesMissedThisMonth: number;
  interviewsOrderedThisYear: number;
};

export type MonthlyRatesRow = { departmentId: string; month: string; met: number; missed: number; whistled: number; closed: number };

/**
 * Aggregates over the read models that the supervision console needs and @app/read-models does not offer yet.
 * Deadlines are placed by their last day (the date the domain computed), never by re-deriving it here.
 */
@Injectable()
export class SupervisionReadsRepository {
  constructor(@Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async overview(windows: OverviewWindows): Promise<OverviewCounts> {
    const [byLevel, deadlines, interviews] = await Promise.all([
      this.dataSource.query(
        `SELECT level, status, count(*)::int AS count FROM read_models.issue_view GROUP BY level, status ORDER BY level, status`,
      ) as Promise<CountByLevelAndStatus[]>,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE outcome = 'pending' AND last_day >= $1 AND last_day < $2)::int AS due_today,
                count(*) FILTER (WHERE outcome = 'pending' AND last_day >= $3 AND last_day < $4)::int AS due_this_week,
                count(*) FILTER (WHERE outcome = 'missed' AND last_day >= $5 AND last_day < $6)::int AS missed_this_month
         FROM read_models.issue_deadline
         WHERE last_day >= least($1, $3, $5) AND last_day < greatest($2, $4, $6)`,
        [windows.today, windows.tomorrow, windows.weekStart, windows.nextWeekStart, windows.monthStart, windows.nextMonthStart],
      ) as Promise<{ due_today: number; due_this_week: number; missed_this_month: number }[]>,
      this.dataSource.query(`SELECT count(*)::int AS count FROM read_models.interview WHERE year = $1`, [windows.year]) as Promise<{ count: number }[]>,
    ]);
    return {
      issuesByLevelAndStatus: byLevel,
      deadlinesDueToday: deadlines[0].due_today,
      deadlinesDueThisWeek: deadlines[0].due_this_week,
      deadlinesMissedThisMonth: deadlines[0].missed_this_month,
      interviewsOrderedThisYear: interviews[0].count,
    };
  }

  /** Same placement as the yearly rates (deadlines by due instant, issues by whistle instant, Asia/Shanghai), per month. */
  async monthlyRates(year: number, departmentId?: string): Promise<MonthlyRatesRow[]> {
    const rows: { department_id: string; month: string; met: number; missed: number; whistled: number; closed: number }[] = await this.dataSource.query(
      `WITH deadlines AS (
         SELECT department_id, to_char(due AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
                count(*) FILTER (WHERE outcome = 'met')::int AS met, count(*) FILTER (WHERE outcome = 'missed')::int AS missed
         FROM read_models.issue_deadline
         WHERE extract(year FROM due AT TIME ZONE 'Asia/Shanghai') = $1
         GROUP BY 1, 2
       ), issues AS (
         SELECT department_id, to_char(issue.whistled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
                count(*)::int AS whistled, count(*) FILTER (WHERE issue.status = 'closed')::int AS closed
         FROM read_models.issue_view issue, unnest(issue.departments) AS department_id
         WHERE issue.whistled_at IS NOT NULL AND extract(year FROM issue.whistled_at AT TIME ZONE 'Asia/Shanghai') = $1
         GROUP BY 1, 2
       )
       SELECT coalesce(d.department_id, i.department_id) AS department_id, coalesce(d.month, i.month) AS month,
              coalesce(d.met, 0) AS met, coalesce(d.missed, 0) AS missed, coalesce(i.whistled, 0) AS whistled, coalesce(i.closed, 0) AS closed
       FROM deadlines d FULL JOIN issues i ON i.department_id = d.department_id AND i.month = d.month
       WHERE $2::text IS NULL OR coalesce(d.department_id, i.department_id) = $2
       ORDER BY 1, 2`,
      [year, departmentId ?? null],
    );
    return rows.map((row) => ({ departmentId: row.department_id, month: row.month, met: row.met, missed: row.missed, whistled: row.whistled, closed: row.closed }));
  }
}
