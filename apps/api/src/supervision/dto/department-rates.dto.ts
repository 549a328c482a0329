import { ApiProperty } from '@nestjs/swagger';

const SATISFACTION = '(satisfied + basicallySatisfied) / closings evaluated by the resident (群众满意度); null when none was evaluated';

/** The feedback, resolution and satisfaction rates, whoever they are counted for. */
class RatesDto {
  @ApiProperty({ description: 'Deadlines due in the year that were met' }) feedbackDeadlinesMet!: number;
  @ApiProperty() feedbackDeadlinesMissed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'met / (met + missed); null without settled deadlines' }) onTimeFeedbackRate!:
    number | null;
  @ApiProperty() issuesClosed!: number;
  @ApiProperty({ description: 'Closings of the issues counted that carry the resident’s satisfaction' }) closingsEvaluated!: number;
  @ApiProperty({ type: Number, nullable: true, description: SATISFACTION }) satisfaction!: number | null;
}

export class DepartmentRatesDto extends RatesDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty({ description: 'Issues whistled to the department in the year' }) issuesWhistled!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'closed / whistled' }) resolutionRate!: number | null;
}

/** A station or street: over the issues raised there in the year. */
class LocalUnitRatesDto extends RatesDto {
  @ApiProperty({ description: 'Issues raised in the year at the station (or at the street’s stations)' }) issuesRaised!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'closed / raised' }) resolutionRate!: number | null;
}

export class StationRatesDto extends LocalUnitRatesDto {
  @ApiProperty() stationId!: string;
  @ApiProperty() streetId!: string;
}

export class StreetRatesDto extends LocalUnitRatesDto {
  @ApiProperty() streetId!: string;
}

export class DepartmentRatesListDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [DepartmentRatesDto], description: 'Per district department, over the issues whistled to it in the year' })
  items!: DepartmentRatesDto[];
  @ApiProperty({ type: [StationRatesDto], description: 'Per station, over the issues it raised in the year' })
  stations!: StationRatesDto[];
  @ApiProperty({ type: [StreetRatesDto], description: 'Per street, over the issues its stations raised in the year' })
  streets!: StreetRatesDto[];
}
