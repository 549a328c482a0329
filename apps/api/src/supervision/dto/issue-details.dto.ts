import { SATISFACTIONS, type Satisfaction } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IssueSummaryDto } from '../../issues/issue-summary.dto';
import { FourListsDto } from '../../stations/station-commands.dto';

export class LevelChangeDto {
  @ApiProperty({ enum: ['community', 'street', 'district', 'city'] }) level!: string;
  @ApiProperty({ description: 'raised, manual, time-limit or transfer' }) cause!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class IssueDeadlineDto {
  @ApiProperty() deadlineId!: string;
  @ApiProperty() departmentId!: string;
  @ApiProperty({ enum: ['whistle', 'department-added', 'coordination-meeting'] }) cause!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'As the domain computed it' }) due!: string;
  @ApiProperty({ format: 'date', description: 'The last working day of the period' }) lastDay!: string;
  @ApiProperty() provisional!: boolean;
  @ApiProperty({ enum: ['pending', 'met', 'missed', 'cancelled'] }) outcome!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) settledAt!: string | null;
}

export class IssueDetailsDto extends IssueSummaryDto {
  @ApiProperty({ type: FourListsDto }) fourLists!: FourListsDto;
  @ApiProperty({ type: String, nullable: true }) cityDepartment!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) whistledAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The department that reported the resolution; below district the station or street',
  })
  resolvedBy!: string | null;
  @ApiProperty({ enum: SATISFACTIONS, type: String, nullable: true, description: "The resident's evaluation at closing" })
  satisfaction!: Satisfaction | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastFeedbackAt!: string | null;
  @ApiProperty({ description: 'Revision of the issue stream the view has applied' }) streamRevision!: number;
  @ApiProperty({ type: [LevelChangeDto] }) levelHistory!: LevelChangeDto[];
  @ApiProperty({ type: [IssueDeadlineDto] }) deadlines!: IssueDeadlineDto[];
}
