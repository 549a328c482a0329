import { Controller, Get, Inject, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { API_SETTINGS, ApiSettings } from '../api-settings';
import { Public } from '../auth/roles.decorator';
import { PROBLEM_CONTENT_TYPE, ProblemDocument } from '../problems/problem-document';
import { KafkaHealthIndicator, PostgresHealthIndicator, TemporalHealthIndicator } from './health.indicators';

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: PostgresHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get()
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiExtraModels(ProblemDocument)
  @ApiOkResponse({
    description: 'Every dependency answers',
    schema: {
      type: 'object',
      required: ['status', 'info', 'error', 'details'],
      properties: {
        status: { type: 'string', enum: ['ok'] },
        info: { type: 'object', additionalProperties: true },
        error: { type: 'object', additionalProperties: true },
        details: { type: 'object', additionalProperties: true },
      },
    },
  })
  @ApiResponse({
    status: 503,
    description: 'A dependency is down; `details` names it',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDocument) } } },
  })
  @ApiResponse({
    status: 429,
    description: 'Rate limited',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDocument) } } },
  })
  @ApiOperation({ summary: 'PostgreSQL, Temporal and Kafka: 200 when all answer, 503 naming the one that does not' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.postgres.check(),
      ...(this.settings.HEALTH_CHECK_TEMPORAL ? [() => this.temporal.check()] : []),
      ...(this.settings.HEALTH_CHECK_KAFKA ? [() => this.kafka.check()] : []),
    ]);
  }
}
