import { Query } from '@nestjs/cqrs';
import { PolicyVersionListDto } from '../adopt-policy-version/adopt-policy-version.dto';

export class PolicyVersionsQuery extends Query<PolicyVersionListDto> {}
