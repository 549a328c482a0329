import { Module } from '@nestjs/common';
import { AdoptPolicyVersionController } from './adopt-policy-version/adopt-policy-version.controller';
import { AdoptPolicyVersionHandler } from './adopt-policy-version/adopt-policy-version.handler';
import { LoadYearScheduleController } from './load-year-schedule/load-year-schedule.controller';
import { LoadYearScheduleHandler } from './load-year-schedule/load-year-schedule.handler';
import { ReferenceDataController } from './reference-data.controller';
import { RegisterOrganisationUnitController } from './register-organisation-unit/register-organisation-unit.controller';
import { RegisterOrganisationUnitHandler } from './register-organisation-unit/register-organisation-unit.handler';

@Module({
  controllers: [AdoptPolicyVersionController, LoadYearScheduleController, ReferenceDataController, RegisterOrganisationUnitController],
  providers: [AdoptPolicyVersionHandler, LoadYearScheduleHandler, RegisterOrganisationUnitHandler],
})
export class AdminModule {}
