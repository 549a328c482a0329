import { ApiProperty } from '@nestjs/swagger';

export class DepartmentRatesDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty({ description: 'Deadlines due in the year that were met' }) feedbackDeadlinesMet!: number;
  @ApiProperty() feedbackDeadlinesMissed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'met / (met + missed); null without settled deadlines' }) onTimeFeedbackRate!:
    number | null;
  @ApiProperty({ description: 'Issues whistled to the department in the year' }) issuesWhistled!: number;
  @ApiProperty() issuesClosed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'closed / whistled' }) resolutionRate!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Satisfaction where recorded: the engine records no satisfaction survey yet, so null',
  })
  satisfaction!: number | null;
}

export class DepartmentRatesListDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [DepartmentRatesDto] }) items!: DepartmentRatesDto[];
}
