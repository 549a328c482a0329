import { Command } from '@nestjs/cqrs';
import { CommandRequest } from '../../engine/command-request';
import { ProvisionalReconciliationStartedDto } from './start-provisional-reconciliation.dto';

export class StartProvisionalReconciliationCommand extends Command<ProvisionalReconciliationStartedDto> {
  constructor(
    readonly year: number,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
