import { toIso, type OrganisationChart, type Policy } from '@app/domain';
import type { ReferenceData } from '@app/issues';

export type PolicyVersionView = { version: number; effectiveFrom: string | null; policy: Policy };
export type CalendarYearView = { year: number; published: boolean; holidays: string[]; workdays: string[] };

/** The reference streams (organisation, calendar, policy) as every role may read them, folded as decisions see them. */
export class ReferenceReader {
  constructor(private readonly reference: ReferenceData) {}

  async organisation(): Promise<OrganisationChart> {
    return (await this.reference.snapshot()).chart;
  }

  /** Every policy version; the default one is in force from the beginning (effectiveFrom null). */
  async policyVersions(): Promise<PolicyVersionView[]> {
    return (await this.reference.policy()).list().map((v) => ({
      version: v.version,
      effectiveFrom: Number.isFinite(v.effectiveFrom) ? toIso(v.effectiveFrom) : null,
      policy: { ...v.policy },
    }));
  }

  async calendarYear(year: number): Promise<CalendarYearView> {
    const schedule = (await this.reference.snapshot()).calendar.scheduleOf(year);
    return { year, published: schedule !== undefined, holidays: schedule?.holidays ?? [], workdays: schedule?.workdays ?? [] };
  }
}
