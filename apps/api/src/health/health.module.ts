import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { KafkaHealthIndicator, PostgresHealthIndicator, TemporalHealthIndicator } from './health.indicators';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false })],
  controllers: [HealthController],
  providers: [PostgresHealthIndicator, TemporalHealthIndicator, KafkaHealthIndicator],
})
export class HealthModule {}
