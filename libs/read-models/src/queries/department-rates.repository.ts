import { CONTENT_SATISFACTIONS } from '@app/domain';
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
  /** Closings of those issues with the resident's evaluation (群众满意度). */
  closingsEvaluated: number;
  /** (satisfied + basicallySatisfied) / evaluated closings; null when none was evaluated. */
  satisfaction: number | null;
};

/**
 * The same rates for a station or a street, over the issues raised there: feedback deadlines of those issues, closed
 * / raised, and the satisfaction of their evaluated closings.
 */
export type LocalUnitRates = Omit<DepartmentRates, 'departmentId' | 'issuesWhistled'> & { issuesRaised: number };
export type StationRates = LocalUnitRates & { stationId: string; streetId: string };
export type StreetRates = LocalUnitRates & { streetId: string };

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
  /** Per station and per street, over the issues raised in the year (deadlines by their due instant), Asia/Shanghai. */
  abstract localUnits(year: number): Promise<{ stations: StationRates[]; streets: StreetRates[] }>;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

type Count = string | number;
type Counts = { met: Count; missed: Count; closed: Count; evaluated: Count; content: Count };
type CountsRow = Counts & { department_id: string; whistled: Count };

/** The satisfied and the basically satisfied are content (满意 + 基本满意), over every evaluated closing. */
const CLOSING_COUNTS = `count(*) FILTER (WHERE issue.status = 'closed') AS closed,
         count(*) FILTER (WHERE issue.satisfaction IS NOT NULL) AS evaluated,
         count(*) FILTER (WHERE issue.satisfaction IN (${CONTENT_SATISFACTIONS.map((verdict) => `'${verdict}'`).join(', ')})) AS content`;
const CLOSING_COLUMNS = 'coalesce(i.closed, 0) AS closed, coalesce(i.evaluated, 0) AS evaluated, coalesce(i.content, 0) AS content';

function countedRates(row: Counts, received: Count) {
  const [met, missed, closed, evaluated, content, issues] = [row.met, row.missed, row.closed, row.evaluated, row.content, received].map(Number);
  return {
    feedbackDeadlinesMet: met,
    feedbackDeadlinesMissed: missed,
    onTimeFeedbackRate: ratio(met, met + missed),
    issuesClosed: closed,
    resolutionRate: ratio(closed, issues),
    closingsEvaluated: evaluated,
    satisfaction: ratio(content, evaluated),
  };
}

function ratesOf(row: CountsRow): DepartmentRates {
  const { feedbackDeadlinesMet, feedbackDeadlinesMissed, onTimeFeedbackRate, ...closings } = countedRates(row, row.whistled);
  return {
    departmentId: row.department_id,
    feedbackDeadlinesMet,
    feedbackDeadlinesMissed,
    onTimeFeedbackRate,
    issuesWhistled: Number(row.whistled),
    ...closings,
  };
}

function localUnitRatesOf(row: Counts & { raised: Count }): LocalUnitRates {
  const { issuesClosed, ...rates } = countedRates(row, row.raised);
  return { ...rates, issuesRaised: Number(row.raised), issuesClosed };
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
         SELECT department_id, count(*) AS whistled, ${CLOSING_COUNTS}
         FROM read_models.issue_view issue, unnest(issue.departments) AS department_id
         WHERE issue.whistled_at IS NOT NULL
           AND ($1::int IS NULL OR extract(year FROM issue.whistled_at AT TIME ZONE 'Asia/Shanghai') = $1)
         GROUP BY department_id
       )
       SELECT coalesce(d.department_id, i.department_id) AS department_id,
              coalesce(d.met, 0) AS met, coalesce(d.missed, 0) AS missed,
              coalesce(i.whistled, 0) AS whistled, ${CLOSING_COLUMNS}
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
                count(*) AS whistled, ${CLOSING_COUNTS}
         FROM read_models.issue_view issue, unnest(issue.departments) AS department_id
         WHERE issue.whistled_at IS NOT NULL AND extract(year FROM issue.whistled_at AT TIME ZONE 'Asia/Shanghai') = $1
         GROUP BY 1, 2
       )
       SELECT coalesce(d.department_id, i.department_id) AS department_id, coalesce(d.month, i.month) AS month,
              coalesce(d.met, 0) AS met, coalesce(d.missed, 0) AS missed, coalesce(i.whistled, 0) AS whistled, ${CLOSING_COLUMNS}
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

  override async localUnits(year: number): Promise<{ stations: StationRates[]; streets: StreetRates[] }> {
    const [stations, streets] = await Promise.all([
      this.localUnitCounts(year, ['station_id', 'street_id']),
      this.localUnitCounts(year, ['street_id']),
    ]);
    return {
      stations: stations.map((row) => ({ stationId: String(row.station_id), streetId: String(row.street_id), ...localUnitRatesOf(row) })),
      streets: streets.map((row) => ({ streetId: String(row.street_id), ...localUnitRatesOf(row) })),
    };
  }

  /** Counts grouped by the issue's station (with its street) or by its street; the columns are this class's own, never input. */
  private localUnitCounts(year: number, unit: readonly ('station_id' | 'street_id')[]): Promise<(Counts & { raised: Count } & Record<string, Count>)[]> {
    const columns = unit.map((column) => `issue.${column}`).join(', ');
    const joined = unit.map((column) => `coalesce(d.${column}, i.${column}) AS ${column}`).join(', ');
    const on = unit.map((column) => `i.${column} = d.${column}`).join(' AND ');
    return this.dataSource.query(
      `WITH deadlines AS (
         SELECT ${columns},
                count(*) FILTER (WHERE deadline.outcome = 'met') AS met,
                count(*) FILTER (WHERE deadline.outcome = 'missed') AS missed
         FROM read_models.issue_deadline deadline JOIN read_models.issue_view issue ON issue.issue_id = deadline.issue_id
         WHERE extract(year FROM deadline.due AT TIME ZONE 'Asia/Shanghai') = $1
         GROUP BY ${columns}
       ), issues AS (
         SELECT ${columns}, count(*) AS raised, ${CLOSING_COUNTS}
         FROM read_models.issue_view issue
         WHERE extract(year FROM issue.raised_at AT TIME ZONE 'Asia/Shanghai') = $1
         GROUP BY ${columns}
       )
       SELECT ${joined}, coalesce(d.met, 0) AS met, coalesce(d.missed, 0) AS missed, coalesce(i.raised, 0) AS raised, ${CLOSING_COLUMNS}
       FROM deadlines d FULL JOIN issues i ON ${on}
       ORDER BY ${unit.map((_, index) => index + 1).join(', ')}`,
      [year],
    );
  }
}
