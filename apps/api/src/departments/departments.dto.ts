import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { ISSUE_STATUS_VALUES, LEVEL_VALUES, PageInfoDto, PageQuery } from '../issues/issue-dto';
import { FourListsDto } from '../stations/station-commands.dto';

export const TASK_STATUS_VALUES = ['open', 'feedback-given', 'resolved', 'closed'] as const;

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUS_VALUES, description: "open: awaiting this department's feedback" })
  @IsOptional()
  @IsIn(TASK_STATUS_VALUES)
  status?: (typeof TASK_STATUS_VALUES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'Only tasks whose next pending deadline is due before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  dueBefore?: string;
}

export class TaskDeadlineDto {
  @ApiProperty() deadlineId!: string;
  @ApiProperty({ enum: ['whistle', 'department-added', 'coordination-meeting'] }) cause!: string;
  @ApiProperty({ format: 'date-time' }) due!: string;
  @ApiProperty({ format: 'date' }) lastDay!: string;
  @ApiProperty({ description: 'The due instant depends on a year whose official calendar is not published yet' }) provisional!: boolean;
  @ApiProperty({ enum: ['pending', 'met', 'missed', 'cancelled'] }) outcome!: string;
}

/** 跟踪督办: the station urged the departments on the issue. */
export class UrgingDto {
  @ApiProperty({ example: '居民反映仍未施工，请于本周五前反馈进展' }) note!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class InboxTaskDto {
  @ApiProperty() issueId!: string;
  @ApiProperty() departmentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty() streetId!: string;
  @ApiProperty({ enum: LEVEL_VALUES }) level!: string;
  @ApiProperty({ enum: ['single', 'joint', 'transfer'], nullable: true, type: String }) mode!: string | null;
  @ApiProperty({ type: [TaskDeadlineDto] }) deadlines!: TaskDeadlineDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The next pending deadline; orders the inbox' })
  nextDueAt!: string | null;
  @ApiProperty({ enum: TASK_STATUS_VALUES }) status!: string;
  @ApiProperty({ format: 'date-time' }) whistledAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastFeedbackAt!: string | null;
  @ApiProperty({ type: [UrgingDto], description: "The station's urgings (跟踪督办) since the task was routed, oldest first" })
  urgings!: UrgingDto[];
}

export class InboxPageDto extends PageInfoDto {
  @ApiProperty({ type: [InboxTaskDto], description: 'Soonest due first; tasks with nothing pending last' })
  items!: InboxTaskDto[];
}

export class FeedbackEntryDto {
  @ApiPropertyOptional() content?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}
export class TaskDetailDto {
  @ApiProperty() issueId!: string;
  @ApiProperty() departmentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty({ enum: ISSUE_STATUS_VALUES }) issueStatus!: string;
  @ApiProperty({ enum: LEVEL_VALUES }) level!: string;
  @ApiProperty({ enum: ['single', 'joint', 'transfer'] }) mode!: string;
  @ApiProperty({ type: FourListsDto }) fourLists!: FourListsDto;
  @ApiProperty({ type: [TaskDeadlineDto], description: "This department's deadlines on the issue" }) deadlines!: TaskDeadlineDto[];
  @ApiProperty({ type: [FeedbackEntryDto] }) feedback!: FeedbackEntryDto[];
  @ApiProperty({ type: [UrgingDto], description: "The station's urgings (跟踪督办) that reached this department, oldest first" })
  urgings!: UrgingDto[];
  @ApiProperty({ description: 'Revision of the issue stream (for If-Match)' }) revision!: number;
}
