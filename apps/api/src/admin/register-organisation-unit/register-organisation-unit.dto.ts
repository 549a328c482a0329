import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { UNIT_ID } from '../../issues/issue-dto';

export class RegisterUnitDto {
  @ApiProperty({ example: 'cg', pattern: UNIT_ID.source, description: 'Unique across the whole organisation' })
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -, starting with a letter or digit' })
  id!: string;

  @ApiProperty({ example: '区城管委', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class RegisterStationDto extends RegisterUnitDto {
  @ApiProperty({ example: 'st1', description: 'The street the station belongs to (registered first)' })
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -, starting with a letter or digit' })
  streetId!: string;
}
