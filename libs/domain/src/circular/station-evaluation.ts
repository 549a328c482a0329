import { OrganisationChart } from '../issue/organisation';
import { EpochMs } from '../time/instant';
import { CircularEvidence, closingSatisfaction, IssueFacts, SurveyData } from './circular-evidence';
import { Ratio, ratioOf } from './ratio';
import { ReportPeriod } from './report-period';

/** The survey figures of a station or street in a period: every survey that ended in it, summed. */
export interface SurveyFigures {
  surveys: number;
  respondents: number;
  /** 知晓率: aware / respondents. */
  awareness: Ratio;
  /** 满意率: (satisfied + basically satisfied) / respondents. */
  satisfaction: Ratio;
  satisfied: number;
  basicallySatisfied: number;
}

/** 考核评议 of a station, a street or the district over a period (acts counted by their instant in the period). */
export interface EvaluationFigures {
  raised: number;
  closedAtCommunity: number;
  closedAtStreet: number;
  whistled: number;
  closed: number;
  /** Median of (closed − raised) over the closings in the period, in days; null with no closing. */
  medianDaysToClose: number | null;
  /** Closings with the resident's verdict / closings. */
  evaluated: Ratio;
  /** (satisfied + basically satisfied) / evaluated closings. */
  satisfaction: Ratio;
  survey: SurveyFigures | null;
}

export interface StationEvaluation extends EvaluationFigures {
  stationId: string;
  name: string;
  streetId: string;
}

export interface StreetEvaluation extends EvaluationFigures {
  streetId: string;
  name: string;
  stations: number;
}

export interface StationsEvaluation {
  period: ReportPeriod;
  stations: StationEvaluation[];
  streets: StreetEvaluation[];
  district: EvaluationFigures;
}

const DAY_MS = 86_400_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const roundTenth = (days: number | null) => (days === null ? null : Math.round(days * 10) / 10);

export function surveyFigures(surveys: readonly SurveyData[]): SurveyFigures | null {
  if (surveys.length === 0) return null;
  const sum = (pick: (s: SurveyData) => number) => surveys.reduce((total, s) => total + pick(s), 0);
  const respondents = sum((s) => s.respondents);
  const satisfied = sum((s) => s.satisfied);
  const basicallySatisfied = sum((s) => s.basicallySatisfied);
  return {
    surveys: surveys.length,
    respondents,
    awareness: ratioOf(
      sum((s) => s.aware),
      respondents,
    ),
    satisfaction: ratioOf(satisfied + basicallySatisfied, respondents),
    satisfied,
    basicallySatisfied,
  };
}

/** The figures of a set of issues and surveys over [start, end). */
export function evaluationFigures(
  issues: readonly IssueFacts[],
  surveys: readonly SurveyData[],
  start: EpochMs,
  end: EpochMs,
): EvaluationFigures {
  const inPeriod = (at: EpochMs | undefined): at is EpochMs => at !== undefined && at >= start && at < end;
  const closings = issues.filter((i) => inPeriod(i.closedAt));
  return {
    raised: issues.filter((i) => inPeriod(i.raisedAt)).length,
    closedAtCommunity: closings.filter((i) => i.closedAtLevel === 'community').length,
    closedAtStreet: closings.filter((i) => i.closedAtLevel === 'street').length,
    whistled: issues.filter((i) => inPeriod(i.whistledAt)).length,
    closed: closings.length,
    medianDaysToClose: roundTenth(median(closings.map((i) => ((i.closedAt as EpochMs) - i.raisedAt) / DAY_MS))),
    evaluated: ratioOf(closings.filter((i) => i.satisfaction !== undefined).length, closings.length),
    satisfaction: closingSatisfaction(closings),
    survey: surveyFigures(surveys),
  };
}

function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/**
 * Every registered station's and street's figures over the period, and the district's: issues by the station
 * that raised them, surveys by the station surveyed (a station's street as the organisation chart has it).
 */
export function stationsEvaluation(evidence: CircularEvidence, chart: OrganisationChart): StationsEvaluation {
  const { start, end } = evidence;
  const issues = [...evidence.issues.values()];
  const streetOf = new Map(chart.stations.map((s) => [s.id, s.street]));
  const issuesByStation = groupBy(issues, (i) => i.stationId);
  const surveysByStation = groupBy(evidence.surveys, (s) => s.stationId);
  const issuesByStreet = groupBy(issues, (i) => streetOf.get(i.stationId) ?? i.streetId);
  const surveysByStreet = groupBy(evidence.surveys, (s) => streetOf.get(s.stationId) ?? '');
  const stations = [...chart.stations]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((s) => ({
      stationId: s.id,
      name: s.name,
      streetId: s.street,
      ...evaluationFigures(issuesByStation.get(s.id) ?? [], surveysByStation.get(s.id) ?? [], start, end),
    }));
  const streets = [...chart.streets]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((s) => ({
      streetId: s.id,
      name: s.name,
      stations: chart.stations.filter((station) => station.street === s.id).length,
      ...evaluationFigures(issuesByStreet.get(s.id) ?? [], surveysByStreet.get(s.id) ?? [], start, end),
    }));
  return { period: evidence.period, stations, streets, district: evaluationFigures(issues, evidence.surveys, start, end) };
}
