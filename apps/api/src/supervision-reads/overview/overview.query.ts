import { Query } from '@nestjs/cqrs';
import { OverviewDto } from './overview.dto';

export class OverviewQuery extends Query<OverviewDto> {}
