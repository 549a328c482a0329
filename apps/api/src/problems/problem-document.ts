import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class FieldProblem {
  @ApiProperty({ example: 'fourLists.problem', description: 'Path of the input at fault (body, path or query)' })
  field!: string;

  @ApiProperty({ example: 'must not be empty' })
  reason!: string;
}

/** RFC 9457 problem details, with the engine's stable error code and the fields at fault. */
export class ProblemDocument {
  @ApiProperty({ example: '/api/problems/validation', description: 'URI reference naming the kind of problem' })
  type!: string;

  @ApiProperty({ example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'fourLists.problem must not be empty' })
  detail!: string;

  @ApiProperty({ example: '/api/v1/stations/s1/issues', description: 'The request path that met the problem' })
  instance!: string;

  @ApiProperty({ example: 'VALIDATION', description: 'Stable machine-readable code (domain codes such as ISSUE.CLOSED)' })
  code!: string;

  @ApiProperty({ type: [FieldProblem] })
  errors!: FieldProblem[];

  @ApiPropertyOptional({ description: 'On a concurrency conflict: the revision the issue stream is at now', type: Number, nullable: true })
  currentRevision?: number | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'GET /health only: the state of each dependency' })
  details?: Record<string, unknown>;
}
