import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class GiveFeedbackDto {
  @ApiPropertyOptional({ example: '已派人现场勘查，本周内完成更换', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  content?: string;
}
