import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { CommandContext, CommandRequest } from '../../engine/command-request';
import { IdempotencyKeyHeader } from '../../idempotency/idempotency-key.header';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { ReferenceResultDto } from '../reference-result.dto';
import { AdoptPolicyVersionCommand } from './adopt-policy-version.command';
import { AdoptPolicyVersionDto } from './adopt-policy-version.dto';

@ApiTags('admin')
@Controller({ path: 'admin/policy/versions', version: '1' })
export class AdoptPolicyVersionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Adopt a policy version from an instant on (periods, points, interview and ranking rules)' })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: ReferenceResultDto })
  @ApiProblems(409, 422)
  adopt(
    @Body() body: AdoptPolicyVersionDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<ReferenceResultDto> {
    return this.commandBus.execute(new AdoptPolicyVersionCommand(Date.parse(body.effectiveFrom), body.policy, actor, request));
  }
}
