import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { UNIT_ID } from '../issues/issue-dto';

export class AddDepartmentDto {
  @ApiProperty({ example: 'jt' })
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -' })
  departmentId!: string;
}
