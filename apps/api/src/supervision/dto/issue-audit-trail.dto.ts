import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'Global position in the event log (decimal string)' }) globalPosition!: string;
  @ApiProperty() type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'causationId, actor, command' }) metadata!: Record<
    string,
    unknown
  >;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() previousHash!: string;
  @ApiProperty() hash!: string;
}

export class VerificationDto {
  @ApiProperty({ description: 'True when every hash link of the stream recomputes' }) ok!: boolean;
  @ApiPropertyOptional() checked?: number;
  @ApiPropertyOptional({ description: 'First broken link' }) revision?: number;
  @ApiPropertyOptional() reason?: string;
}

export class AuditTrailDto {
  @ApiProperty() issueId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: [AuditEventDto] }) events!: AuditEventDto[];
  @ApiProperty({ type: VerificationDto }) verification!: VerificationDto;
}
