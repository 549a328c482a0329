import { toIso } from '@app/domain';
import { ReferenceData } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PolicyVersionListDto } from '../adopt-policy-version/adopt-policy-version.dto';
import { PolicyVersionsQuery } from './policy-versions.query';

@QueryHandler(PolicyVersionsQuery)
export class PolicyVersionsHandler implements IQueryHandler<PolicyVersionsQuery> {
  constructor(private readonly reference: ReferenceData) {}

  async execute(): Promise<PolicyVersionListDto> {
    const versions = (await this.reference.snapshot()).policy.list();
    return {
      versions: versions.map((v) => ({
        version: v.version,
        effectiveFrom: Number.isFinite(v.effectiveFrom) ? toIso(v.effectiveFrom) : null,
        policy: { ...v.policy },
      })),
    };
  }
}
