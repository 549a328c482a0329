import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const RANKING_KINDS = ['provisional', 'final'] as const;

export class RankingQueryParams {
  @ApiPropertyOptional({
    enum: RANKING_KINDS,
    default: 'provisional',
    description: 'provisional: computed now from the ledgers; final: as published at year end',
  })
  @IsOptional()
  @IsIn(RANKING_KINDS)
  kind?: (typeof RANKING_KINDS)[number];
}

export class RankingRowDto {
  @ApiProperty() department!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Standard competition ranking (1, 2, 2, 4)' }) rank!: number;
}

export class RankingDto {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: RANKING_KINDS }) kind!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the final ranking was published' }) publishedAt?: string;
  @ApiProperty({ type: [RankingRowDto] }) ranking!: RankingRowDto[];
}
