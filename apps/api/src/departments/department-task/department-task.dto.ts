import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ISSUE_STATUS_VALUES, LEVEL_VALUES } from '../../issues/issue-dto';
import { FourListsDto } from '../../stations/station-commands.dto';
import { TaskDeadlineDto } from '../department-inbox/department-inbox.dto';

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
  @ApiProperty({ description: 'Revision of the issue stream (for If-Match)' }) revision!: number;
}
