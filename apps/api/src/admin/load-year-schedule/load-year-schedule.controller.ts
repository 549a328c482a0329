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
import { LoadYearScheduleCommand } from './load-year-schedule.command';
import { LoadYearScheduleDto } from './load-year-schedule.dto';

@ApiTags('admin')
@Controller({ path: 'admin/calendar/years', version: '1' })
export class LoadYearScheduleController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: "Load a year's official holiday schedule (国务院办公厅 notice), including 调休 working days" })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: ReferenceResultDto })
  @ApiProblems(409, 422)
  load(
    @Body() body: LoadYearScheduleDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<ReferenceResultDto> {
    return this.commandBus.execute(
      new LoadYearScheduleCommand(
        {
          year: body.year,
          holidays: body.holidays,
          workdays: body.workdays,
          ...(body.source !== undefined ? { source: body.source } : {}),
        },
        actor,
        request,
      ),
    );
  }
}
