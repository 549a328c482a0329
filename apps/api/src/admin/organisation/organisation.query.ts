import { Query } from '@nestjs/cqrs';
import { OrganisationDto } from './organisation.dto';

export class OrganisationQuery extends Query<OrganisationDto> {}
