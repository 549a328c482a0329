import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VerificationDto } from '../issue-audit-trail/issue-audit-trail.dto';

export class LedgerEntryDto {
  @ApiProperty() entryId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ enum: ['base', 'single-closed', 'joint-closed', 'transfer-led-closed', 'feedback-missed'] }) reason!: string;
  @ApiPropertyOptional() issueId?: string;
  @ApiPropertyOptional() deadlineId?: string;
  @ApiPropertyOptional({ description: 'Id of the stored event that caused the entry' }) causedBy?: string;
}

export class LedgerDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() year!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [LedgerEntryDto] }) entries!: LedgerEntryDto[];
  @ApiProperty({ type: VerificationDto }) verification!: VerificationDto;
}
