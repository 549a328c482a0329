import { ApiProperty } from '@nestjs/swagger';

export class IssueCountDto {
  @ApiProperty({ enum: ['community', 'street', 'district', 'city'] }) level!: string;
  @ApiProperty({ enum: ['open', 'resolved', 'closed'] }) status!: string;
  @ApiProperty() count!: number;
}

export class OverviewWindowDto {
  @ApiProperty({ format: 'date', description: 'Today in Asia/Shanghai by the server clock' }) today!: string;
  @ApiProperty({ format: 'date', description: 'Monday of this week' }) weekStart!: string;
  @ApiProperty({ format: 'date', description: 'Sunday of this week' }) weekEnd!: string;
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty() year!: number;
}

export class OverviewDto {
  @ApiProperty({ type: OverviewWindowDto }) window!: OverviewWindowDto;
  @ApiProperty({ type: [IssueCountDto], description: 'Issues by level and status' }) issues!: IssueCountDto[];
  @ApiProperty({ description: 'Pending feedback deadlines whose last day is today' }) deadlinesDueToday!: number;
  @ApiProperty({ description: 'Pending feedback deadlines whose last day falls in this week (Monday to Sunday)' })
  deadlinesDueThisWeek!: number;
  @ApiProperty({ description: 'Feedback deadlines missed whose last day falls in this month' }) deadlinesMissedThisMonth!: number;
  @ApiProperty({ description: 'Interviews ordered this year (the engine records no interview as held, so all are pending)' })
  interviewsPending!: number;
}
