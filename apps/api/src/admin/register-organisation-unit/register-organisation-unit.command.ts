import { Command } from '@nestjs/cqrs';
import { Actor } from '../../auth/actor';
import { CommandRequest } from '../../engine/command-request';
import { ReferenceResultDto } from '../reference-result.dto';

export type UnitKind = 'street' | 'station' | 'district-department' | 'city-department';

export class RegisterOrganisationUnitCommand extends Command<ReferenceResultDto> {
  constructor(
    readonly kind: UnitKind,
    readonly id: string,
    readonly name: string,
    readonly streetId: string | undefined,
    readonly actor: Actor,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
