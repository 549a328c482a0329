import { ApiProperty } from '@nestjs/swagger';
import { AppendedEventDto } from '../issues/issue-dto';

export class ReferenceResultDto {
  @ApiProperty({ example: 'organisation' }) streamId!: string;
  @ApiProperty({ description: 'Revision of the reference stream after the append (send it as If-Match next time)' }) revision!: number;
  @ApiProperty({ type: AppendedEventDto }) appended!: AppendedEventDto;
}
