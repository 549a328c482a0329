import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { SATISFACTIONS, Satisfaction } from '@app/domain';
import { IsDefined, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/** 四清单: the four lists every issue is raised with. */
export class FourListsDto {
  @ApiProperty({ example: '老旧小区路灯损坏，夜间出行不便', maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  problem!: string;

  @ApiProperty({ example: '更换路灯 12 盏', maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  tasks!: string;

  @ApiProperty({ example: '区城管委', maxLength: 400 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  responsibleParty!: string;

  @ApiProperty({ example: '全部路灯夜间正常照明', maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  acceptanceStandard!: string;
}

export class RaiseIssueDto {
  @ApiProperty({ example: '路灯损坏', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ type: FourListsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FourListsDto)
  fourLists!: FourListsDto;
}

export class RejectClosingDto {
  @ApiPropertyOptional({ example: '路灯仍有 3 盏不亮', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class ConfirmClosingDto {
  @ApiPropertyOptional({ enum: SATISFACTIONS, description: "The resident's evaluation (群众满意度); counts in the satisfaction rates" })
  @IsOptional()
  @IsIn(SATISFACTIONS)
  satisfaction?: Satisfaction;
}

/** 跟踪督办: what the station urges on the departments. */
export class UrgeDepartmentsDto {
  @ApiProperty({ example: '居民反映仍未施工，请于本周五前反馈进展', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}
