import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccessLogRepository } from '../access-log.repository';
import { AccessLogPageDto } from './read-access-log.dto';
import { ReadAccessLogQuery } from './read-access-log.query';

@QueryHandler(ReadAccessLogQuery)
export class ReadAccessLogHandler implements IQueryHandler<ReadAccessLogQuery> {
  constructor(private readonly accessLog: AccessLogRepository) {}

  async execute({ filter }: ReadAccessLogQuery): Promise<AccessLogPageDto> {
    const { items, total } = await this.accessLog.page(filter);
    return { page: filter.page, pageSize: filter.pageSize, total, items };
  }
}
