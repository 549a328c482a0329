import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEVEL_VALUES } from '../../issues/issue-dto';
import { FourListsDto } from '../../stations/raise-issue/raise-issue.dto';
import { InboxTaskDto } from '../department-inbox/department-inbox.dto';

export class FeedbackEntryDto {
  @ApiPropertyOptional() content?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class TaskDetailDto extends InboxTaskDto {
  @ApiProperty({ type: FourListsDto }) fourLists!: FourListsDto;
  @ApiProperty({ enum: LEVEL_VALUES }) level!: string;
  @ApiProperty({ type: [FeedbackEntryDto] }) feedback!: FeedbackEntryDto[];
  @ApiProperty({ description: 'Revision of the issue stream (for If-Match)' }) revision!: number;
}
