import { Query } from '@nestjs/cqrs';
import { AccessLogFilter } from '../access-log.repository';
import { AccessLogPageDto } from './read-access-log.dto';

export class ReadAccessLogQuery extends Query<AccessLogPageDto> {
  constructor(readonly filter: AccessLogFilter) {
    super();
  }
}
