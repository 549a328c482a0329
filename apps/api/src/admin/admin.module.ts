import { Module } from '@nestjs/common';
import { REFERENCE_COMMANDS, referenceCommandController } from './reference-commands';
import { ReferenceDataController } from './reference-data.controller';

/** The reference data: what an admin records (organisation, policy, calendar) and what every role may read of it. */
@Module({ controllers: [...REFERENCE_COMMANDS.map(referenceCommandController), ReferenceDataController] })
export class AdminModule {}
