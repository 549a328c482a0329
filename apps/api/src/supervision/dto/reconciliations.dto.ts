import { ApiProperty } from '@nestjs/swagger';

export class ReconciliationDifferenceDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() entryId!: string;
  @ApiProperty({ type: Number, nullable: true }) expected!: number | null;
  @ApiProperty({ type: Number, nullable: true }) recorded!: number | null;
}

export class InterviewDifferenceDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty({ type: [String], description: 'The run of missed feedback deadlines, oldest first' }) deadlineIds!: string[];
  @ApiProperty({ description: 'The recomputation calls this interview' }) expected!: boolean;
  @ApiProperty({ description: "The department's streak ordered it" }) recorded!: boolean;
}

export class WaitingDeadlineDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() issueId!: string;
  @ApiProperty() deadlineId!: string;
  @ApiProperty({ format: 'date-time', description: 'Its provisional due instant' }) due!: string;
}

export class OpenAppealDto {
  @ApiProperty({ example: 'appeal:20260302-4f9a1c#1' }) appealId!: string;
  @ApiProperty() departmentId!: string;
  @ApiProperty() issueId!: string;
  @ApiProperty() deadlineId!: string;
  @ApiProperty({ format: 'date-time', description: "The appealed deadline's due instant" }) due!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
}

export class ReconciliationReportDto {
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() final!: boolean;
  @ApiProperty({ type: [ReconciliationDifferenceDto], description: 'Empty when the ledger matches the recomputation' })
  differences!: ReconciliationDifferenceDto[];
  @ApiProperty({
    type: [InterviewDifferenceDto],
    description: 'Interviews for consecutive missed deadlines on which the streaks and the recomputation disagree; empty when none',
  })
  interviewDifferences!: InterviewDifferenceDto[];
  @ApiProperty({
    type: [WaitingDeadlineDto],
    description:
      "Provisional feedback deadlines of the year past their due instant that wait for their year's schedule (RULES.md §3): neither met nor missed until it is published; empty when none",
  })
  waitingDeadlines!: WaitingDeadlineDto[];
  @ApiProperty({
    type: [OpenAppealDto],
    description: "Appeals of the year's deductions filed and not decided at the report: they may yet change its totals; empty when none",
  })
  openAppeals!: OpenAppealDto[];
}

export class ReconciliationListDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [ReconciliationReportDto] }) reports!: ReconciliationReportDto[];
}
