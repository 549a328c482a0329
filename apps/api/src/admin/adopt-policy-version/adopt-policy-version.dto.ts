import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsObject } from 'class-validator';

export class AdoptPolicyVersionDto {
  @ApiProperty({
    format: 'date-time',
    example: '2027-01-01T00:00:00+08:00',
    description: 'Not before now, and after the newest version: never retroactive',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  effectiveFrom!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { feedback: { count: 3, unit: 'calendarDays' } },
    description:
      'Overrides of the default policy (feedback, communityLimit, streetLimit, points, deductionPer: deadline | issue, singleWithAddedDepartments: coHandled | namedOnly, consecutiveMissesForInterview, ranking incl. lastPlaceWhenAllTied, yearEnd); unknown keys are refused, the result is validated',
  })
  @IsObject()
  policy!: Record<string, unknown>;
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
