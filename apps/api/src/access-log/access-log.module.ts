import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessLogInterceptor } from './access-log.interceptor';
import { AccessLogRepository } from './access-log.repository';
import { ReadAccessLogController } from './read-access-log/read-access-log.controller';
import { ReadAccessLogHandler } from './read-access-log/read-access-log.handler';

/** The log of who read what (its own table, apart from the events), the interceptor that fills it, the auditors' read of it. */
@Module({
  controllers: [ReadAccessLogController],
  providers: [AccessLogRepository, ReadAccessLogHandler, { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor }],
})
export class AccessLogModule {}
