import type { DataSource } from 'typeorm';

export type DepartmentRates = {
  departmentId: string;
  feedbackDeadlinesMet: number;
  feedbackDeadlinesMissed: number;
  /** met / (met + missed); null when no deadline has been settled either way. */
  onTimeFeedbackRate: number | null;
  issuesWhistled: number;
  issuesClosed: number;
  /** closed / whistled; null when the department has received no issue. */
  resolutionRate: number | null;
  /** No satisfaction survey is recorded by the engine yet. */
  satisfaction: null;
};

export type MonthlyDepartmentRates = DepartmentRates & {
  /** YYYY-MM in Asia/Shanghai (deadlines by due instant, issues by whistle instant). */
  month: string;
};

export type RatesFilter = { departmentId?: string; year?: number };

export abstract class DepartmentRatesRepository {
  /**
   * Per department: on-time feedback rate, resolution rate, satisfaction. With a year, deadlines count by their
   * due instant and issues by when they were whistled, in Asia/Shanghai.
   */
  abstract rates(filter?: RatesFilter): Promise<DepartmentRates[]>;
  /** The same rates per department and month of the year; months without activity are left out. */
  abstract monthly(year: number, departmentId?: string): Promise<MonthlyDepartmentRates[]>;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

type CountsRow = {
  department_id: string;
  met: string | number;
  missed: string | number;
  whistled: string | number;
  closed: string | number;
};

function ratesOf(row: CountsRow): DepartmentRates {
  const [met, missed, whistled, closed] = [row.met, row.missed, row.whistled, row.closed].map(Number);
  return {
    departmentId: row.department_id,
    feedbackDeadlinesMet: met,
    feedbackDeadlinesMissed: missed,
    onTimeFeedbackRate: ratio(met, met + missed),
    issuesWhistled: whistled,
    issuesClosed: closed,
    resolutionRate: ratio(closed, whistled),
    satisfaction: null,
  };
}

export class TypeOrmDepartmentRatesRepository extends DepartmentRatesRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  override async rates(filter: RatesFilter = {}): Promise<DepartmentRates[]> {
    const rows: CountsRow[] = await this.dataSource.query(
      `WITH deadlines AS (
         SELECT department_id,
                count(*) FILTER (WHERE outcome = 'met') AS met,
                count(*) FILTER (WHERE outcome = 'missed') AS missed
         FROM read_models.issue_deadline
         WHERE ($1::int IS NULL OR extract(year FROM due AT TIME ZONE 'Asia/Shanghai') = $1)
         GROUP BY department_id
       ), issues AS (
         SELECT department_id, count(*) AS whistled, count(*) FILTER (WHERE issue.status = 'closed') AS closed
         FROM read_models.issue_view issue, unnest(issue.departments) AS department_id
         WHERE issue.whistled_at IS NOT NULL
           AND ($1::int IS NULL OR extract(year FROM issue.whistled_at AT TIME ZONE 'Asia/Shanghai') = $1)
         GROUP BY department_id
       )
       SELECT coalesce(d.department_id, i.department_id) AS department_id,
              coalesce(d.met, 0) AS met, coalesce(d.missed, 0) AS missed,
              coalesce(i.whistled, 0) AS whistled, coalesce(i.closed, 0) AS closed
       FROM deadlines d FULL JOIN issues i ON i.department_id = d.department_id
       WHERE $2::text IS NULL OR coalesce(d.department_id, i.department_id) = $2
       ORDER BY 1`,
      [filter.year ?? null, filter.departmentId ?? null],
    );
    return rows.map(ratesOf);
  }

  override async monthly(year: number, departmentId?: string): Promise<MonthlyDepartmentRates[]> {
    const rows: (CountsRow & { month: string })[] = await this.dataSource.query(
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
    return rows.map((row) => {
      const { departmentId, ...rates } = ratesOf(row);
      return { departmentId, month: row.month, ...rates };
    });
  }
}
