import { ApiProperty } from '@nestjs/swagger';

export class AssessmentBonusDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Final rank that earned the bonus (1, 2 or 3)' }) rank!: number;
  @ApiProperty({ description: 'Party-building assessment points' }) partyBuilding!: number;
  @ApiProperty({ description: 'Bureau-chief stationing assessment points' }) stationing!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AssessmentBonusListDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [AssessmentBonusDto] }) items!: AssessmentBonusDto[];
}
