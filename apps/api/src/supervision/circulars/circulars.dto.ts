import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = (field: string) => `${field} must be a date YYYY-MM-DD`;

export class ReportPeriodDto {
  @ApiProperty({ example: '2026-03-01', description: 'First day (Asia/Shanghai), inclusive' }) from!: string;
  @ApiProperty({ example: '2026-03-31', description: 'Last day (Asia/Shanghai), inclusive' }) to!: string;
}

/** A period in the query: two dates, a year at most apart (checked by libs/domain: 422 naming the field). */
export class PeriodQueryParams {
  @ApiProperty({ example: '2026-03-01' })
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE('from') })
  from!: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsString()
  @Matches(DATE, { message: DATE_MESSAGE('to') })
  to!: string;
}

export class GenerateCircularDto extends PeriodQueryParams {}

export class CircularParams {
  @ApiProperty({ example: 'monthly-2026-03', pattern: '^[a-z0-9-]{1,80}$' })
  @Matches(/^[a-z0-9-]{1,80}$/, { message: 'circularId must be lower-case letters, digits and hyphens' })
  circularId!: string;
}

export class StationParams {
  @ApiProperty({ example: 'hbc' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'stationId must be letters, digits, _ and -' })
  stationId!: string;
}

export class SurveyQueryParams {
  @ApiPropertyOptional({ example: 'hbc', description: 'One station; all stations when absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'stationId must be letters, digits, _ and -' })
  stationId?: string;
}

export class RatioDto {
  @ApiProperty() part!: number;
  @ApiProperty() whole!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'part / whole; null when whole is 0' }) rate!: number | null;
}

export class CircularDto {
  @ApiProperty({ example: 'monthly-2026-03' }) circularId!: string;
  @ApiProperty({ enum: ['monthly', 'year-end', 'on-demand'] }) kind!: 'monthly' | 'year-end' | 'on-demand';
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ example: '大观红领办〔2026〕3号' }) documentNumber!: string;
  @ApiProperty({ description: 'Year of issue' }) year!: number;
  @ApiProperty({ description: 'Its number among the circulars issued that year' }) sequence!: number;
  @ApiProperty({ example: '2026-04-01' }) issuedOn!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ description: 'The global position of the log the content was read up to (decimal text)' }) throughPosition!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the content as JSON' }) contentSha256!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the PDF: GET …/{id}.pdf answers these bytes' }) pdfSha256!: string;
  @ApiProperty() pdfBytes!: number;
  @ApiProperty({ example: 'circular-2026' }) streamId!: string;
  @ApiProperty() revision!: number;
}

export class CircularListDto {
  @ApiProperty({ type: [CircularDto], description: 'Newest first' }) items!: CircularDto[];
}

export class CircularStartedDto {
  @ApiProperty({ example: 'on-demand-2026-03-01-2026-03-15-6f1c7a52' }) circularId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({
    example: '/api/v1/supervision/circulars/on-demand-2026-03-01-2026-03-15-6f1c7a52',
    description: 'Where it appears once published (404 until then)',
  })
  circular!: string;
}

export class SurveyFiguresDto {
  @ApiProperty() surveys!: number;
  @ApiProperty() respondents!: number;
  @ApiProperty({ type: RatioDto, description: '知晓率: aware / respondents' }) awareness!: RatioDto;
  @ApiProperty({ type: RatioDto, description: '满意率: (satisfied + basically satisfied) / respondents' }) satisfaction!: RatioDto;
  @ApiProperty() satisfied!: number;
  @ApiProperty() basicallySatisfied!: number;
}

export class EvaluationFiguresDto {
  @ApiProperty({ description: 'Issues raised in the period' }) raised!: number;
  @ApiProperty({ description: 'Closings in the period at community level' }) closedAtCommunity!: number;
  @ApiProperty({ description: 'Closings in the period at street level' }) closedAtStreet!: number;
  @ApiProperty({ description: 'Whistles blown in the period' }) whistled!: number;
  @ApiProperty({ description: 'Closings in the period, at every level' }) closed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median days from raised to closed over the closings' }) medianDaysToClose!:
    number | null;
  @ApiProperty({ type: RatioDto, description: "Closings with the resident's verdict / closings" }) evaluated!: RatioDto;
  @ApiProperty({ type: RatioDto, description: '(satisfied + basically satisfied) / evaluated closings' }) satisfaction!: RatioDto;
  @ApiProperty({ type: SurveyFiguresDto, nullable: true, description: 'The surveys whose period ends in this one' })
  survey!: SurveyFiguresDto | null;
}

export class StationEvaluationDto extends EvaluationFiguresDto {
  @ApiProperty() stationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() streetId!: string;
}

export class StreetEvaluationDto extends EvaluationFiguresDto {
  @ApiProperty() streetId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() stations!: number;
}

export class StationsEvaluationDto {
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ type: [StationEvaluationDto] }) stations!: StationEvaluationDto[];
  @ApiProperty({ type: [StreetEvaluationDto] }) streets!: StreetEvaluationDto[];
  @ApiProperty({ type: EvaluationFiguresDto }) district!: EvaluationFiguresDto;
}

