import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { requireOwnUnit } from '../../auth/scope';
import { UNIT_ID } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { LedgerDto } from './department-ledger.dto';
import { DepartmentLedgerQuery } from './department-ledger.query';
import { RecordedRead } from '../../access-log/recorded-read.decorator';

export class LedgerParams {
  @ApiProperty({ example: 'cg', pattern: UNIT_ID.source })
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -' })
  departmentId!: string;

  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

@ApiTags('supervision')
@Controller({ path: 'supervision/departments', version: '1' })
export class DepartmentLedgerController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':departmentId/ledger/:year')
  @Roles('department', 'supervisor')
  @RecordedRead('ledger')
  @ApiOperation({
    summary: "A department's points ledger for a year, with its hash chain checked",
    description: 'A supervisor reads any department; a department head only their own (another department: 403).',
  })
  @ApiOkResponse({ type: LedgerDto })
  @ApiProblems()
  ledger(@Param() params: LedgerParams, @CurrentActor() actor: Actor): Promise<LedgerDto> {
    requireOwnUnit(actor, params.departmentId);
    return this.queryBus.execute(new DepartmentLedgerQuery(params.departmentId, params.year));
  }
}
