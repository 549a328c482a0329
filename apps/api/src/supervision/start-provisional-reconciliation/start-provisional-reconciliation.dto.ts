import { ApiProperty } from '@nestjs/swagger';

export class ProvisionalReconciliationStartedDto {
  @ApiProperty() year!: number;
  @ApiProperty({
    example: 'yearend-2026-provisional-whistle-issues-after-0',
    description:
      'The yearEndWorkflow run (final: false). Named after the year-end reports it starts from, so a second request ' +
      'before its report is published answers with the same run instead of starting another',
  })
  workflowId!: string;
  @ApiProperty({
    description:
      'Revision of the stream yearend-<year> the run starts from (null: no report yet); send it as If-Match to start only from it',
    type: Number,
    nullable: true,
  })
  basedOnRevision!: number | null;
  @ApiProperty({
    example: '/api/v1/supervision/reconciliations/2026',
    description: 'Where the report appears (with final: false) once the run is done; also the Location header',
  })
  reports!: string;
}