export class CircularRankingRowDto {
  @ApiProperty() department!: string;
  @ApiProperty() name!: string;
  @ApiProperty() total!: number;
  @ApiProperty() rank!: number;
}

export class CircularRankingDto {
  @ApiProperty({ enum: ['provisional', 'final'] }) kind!: 'provisional' | 'final';
  @ApiProperty({ type: [CircularRankingRowDto] }) rows!: CircularRankingRowDto[];
}

export class AssessmentBonusFiguresDto {
  @ApiProperty() partyBuilding!: number;
  @ApiProperty() stationing!: number;
}

export class DepartmentFiguresDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() total!: number;
  @ApiProperty() rank!: number;
  @ApiProperty({ description: 'Closing awards booked in the period' }) awards!: number;
  @ApiProperty({ description: 'Deductions booked in the period (negative)' }) deductions!: number;
  @ApiProperty() interviews!: number;
  @ApiProperty({ type: RatioDto }) onTimeFeedback!: RatioDto;
  @ApiProperty({ type: RatioDto }) resolution!: RatioDto;
  @ApiProperty({ type: RatioDto }) satisfaction!: RatioDto;
  @ApiProperty({ type: AssessmentBonusFiguresDto, nullable: true }) assessmentBonus!: AssessmentBonusFiguresDto | null;
}

export class CircularTotalsDto {
  @ApiProperty() issuesRaised!: number;
  @ApiProperty() issuesWhistled!: number;
  @ApiProperty() issuesClosed!: number;
  @ApiProperty({ type: RatioDto }) onTimeFeedback!: RatioDto;
  @ApiProperty() awards!: number;
  @ApiProperty() deductions!: number;
  @ApiProperty() interviews!: number;
  @ApiProperty() overdueIssues!: number;
}

export class MonthOnTimeDto {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ type: RatioDto }) onTimeFeedback!: RatioDto;
}

export class CircularInterviewDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ enum: ['consecutive-missed-feedback', 'last-in-ranking'] }) reason!: 'consecutive-missed-feedback' | 'last-in-ranking';
}

export class OverdueIssueDto {
  @ApiProperty() issueId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty() stationName!: string;
  @ApiProperty({ type: [String] }) departments!: string[];
  @ApiProperty() missedDeadlines!: number;
  @ApiProperty() firstMissedDue!: string;
}

export class OverdueIssuesDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [OverdueIssueDto], description: 'The oldest misses first, at most 30' }) listed!: OverdueIssueDto[];
}

export class CircularContentDto {
  @ApiProperty({ enum: ['monthly', 'year-end', 'on-demand'] }) kind!: 'monthly' | 'year-end' | 'on-demand';
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty() rankingYear!: number;
  @ApiProperty({ type: CircularRankingDto }) ranking!: CircularRankingDto;
  @ApiProperty({ type: [DepartmentFiguresDto] }) departments!: DepartmentFiguresDto[];
  @ApiProperty({ type: CircularTotalsDto }) totals!: CircularTotalsDto;
  @ApiProperty({ type: [MonthOnTimeDto] }) onTimeTrend!: MonthOnTimeDto[];
  @ApiProperty({ type: [CircularInterviewDto] }) interviews!: CircularInterviewDto[];
  @ApiProperty({ type: OverdueIssuesDto }) overdue!: OverdueIssuesDto;
  @ApiProperty({ type: [StationEvaluationDto] }) stations!: StationEvaluationDto[];
  @ApiProperty({ type: [StreetEvaluationDto] }) streets!: StreetEvaluationDto[];
  @ApiProperty({ type: EvaluationFiguresDto }) district!: EvaluationFiguresDto;
}

export class RecordSurveyDto extends PeriodQueryParams {
  @ApiProperty({ example: 120, description: 'Residents asked' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  respondents!: number;

  @ApiProperty({ example: 96, description: 'Knew of the station (知晓); at most respondents' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  aware!: number;

  @ApiProperty({ example: 80, description: '满意' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  satisfied!: number;

  @ApiProperty({ example: 28, description: '基本满意; satisfied + basically satisfied at most respondents' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  basicallySatisfied!: number;
}

export class SurveyDto {
  @ApiProperty() surveyId!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty() respondents!: number;
  @ApiProperty() aware!: number;
  @ApiProperty() satisfied!: number;
  @ApiProperty() basicallySatisfied!: number;
  @ApiProperty({ type: RatioDto, description: '知晓率' }) awareness!: RatioDto;
  @ApiProperty({ type: RatioDto, description: '满意率: (satisfied + basically satisfied) / respondents' }) satisfaction!: RatioDto;
  @ApiProperty() at!: string;
}

export class SurveyListDto {
  @ApiProperty({ type: [SurveyDto], description: 'In the order recorded: the trend per station' }) items!: SurveyDto[];
}

export class SurveyRecordedDto {
  @ApiProperty({ type: SurveyDto }) survey!: SurveyDto;
  @ApiProperty({ description: 'Revision of survey-<stationId>' }) revision!: number;
}
