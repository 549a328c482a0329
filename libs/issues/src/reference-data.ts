import {
  DecisionContext,
  DEFAULT_POLICY,
  foldCalendar,
  foldOrganisation,
  foldPolicy,
  OrganisationChart,
  organisationOf,
  Policy,
  REFERENCE_STREAMS,
  ReferenceEvent,
  SHANGHAI,
  TimeZone,
  WorkingDayCalendar,
  PolicyBook,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import { toEngineEvent } from './event-envelope';

export interface ReferenceSnapshot {
  chart: OrganisationChart;
  calendar: WorkingDayCalendar;
  policy: PolicyBook;
  zone: TimeZone;
}

/**
 * Reads the organisation, calendar and policy streams and gives the context every decision needs.
 * They are small streams; they are read again for each decision so no process decides on stale rules.
 */
export class ReferenceData {
  constructor(
    private readonly store: EventStore,
    private readonly initialPolicy: Policy = DEFAULT_POLICY,
    private readonly zone: TimeZone = SHANGHAI,
  ) {}

  async snapshot(): Promise<ReferenceSnapshot> {
    const [organisation, calendar, policy] = await Promise.all([
      this.read(REFERENCE_STREAMS.organisation),
      this.read(REFERENCE_STREAMS.calendar),
      this.read(REFERENCE_STREAMS.policy),
    ]);
    return {
      chart: foldOrganisation(organisation),
      calendar: foldCalendar(calendar),
      policy: foldPolicy(policy, this.initialPolicy),
      zone: this.zone,
    };
  }

  /** The policy versions alone: one stream read, for callers that need no organisation or calendar. */
  async policy(): Promise<ReferenceSnapshot['policy']> {
    return foldPolicy(await this.read(REFERENCE_STREAMS.policy), this.initialPolicy);
  }

  async decisionContext(): Promise<DecisionContext> {
    const snapshot = await this.snapshot();
    return { policy: snapshot.policy, calendar: snapshot.calendar, zone: snapshot.zone, organisation: organisationOf(snapshot.chart) };
  }

  async read(streamId: string): Promise<ReferenceEvent[]> {
    const recorded = await this.store.readStream(streamId);
    return recorded.map((e) => toEngineEvent<ReferenceEvent>(e));
  }
}
