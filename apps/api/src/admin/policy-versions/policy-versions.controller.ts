import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { PolicyVersionListDto } from '../adopt-policy-version/adopt-policy-version.dto';
import { PolicyVersionsQuery } from './policy-versions.query';

@ApiTags('admin')
@Controller({ path: 'policy/versions', version: '1' })
export class PolicyVersionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Every policy version and when it took effect (every role may read it)' })
  @ApiOkResponse({ type: PolicyVersionListDto })
  @ApiProblems()
  versions(): Promise<PolicyVersionListDto> {
    return this.queryBus.execute(new PolicyVersionsQuery());
  }
}
