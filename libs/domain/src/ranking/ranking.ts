import { Policy } from '../policy/policy';
import { roundPoints } from '../ledger/ledger';

export interface RankingRow {
  department: string;
  total: number;
  rank: number;
}

export interface AssessmentBonus {
  department: string;
  partyBuilding: number;
  stationing: number;
}

/** Highest total first; ties share a rank (standard competition ranking 1, 2, 2, 4) and list by id. */
export function rankDepartments(totals: ReadonlyMap<string, number>): RankingRow[] {
  const rows = [...totals.entries()]
    .map(([department, total]) => ({ department, total: roundPoints(total) }))
    .sort((a, b) => b.total - a.total || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  return rows.map((row) => ({ ...row, rank: 1 + rows.filter((other) => other.total > row.total).length }));
}

/**
 * RULES.md §5: ranks 1 to 3 get the assessment bonuses; every department with the lowest total is interviewed,
 * unless every department has the same total: then no one ranks last (policy `ranking.lastPlaceWhenAllTied`).
 */
export function yearEndOutcome(ranking: readonly RankingRow[], policy: Policy): { bonuses: AssessmentBonus[]; lastPlace: string[] } {
  const bonuses = ranking
    .filter((row) => row.rank <= policy.ranking.bonusRanks)
    .map((row) => ({
      department: row.department,
      partyBuilding: policy.ranking.partyBuildingBonus,
      stationing: policy.ranking.stationingBonus,
    }));
  if (ranking.length === 0) return { bonuses, lastPlace: [] };
  const lowest = Math.min(...ranking.map((row) => row.total));
  const allTied = ranking.every((row) => row.total === lowest);
  if (allTied && !policy.ranking.lastPlaceWhenAllTied) return { bonuses, lastPlace: [] };
  return {
    bonuses,
    lastPlace: ranking
      .filter((row) => row.total === lowest)
      .map((row) => row.department)
      .sort(),
  };
}
