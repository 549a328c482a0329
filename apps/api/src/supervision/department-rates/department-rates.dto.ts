import { ApiProperty } from '@nestjs/swagger';

export class DepartmentRatesDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Deadlines of the year (by last day) met or missed' }) deadlinesSettled!: number;
  @ApiProperty() deadlinesMet!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'met / settled; null without settled deadlines' }) onTimeFeedbackRate!: number | null;
  @ApiProperty({ description: 'Tasks the department joined in the year' }) tasks!: number;
  @ApiProperty() tasksClosed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'closed / tasks' }) resolutionRate!: number | null;
  @ApiProperty({ description: 'Resolutions this department reported that the station judged in the year' }) resolutionsJudged!: number;
  @ApiProperty() resolutionsConfirmed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'confirmed / judged: the station accepting the resolution; null where none recorded' })
  satisfactionRate!: number | null;
}

export class DepartmentRatesListDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [DepartmentRatesDto] }) items!: DepartmentRatesDto[];
}
