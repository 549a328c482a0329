import { ApiProperty } from '@nestjs/swagger';

export class CalendarYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'False: the year is not published; deadlines in it are provisional (statutory rest days, RULES.md §3)' })
  published!: boolean;
  @ApiProperty({ type: [String] }) holidays!: string[];
  @ApiProperty({ type: [String] }) workdays!: string[];
}
