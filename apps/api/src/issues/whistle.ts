import { EpochMs, IssueCommand } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { UNIT_ID } from './issue-dto';

export const WHISTLE_MODES = ['single', 'joint', 'transfer'] as const;

/** The whistle (吹哨), as the issue's station or the leading group's office blows it: the same body on both routes. */
export class BlowWhistleDto {
  @ApiProperty({
    enum: WHISTLE_MODES,
    description:
      'single: one department handles it; joint: several co-handle; transfer: one district department leads toward a city department',
  })
  @IsIn(WHISTLE_MODES)
  mode!: (typeof WHISTLE_MODES)[number];

  @ApiProperty({ type: [String], example: ['cg'], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(UNIT_ID, { each: true, message: 'each department id must be 1-40 letters, digits, _ or -' })
  departments!: string[];

  @ApiPropertyOptional({ example: 'city-water', description: 'Only for transfer: the city department' })
  @IsOptional()
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -' })
  cityDepartment?: string;
}

export function blowWhistle({ body, at }: { body: BlowWhistleDto; at: EpochMs }): IssueCommand {
  return {
    type: 'BlowWhistle',
    mode: body.mode,
    departments: [...body.departments],
    ...(body.cityDepartment !== undefined ? { cityDepartment: body.cityDepartment } : {}),
    at,
  };
}
