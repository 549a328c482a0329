import { Module } from '@nestjs/common';
import { AdoptPolicyVersionController } from './adopt-policy-version/adopt-policy-version.controller';
import { AdoptPolicyVersionHandler } from './adopt-policy-version/adopt-policy-version.handler';
import { CalendarYearController } from './calendar-year/calendar-year.controller';
import { CalendarYearHandler } from './calendar-year/calendar-year.handler';
import { LoadYearScheduleController } from './load-year-schedule/load-year-schedule.controller';
import { LoadYearScheduleHandler } from './load-year-schedule/load-year-schedule.handler';
import { OrganisationController } from './organisation/organisation.controller';
import { OrganisationHandler } from './organisation/organisation.handler';
import { PolicyVersionsController } from './policy-versions/policy-versions.controller';
import { PolicyVersionsHandler } from './policy-versions/policy-versions.handler';
import { RegisterOrganisationUnitController } from './register-organisation-unit/register-organisation-unit.controller';
import { RegisterOrganisationUnitHandler } from './register-organisation-unit/register-organisation-unit.handler';

@Module({
  controllers: [
    AdoptPolicyVersionController,
    CalendarYearController,
    LoadYearScheduleController,
    OrganisationController,
    PolicyVersionsController,
    RegisterOrganisationUnitController,
  ],
  providers: [
    AdoptPolicyVersionHandler,
    CalendarYearHandler,
    LoadYearScheduleHandler,
    OrganisationHandler,
    PolicyVersionsHandler,
    RegisterOrganisationUnitHandler,
  ],
})
export class AdminModule {}
