import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RankingRowDto } from '../dto/ranking.dto';
import { YearParams } from '../dto/year-params.dto';

export class WhatIfParams extends YearParams {
  @ApiProperty({ format: 'uuid', example: '0b5c3f8e-5d0c-5a55-9a39-5c1f7f0f2b1e' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'whatIfId must be a UUID' })
  whatIfId!: string;
}

export class WhatIfStartedDto {
  @ApiProperty() year!: number;
  @ApiProperty({
    format: 'uuid',
    description: 'Derived from the request (its Idempotency-Key, if any): the same key answers the same what-if',
  })
  whatIfId!: string;
  @ApiProperty({ example: 'whatif-2026-0b5c3f8e-5d0c-5a55-9a39-5c1f7f0f2b1e' }) workflowId!: string;
  @ApiProperty({
    example: '/api/v1/supervision/what-if/2026/0b5c3f8e-5d0c-5a55-9a39-5c1f7f0f2b1e',
    description: 'Where the result appears once the run is done (404 until then); also the Location header',
  })
  whatIf!: string;
}

class LedgerEntryRowDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ example: 'feedback-missed' }) reason!: string;
  @ApiProperty({ required: false }) issue?: string;
}

class DepartmentLedgerDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [LedgerEntryRowDto] }) entries!: LedgerEntryRowDto[];
}

class AssessmentBonusDto {
  @ApiProperty() department!: string;
  @ApiProperty() partyBuilding!: number;
  @ApiProperty() stationing!: number;
}

class InterviewRowDto {
  @ApiProperty() department!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['consecutive-missed-feedback', 'last-in-ranking'] }) reason!: string;
}

class YearOutcomeDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DepartmentLedgerDto' },
    description: 'By department: its total and entries (as `simulate` prints them, FORMAT.md)',
  })
  ledger!: Record<string, DepartmentLedgerDto>;
  @ApiProperty({ type: [RankingRowDto] }) ranking!: RankingRowDto[];
  @ApiProperty({ type: [AssessmentBonusDto] }) assessmentBonuses!: AssessmentBonusDto[];
  @ApiProperty({ type: [InterviewRowDto] }) interviews!: InterviewRowDto[];
}

class ChangeDto {
  @ApiProperty() current!: number;
  @ApiProperty() alternative!: number;
  @ApiProperty({ description: 'alternative − current' }) change!: number;
}

class DepartmentChangeDto {
  @ApiProperty() department!: string;
  @ApiProperty({ type: ChangeDto }) total!: ChangeDto;
  @ApiProperty({ type: ChangeDto, description: 'A negative change is a department moving up' }) rank!: ChangeDto;
  @ApiProperty({ type: ChangeDto, description: 'Feedback deadlines booked as missed' }) deductions!: ChangeDto;
  @ApiProperty({ type: ChangeDto }) deductionPoints!: ChangeDto;
  @ApiProperty({ type: ChangeDto }) closingPoints!: ChangeDto;
  @ApiProperty({ type: ChangeDto }) partyBuildingBonus!: ChangeDto;
  @ApiProperty({ type: ChangeDto }) stationingBonus!: ChangeDto;
  @ApiProperty({ type: ChangeDto }) interviews!: ChangeDto;
}

class GainDto {
  @ApiProperty() department!: string;
  @ApiProperty({ description: 'Points gained (a loss is negative)' }) by!: number;
}

class AppealDecisionRowDto {
  @ApiProperty({ enum: ['upheld', 'overturned'] }) outcome!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class MootAppealDto {
  @ApiProperty() department!: string;
  @ApiProperty() issue!: string;
  @ApiProperty({ example: 'I1#1' }) deadlineId!: string;
  @ApiProperty({ format: 'date-time', description: "The deadline's due instant under the overrides" }) due!: string;
  @ApiProperty({ format: 'date-time', description: 'When the department appealed, as recorded' }) appealedAt!: string;
  @ApiProperty({
    enum: ['met', 'pending', 'cancelled', 'out-of-time'],
    description:
      'Under the overrides, at the appeal: the deadline was met, not yet missed or cancelled (out-of-time only from simulate --appeals-out-of-time moot)',
  })
  because!: string;
  @ApiProperty({ type: AppealDecisionRowDto, required: false, description: 'The recorded decision on it, moot too' })
  decision?: AppealDecisionRowDto;
}

class MootAppealsDto {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [MootAppealDto] }) appeals!: MootAppealDto[];
}

class WhatIfChangesDto {
  @ApiProperty({ type: [DepartmentChangeDto], description: 'Every department, those gaining most first' })
  departments!: DepartmentChangeDto[];
  @ApiProperty({ type: [GainDto] }) gains!: GainDto[];
  @ApiProperty({ type: [GainDto] }) losses!: GainDto[];
  @ApiProperty({
    type: MootAppealsDto,
    description: 'Recorded appeals the overrides make moot: their deadline was not missed then; they change nothing',
  })
  mootAppeals!: MootAppealsDto;
}

export class WhatIfDto {
  @ApiProperty({ enum: ['compared', 'refused'] }) status!: 'compared' | 'refused';
  @ApiProperty({ format: 'uuid' }) whatIfId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The policy overrides the alternative run used' })
  policy!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', description: 'When it was done' }) at!: string;
  @ApiProperty({ type: YearOutcomeDto, required: false, description: 'compared: the year under the recorded rules' })
  current?: YearOutcomeDto;
  @ApiProperty({ type: YearOutcomeDto, required: false, description: 'compared: the year under the overrides' })
  alternative?: YearOutcomeDto;
  @ApiProperty({ type: WhatIfChangesDto, required: false, description: 'compared: per department, what changes' })
  changes?: WhatIfChangesDto;
  @ApiProperty({
    type: [String],
    required: false,
    description: 'compared: where the replay under the recorded rules differs from the record (empty: they agree)',
  })
  differences?: string[];
  @ApiProperty({
    enum: ['current-rules', 'alternative-rules', 'overrides', 'history'],
    required: false,
    description:
      'refused: the recorded or alternative rules refuse a recorded act, the overrides are not policy values, or the history holds an event no step stands for',
  })
  cause?: string;
  @ApiProperty({ type: [String], required: false, description: 'refused: each problem, naming the event or the field' })
  problems?: string[];
}

export { DepartmentLedgerDto };
