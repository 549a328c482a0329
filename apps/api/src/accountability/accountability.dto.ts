import { ATTENDANCES, MEETING_KINDS } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ISSUE_ID, UNIT_ID } from '../issues/issue-dto';
import { IsEngineYear, YEAR_SCHEMA } from '../supervision/dto/year-params.dto';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_MESSAGE = 'must be a local date YYYY-MM-DD';
/** A feedback deadline is named by its issue and its place among the issue's deadlines: `<issueId>#<n>`. */
const DEADLINE_ID = new RegExp(`^${ISSUE_ID.source.slice(1, -1)}#[1-9][0-9]{0,3}$`);
const DEADLINE_ID_MESSAGE = 'must be a feedback deadline id <issueId>#<n>, e.g. 20260302-4f9a1c#1';
const REASON = { maxLength: 2000 } as const;

export class MeetingAttendanceDto {
  @ApiProperty({ example: 'cg', pattern: UNIT_ID.source })
  @Matches(UNIT_ID, { message: 'must be a district department id' })
  departmentId!: string;

  @ApiProperty({ enum: ATTENDANCES })
  @IsIn(ATTENDANCES)
  attendance!: string;

  @ApiPropertyOptional({ example: '参加区安全生产检查', description: 'Only for `excused`: its reason (请假事由)', ...REASON })
  @IsOptional()
  @IsString()
  @MaxLength(REASON.maxLength)
  reason?: string;
}

export class RecordMeetingDto {
  @ApiProperty({ enum: MEETING_KINDS, description: '工作调度会 (monthly), 联席会议 (quarterly) or 现场协调会 (on issues)' })
  @IsIn(MEETING_KINDS)
  kind!: string;

  @ApiProperty({ example: '2026-05-06', description: 'The local date it was held (not after today)' })
  @Matches(LOCAL_DATE, { message: LOCAL_DATE_MESSAGE })
  date!: string;

  @ApiPropertyOptional({ type: [String], description: 'Issues discussed (at least one for an on-site coordination meeting)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ISSUE_ID, { each: true, message: 'each must be an issue id' })
  issues?: string[];

  @ApiProperty({ type: [MeetingAttendanceDto], description: "Each invited district department's attendance, once each" })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MeetingAttendanceDto)
  attendance!: MeetingAttendanceDto[];
}

export class MeetingDto {
  @ApiProperty({ example: '20260506-4f9a1c2b' }) meetingId!: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind!: string;
  @ApiProperty({ example: '2026-05-06' }) date!: string;
  @ApiProperty({ description: 'The station that convened it' }) convenor!: string;
  @ApiProperty({ type: [String] }) issues!: string[];
  @ApiProperty({ type: [MeetingAttendanceDto] }) attendance!: MeetingAttendanceDto[];
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class MeetingListDto {
  @ApiProperty({ type: [MeetingDto] }) items!: MeetingDto[];
}

export class PeriodQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (included); default 1 January of the current year' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: LOCAL_DATE_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day (included); default 31 December of the year of `from`' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: LOCAL_DATE_MESSAGE })
  to?: string;
}

export class AttendanceLineDto {
  @ApiProperty() meetingId!: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind!: string;
  @ApiProperty() date!: string;
  @ApiProperty() convenor!: string;
  @ApiProperty({ enum: ATTENDANCES }) attendance!: string;
  @ApiPropertyOptional() reason?: string;
}

export class AttendanceRecordDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'Meetings of the period that invited the department' }) invited!: number;
  @ApiProperty() present!: number;
  @ApiProperty() excused!: number;
  @ApiProperty() absent!: number;
  @ApiProperty({ type: [AttendanceLineDto], description: 'By date, then meeting id' }) meetings!: AttendanceLineDto[];
}

export class AdjustBaseDto {
  @ApiProperty({ example: 2026, ...YEAR_SCHEMA })
  @IsEngineYear()
  year!: number;

  @ApiProperty({ example: -10, description: 'Below zero, a multiple of 0.5: the base score withheld (all of it) or reduced' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points!: number;

  @ApiProperty({ example: '2026年缺席工作调度会3次（见出勤记录）', description: 'The written reason, citing the attendance', ...REASON })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON.maxLength)
  reason!: string;
}

export class FileAppealDto {
  @ApiProperty({ example: '20260302-4f9a1c', pattern: ISSUE_ID.source })
  @Matches(ISSUE_ID, { message: 'must be an issue id' })
  issueId!: string;

  @ApiProperty({ example: '20260302-4f9a1c#1', description: 'The missed feedback deadline whose deduction is appealed' })
  @Matches(DEADLINE_ID, { message: DEADLINE_ID_MESSAGE })
  deadlineId!: string;

  @ApiProperty({ example: '派单系统故障，未收到任务', ...REASON })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON.maxLength)
  reason!: string;

  @ApiPropertyOptional({ type: [String], description: "The attached documents' references (the files live elsewhere)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  attachments?: string[];
}

export class DecideAppealDto {
  @ApiProperty({ example: '20260302-4f9a1c#1', description: 'The appealed deadline' })
  @Matches(DEADLINE_ID, { message: DEADLINE_ID_MESSAGE })
  deadlineId!: string;

  @ApiProperty({ enum: ['upheld', 'overturned'], description: 'upheld: the deduction stands; overturned: it is given back' })
  @IsIn(['upheld', 'overturned'])
  outcome!: 'upheld' | 'overturned';

  @ApiProperty({ example: '经复核，派单未送达', ...REASON })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON.maxLength)
  reason!: string;
}

export class AppealQuery {
  @ApiPropertyOptional({ enum: ['open', 'upheld', 'overturned'], description: 'open: the queue to decide' })
  @IsOptional()
  @IsIn(['open', 'upheld', 'overturned'])
  status?: 'open' | 'upheld' | 'overturned';

  @ApiPropertyOptional({ example: 'cg', pattern: UNIT_ID.source })
  @IsOptional()
  @Matches(UNIT_ID, { message: 'must be a district department id' })
  departmentId?: string;
}

class DeductionDto {
  @ApiProperty({ example: 'missed:20260302-4f9a1c#1' }) entryId!: string;
  @ApiProperty({ example: -3 }) points!: number;
}

class AppealDecisionDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AppealDto {
  @ApiProperty({ example: 'appeal:20260302-4f9a1c#1' }) appealId!: string;
  @ApiProperty() departmentId!: string;
  @ApiProperty() issueId!: string;
  @ApiProperty() deadlineId!: string;
  @ApiProperty({ format: 'date-time', description: "The missed deadline's due instant" }) due!: string;
  @ApiProperty({ description: "The missed deadline's last day (the deduction's year)" }) lastDay!: string;
  @ApiPropertyOptional({ type: DeductionDto, description: 'Absent when no deduction was booked for the deadline' })
  deduction?: DeductionDto;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [String] }) attachments!: string[];
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty({ enum: ['open', 'upheld', 'overturned'] }) status!: string;
  @ApiPropertyOptional({ type: AppealDecisionDto }) decision?: AppealDecisionDto;
}

export class AppealListDto {
  @ApiProperty({ type: [AppealDto], description: 'In the order filed' }) items!: AppealDto[];
}
