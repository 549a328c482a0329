import { ReferenceData } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrganisationDto } from './organisation.dto';
import { OrganisationQuery } from './organisation.query';

@QueryHandler(OrganisationQuery)
export class OrganisationHandler implements IQueryHandler<OrganisationQuery> {
  constructor(private readonly reference: ReferenceData) {}

  async execute(): Promise<OrganisationDto> {
    return (await this.reference.snapshot()).chart;
  }
}
