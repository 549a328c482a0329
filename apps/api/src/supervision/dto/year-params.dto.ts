import { SCHEDULE_YEARS } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** The years the engine carries, as libs/domain bounds them (SCHEDULE_YEARS): the one source for every year a route takes. */
export const YEAR_SCHEMA = { minimum: SCHEDULE_YEARS.first, maximum: SCHEDULE_YEARS.last } as const;

export function IsEngineYear(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(SCHEDULE_YEARS.first), Max(SCHEDULE_YEARS.last));
}

export class YearParams {
  @ApiProperty({ example: 2026, ...YEAR_SCHEMA })
  @Type(() => Number)
  @IsEngineYear()
  year!: number;
}
