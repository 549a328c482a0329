import { DEFAULT_POLICY, foldPolicy, REFERENCE_STREAMS, resolvePolicy, toIso } from '@app/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReferenceWriter } from '../../engine/reference-writer';
import { ReferenceResultDto } from '../reference-result.dto';
import { AdoptPolicyVersionCommand } from './adopt-policy-version.command';

/** A new policy version: validated, and (PolicyBook.adopt) never in force before now or before the newest one. */
@CommandHandler(AdoptPolicyVersionCommand)
export class AdoptPolicyVersionHandler implements ICommandHandler<AdoptPolicyVersionCommand> {
  constructor(private readonly writer: ReferenceWriter) {}

  async execute(command: AdoptPolicyVersionCommand): Promise<ReferenceResultDto> {
    const policy = resolvePolicy(command.overrides);
    const streamId = REFERENCE_STREAMS.policy;
    const { revision, event } = await this.writer.append(streamId, command.actor, command.request, (events, now) => {
      const adopted = foldPolicy(events, DEFAULT_POLICY).adopt(policy, command.effectiveFrom, now).list();
      const latest = adopted[adopted.length - 1];
      return {
        type: 'PolicyVersionAdopted',
        data: { version: latest.version, effectiveFrom: toIso(latest.effectiveFrom), policy, at: toIso(now) },
      };
    });
    return { streamId, revision, appended: { type: event.type, data: { ...event.data } } };
  }
}
