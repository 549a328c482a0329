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
import { RegisterOrganisationUnitCommand } from './register-organisation-unit.command';
import { RegisterStationDto, RegisterUnitDto } from './register-organisation-unit.dto';

/** Units are appended to the `organisation` stream; ids are unique across the organisation. */
@ApiTags('admin')
@Controller({ path: 'admin/organisation', version: '1' })
export class RegisterOrganisationUnitController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('streets')
  @Roles('admin')
  @ApiOperation({ summary: 'Register a street (街道)' })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: ReferenceResultDto })
  @ApiProblems(409, 422)
  street(
    @Body() body: RegisterUnitDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<ReferenceResultDto> {
    return this.commandBus.execute(new RegisterOrganisationUnitCommand('street', body.id, body.name, undefined, actor, request));
  }

  @Post('stations')
  @Roles('admin')
  @ApiOperation({ summary: 'Register a station (工作站) of a street' })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: ReferenceResultDto })
  @ApiProblems(409, 422)
  station(
    @Body() body: RegisterStationDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<ReferenceResultDto> {
    return this.commandBus.execute(new RegisterOrganisationUnitCommand('station', body.id, body.name, body.streetId, actor, request));
  }

  @Post('district-departments')
  @Roles('admin')
  @ApiOperation({ summary: 'Register a district department (区直单位): receives whistles, is scored' })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: ReferenceResultDto })
  @ApiProblems(409, 422)
  districtDepartment(
    @Body() body: RegisterUnitDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<ReferenceResultDto> {
    return this.commandBus.execute(
      new RegisterOrganisationUnitCommand('district-department', body.id, body.name, undefined, actor, request),
    );
  }

  @Post('city-departments')
  @Roles('admin')
  @ApiOperation({ summary: 'Register a city department (市直单位): receives transfers, not scored' })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: ReferenceResultDto })
  @ApiProblems(409, 422)
  cityDepartment(
    @Body() body: RegisterUnitDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<ReferenceResultDto> {
    return this.commandBus.execute(new RegisterOrganisationUnitCommand('city-department', body.id, body.name, undefined, actor, request));
  }
}
