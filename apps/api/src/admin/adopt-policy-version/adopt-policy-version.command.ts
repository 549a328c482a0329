import { Command } from '@nestjs/cqrs';
import { Actor } from '../../auth/actor';
import { CommandRequest } from '../../engine/command-request';
import { ReferenceResultDto } from '../reference-result.dto';

export class AdoptPolicyVersionCommand extends Command<ReferenceResultDto> {
  constructor(
    readonly effectiveFrom: number,
    readonly overrides: Record<string, unknown>,
    readonly actor: Actor,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
