import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { OrganisationDto } from './organisation.dto';
import { OrganisationQuery } from './organisation.query';

@ApiTags('admin')
@Controller({ path: 'organisation', version: '1' })
export class OrganisationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The organisation chart: streets, stations, district and city departments (every role may read it)' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems()
  organisation(): Promise<OrganisationDto> {
    return this.queryBus.execute(new OrganisationQuery());
  }
}
