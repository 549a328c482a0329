import { SHANGHAI, yearOf } from '@app/domain';
import { AccountabilityStreamReader } from '@app/read-models';
import { Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requireOwnUnit } from '../auth/scope';
import { Clock } from '../clock/clock';
import { DepartmentParams, StationParams } from '../issues/issue-dto';
import { ProblemException } from '../problems/problem.exception';
import { ReadRoute } from '../reads/read-route.decorator';
import { AppealListDto, AppealQuery, AttendanceRecordDto, MeetingListDto, PeriodQuery } from './accountability.dto';

const supervisor = { roles: ['supervisor' as const] };

/**
 * What issue #16 records, read from its streams (AccountabilityStreamReader): meetings and attendance (会议制度) and
 * appeals (申诉). A station reads its own meetings, a department its own attendance and appeals; supervisors all.
 */
@ApiTags('accountability')
@Controller({ version: '1' })
export class AccountabilityController {
  constructor(
    private readonly records: AccountabilityStreamReader,
    private readonly clock: Clock,
  ) {}

  @ReadRoute('stations/:stationId/meetings', {
    roles: ['station', 'supervisor'],
    summary: 'The meetings a station convened, held in the period, by date',
    type: MeetingListDto,
  })
  async stationMeetings(
    @Param() params: StationParams,
    @Query() query: PeriodQuery,
    @CurrentActor() actor: Actor,
  ): Promise<MeetingListDto> {
    requireOwnUnit(actor, params.stationId);
    return { items: await this.records.meetings({ convenor: params.stationId, ...this.period(query) }) };
  }

  @ReadRoute('supervision/meetings', {
    ...supervisor,
    summary: 'Every meeting recorded, held in the period, by date',
    type: MeetingListDto,
  })
  async meetings(@Query() query: PeriodQuery): Promise<MeetingListDto> {
    return { items: await this.records.meetings(this.period(query)) };
  }

  @ReadRoute('departments/:departmentId/attendance', {
    roles: ['department', 'supervisor'],
    summary: "A department's attendance at the meetings of a period (default: the current year): what a base-score decision cites",
    type: AttendanceRecordDto,
  })
  attendance(@Param() params: DepartmentParams, @Query() query: PeriodQuery, @CurrentActor() actor: Actor): Promise<AttendanceRecordDto> {
    requireOwnUnit(actor, params.departmentId);
    const { from, to } = this.period(query);
    return this.records.attendance(params.departmentId, from, to);
  }

  @ReadRoute('departments/:departmentId/appeals', {
    roles: ['department', 'supervisor'],
    summary: "A department's appeals and their decisions, in the order filed",
    type: AppealListDto,
  })
  async departmentAppeals(@Param() params: DepartmentParams, @CurrentActor() actor: Actor): Promise<AppealListDto> {
    requireOwnUnit(actor, params.departmentId);
    return { items: await this.records.appeals({ departmentId: params.departmentId }) };
  }

  @ReadRoute('supervision/appeals', {
    ...supervisor,
    summary: 'Appeals of deductions, in the order filed: status=open is the queue to decide',
    type: AppealListDto,
  })
  async appeals(@Query() query: AppealQuery): Promise<AppealListDto> {
    return { items: await this.records.appeals({ status: query.status, departmentId: query.departmentId }) };
  }

  /** The period asked for: by default the current year (Asia/Shanghai), or the year of `from`. */
  private period(query: PeriodQuery): { from: string; to: string } {
    const year = query.from !== undefined ? yearOf(query.from) : yearOf(SHANGHAI.localDate(this.clock.now()));
    const from = query.from ?? `${year}-01-01`;
    const to = query.to ?? `${year}-12-31`;
    if (to < from) {
      throw new ProblemException(400, 'VALIDATION', 'The request is not valid', 'to must not be before from', [
        { field: 'to', reason: 'must not be before from' },
      ]);
    }
    return { from, to };
  }
}
