import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { ISSUE_STATUS_VALUES, PageInfoDto, PageQuery } from '../../issues/issue-dto';

export const TASK_STATUS_VALUES = ['awaiting-feedback', 'open', 'resolved', 'closed'] as const;

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUS_VALUES, description: 'awaiting-feedback: a deadline is pending' })
  @IsOptional()
  @IsIn(TASK_STATUS_VALUES)
  status?: (typeof TASK_STATUS_VALUES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'Only tasks due strictly before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only tasks due at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  dueAfter?: string;
}

export class TaskDeadlineDto {
  @ApiProperty() deadlineId!: string;
  @ApiProperty({ enum: ['whistle', 'department-added', 'coordination-meeting'] }) cause!: string;
  @ApiProperty({ format: 'date-time' }) due!: string;
  @ApiProperty({ description: 'The due instant depends on a year whose official calendar is not published yet' }) provisional!: boolean;
  @ApiProperty({ enum: ['pending', 'met', 'missed', 'cancelled'] }) outcome!: string;
}

export class InboxTaskDto {
  @ApiProperty() issueId!: string;
  @ApiProperty() departmentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty({ enum: ISSUE_STATUS_VALUES }) issueStatus!: string;
  @ApiProperty({ enum: TASK_STATUS_VALUES }) status!: string;
  @ApiProperty({ enum: ['single', 'joint', 'transfer'] }) whistleMode!: string;
  @ApiProperty({ format: 'date-time', description: 'Earliest pending deadline, else the latest deadline' }) dueAt!: string;
  @ApiProperty({ type: [TaskDeadlineDto] }) deadlines!: TaskDeadlineDto[];
}

export class InboxPageDto extends PageInfoDto {
  @ApiProperty({ type: [InboxTaskDto] })
  items!: InboxTaskDto[];
}
