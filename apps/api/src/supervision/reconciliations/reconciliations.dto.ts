import { ApiProperty } from '@nestjs/swagger';

export class ReconciliationDifferenceDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty() entryId!: string;
  @ApiProperty({ type: Number, nullable: true }) expected!: number | null;
  @ApiProperty({ type: Number, nullable: true }) recorded!: number | null;
}

export class ReconciliationReportDto {
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() final!: boolean;
  @ApiProperty({ type: [ReconciliationDifferenceDto], description: 'Empty when the ledger matches the recomputation' })
  differences!: ReconciliationDifferenceDto[];
}

export class ReconciliationListDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [ReconciliationReportDto] }) reports!: ReconciliationReportDto[];
}
