import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ROLES } from '../../auth/actor';
import { PageInfoDto, PageQuery } from '../../issues/issue-dto';
import { RECORDED_READS, RecordedReadKind } from '../recorded-read.decorator';

export class AccessLogQueryParams extends PageQuery {
  @ApiPropertyOptional({ example: 'zhang.wei', description: "Only this reader's reads (the token's sub)" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional({ enum: RECORDED_READS })
  @IsOptional()
  @IsIn(RECORDED_READS)
  what?: RecordedReadKind;
}

export class AccessLogActorDto {
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ example: 'zhang.wei' }) subject!: string;
  @ApiPropertyOptional() scope?: string;
}

export class AccessLogEntryDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'date-time', description: "The database server's time of the read" }) readAt!: string;
  @ApiProperty({ type: AccessLogActorDto }) actor!: AccessLogActorDto;
  @ApiProperty({ enum: RECORDED_READS }) what!: string;
  @ApiProperty({ example: 'GET /api/v1/supervision/issues/:issueId/audit-trail' }) route!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { issueId: 'I-1' }, description: 'The ids the route named' })
  resourceIds!: Record<string, string>;
  @ApiPropertyOptional({ example: '127.0.0.1' }) clientAddress?: string;
}

export class AccessLogPageDto extends PageInfoDto {
  @ApiProperty({ type: [AccessLogEntryDto], description: 'Newest first' })
  items!: AccessLogEntryDto[];
}
