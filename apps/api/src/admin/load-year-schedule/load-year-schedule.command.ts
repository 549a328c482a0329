import { YearSchedule } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import { Actor } from '../../auth/actor';
import { CommandRequest } from '../../engine/command-request';
import { ReferenceResultDto } from '../reference-result.dto';

export class LoadYearScheduleCommand extends Command<ReferenceResultDto> {
  constructor(
    readonly schedule: YearSchedule,
    readonly actor: Actor,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
