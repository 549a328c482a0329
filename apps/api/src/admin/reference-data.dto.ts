import { ApiProperty } from '@nestjs/swagger';

export class UnitDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class StationUnitDto extends UnitDto {
  @ApiProperty() street!: string;
}

export class OrganisationDto {
  @ApiProperty({ type: [UnitDto] }) streets!: UnitDto[];
  @ApiProperty({ type: [StationUnitDto] }) stations!: StationUnitDto[];
  @ApiProperty({ type: [UnitDto], description: 'District departments' }) departments!: UnitDto[];
  @ApiProperty({ type: [UnitDto] }) cityDepartments!: UnitDto[];
}

export class CalendarYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'False: the year is not published; deadlines in it are provisional (statutory rest days, RULES.md §3)' })
  published!: boolean;
  @ApiProperty({ type: [String] }) holidays!: string[];
  @ApiProperty({ type: [String] }) workdays!: string[];
}

export class PolicyVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: in force from the beginning (the default policy)' })
  effectiveFrom!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) policy!: Record<string, unknown>;
}

export class PolicyVersionListDto {
  @ApiProperty({ type: [PolicyVersionDto] }) versions!: PolicyVersionDto[];
}
