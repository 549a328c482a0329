import { ReferenceReader } from '@app/read-models';
import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ROLES } from '../auth/actor';
import { ReadRoute } from '../reads/read-route.decorator';
import { YearParams } from '../supervision/dto/year-params.dto';
import { CalendarYearDto, OrganisationDto, PolicyVersionListDto } from './reference-data.dto';

const everyRole = { roles: [...ROLES] };

/** The reference data every role may read: the organisation chart, the policy versions, a year's calendar. */
@ApiTags('admin')
@Controller({ version: '1' })
export class ReferenceDataController {
  constructor(private readonly reference: ReferenceReader) {}

  @ReadRoute('organisation', {
    ...everyRole,
    summary: 'The organisation chart: streets, stations, district and city departments (every role may read it)',
    type: OrganisationDto,
  })
  organisation(): Promise<OrganisationDto> {
    return this.reference.organisation();
  }

  @ReadRoute('policy/versions', {
    ...everyRole,
    summary: 'Every policy version and when it took effect (every role may read it)',
    type: PolicyVersionListDto,
  })
  async policyVersions(): Promise<PolicyVersionListDto> {
    return { versions: await this.reference.policyVersions() };
  }

  @ReadRoute('calendar/years/:year', {
    ...everyRole,
    summary: "A year's working-day schedule as the engine uses it (every role may read it)",
    type: CalendarYearDto,
  })
  calendarYear(@Param() params: YearParams): Promise<CalendarYearDto> {
    return this.reference.calendarYear(params.year);
  }
}
