import type { components } from './openapi';

/** The API answers the console reads, by the names of the OpenAPI document's schemas (openapi.ts is generated). */
type Schemas = components['schemas'];

export type Organisation = Schemas['OrganisationDto'];
export type Overview = Schemas['OverviewDto'];
export type IssueSummaryPage = Schemas['IssueSummaryPageDto'];
export type IssueDetails = Schemas['IssueDetailsDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type AuditTrail = Schemas['AuditTrailDto'];
export type InboxPage = Schemas['InboxPageDto'];
export type InboxTask = Schemas['InboxTaskDto'];
export type IssueSummary = Schemas['IssueSummaryDto'];
export type RaiseIssue = Schemas['RaiseIssueDto'];
export type IssueCommandResult = Schemas['IssueCommandResultDto'];
export type BlowWhistle = Schemas['BlowWhistleDto'];
export type Ledger = Schemas['LedgerDto'];
export type Ranking = Schemas['RankingDto'];
export type InterviewList = Schemas['InterviewListDto'];
export type BonusList = Schemas['AssessmentBonusListDto'];
export type ReconciliationList = Schemas['ReconciliationListDto'];
export type RatesList = Schemas['DepartmentRatesListDto'];
export type MonthlyRatesList = Schemas['MonthlyRatesListDto'];
export type CircularList = Schemas['CircularListDto'];
export type Circular = Schemas['CircularDto'];
export type CircularContent = Schemas['CircularContentDto'];
export type CircularStarted = Schemas['CircularStartedDto'];
export type Ratio = Schemas['RatioDto'];
export type EvaluationFigures = Schemas['EvaluationFiguresDto'];
export type StationsEvaluation = Schemas['StationsEvaluationDto'];
export type SurveyList = Schemas['SurveyListDto'];
export type SurveyRecorded = Schemas['SurveyRecordedDto'];
export type WhatIfStarted = Schemas['WhatIfStartedDto'];
export type WhatIf = Schemas['WhatIfDto'];
