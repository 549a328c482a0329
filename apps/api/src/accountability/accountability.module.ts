import { Module } from '@nestjs/common';
import { ACCOUNTABILITY_COMMANDS } from './accountability-commands';
import { AccountabilityController } from './accountability.controller';

/** Meetings and attendance, base-score decisions, appeals (issue #16): their commands and reads. */
@Module({ controllers: [...ACCOUNTABILITY_COMMANDS, AccountabilityController] })
export class AccountabilityModule {}
