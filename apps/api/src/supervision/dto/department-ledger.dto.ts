import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { UNIT_ID } from '../../issues/issue-dto';
import { VerificationDto } from './issue-audit-trail.dto';
import { YearParams } from './year-params.dto';

/** A department and a year: the year is checked as every year path parameter is (YearParams). */
export class LedgerParams extends YearParams {
  @ApiProperty({ example: 'cg', pattern: UNIT_ID.source })
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -' })
  departmentId!: string;
}

export class LedgerEntryDto {
  @ApiProperty() entryId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() points!: number;
  @ApiProperty({
    enum: ['base', 'base-adjusted', 'single-closed', 'joint-closed', 'transfer-led-closed', 'feedback-missed', 'deduction-overturned'],
  })
  reason!: string;
  @ApiPropertyOptional() issueId?: string;
  @ApiPropertyOptional() deadlineId?: string;
  @ApiPropertyOptional({ description: "A person's written reason: of a base-score decision, or of the appeal decision behind an overturn" })
  explanation?: string;
  @ApiPropertyOptional({ description: 'The appeal whose overturn booked a deduction-overturned entry' }) appealId?: string;
  @ApiPropertyOptional({ description: 'Id of the stored event that caused the entry' }) causedBy?: string;
}

export class LedgerDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() year!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [LedgerEntryDto] }) entries!: LedgerEntryDto[];
  @ApiProperty({ type: VerificationDto }) verification!: VerificationDto;
}
