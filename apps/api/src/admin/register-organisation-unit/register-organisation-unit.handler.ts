import { checkRegistration, foldOrganisation, REFERENCE_STREAMS, ReferenceEvent, toIso } from '@app/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReferenceWriter } from '../../engine/reference-writer';
import { ReferenceResultDto } from '../reference-result.dto';
import { RegisterOrganisationUnitCommand } from './register-organisation-unit.command';

@CommandHandler(RegisterOrganisationUnitCommand)
export class RegisterOrganisationUnitHandler implements ICommandHandler<RegisterOrganisationUnitCommand> {
  constructor(private readonly writer: ReferenceWriter) {}

  async execute(command: RegisterOrganisationUnitCommand): Promise<ReferenceResultDto> {
    const streamId = REFERENCE_STREAMS.organisation;
    const { revision, event } = await this.writer.append(streamId, command.actor, command.request, (events, now) => {
      const registered = registrationOf(command, toIso(now));
      checkRegistration(foldOrganisation(events), registered);
      return registered;
    });
    return { streamId, revision, appended: { type: event.type, data: { ...event.data } } };
  }
}

function registrationOf(command: RegisterOrganisationUnitCommand, at: string): ReferenceEvent {
  const { id, name } = command;
  switch (command.kind) {
    case 'street':
      return { type: 'StreetRegistered', data: { id, name, at } };
    case 'station':
      return { type: 'StationRegistered', data: { id, name, streetId: command.streetId ?? '', at } };
    case 'district-department':
      return { type: 'DistrictDepartmentRegistered', data: { id, name, at } };
    case 'city-department':
      return { type: 'CityDepartmentRegistered', data: { id, name, at } };
  }
}
