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

type ReferenceStream = keyof typeof REFERENCE_STREAMS;

/** What this process has read of one reference stream: its events, and the revision of the last one (-1: none). */
interface ReadStream {
  events: ReferenceEvent[];
  revision: number;
}

/**
 * The organisation, calendar and policy streams, and the context every decision needs, kept in memory and brought
 * up to date on every call: each call first reads what the three streams gained since this process last read them
 * (one query, usually answering nothing), and folds again only a stream that changed. So a call sees every
 * reference event committed before it began, whichever process appended it — the same as reading the streams
 * whole — and no decision is taken on stale rules.
 */
export class ReferenceData {
  private readonly streams = new Map<ReferenceStream, ReadStream>(
    Object.keys(REFERENCE_STREAMS).map((name) => [name as ReferenceStream, { events: [], revision: -1 }]),
  );
  private folded: { snapshot: ReferenceSnapshot; context: DecisionContext } | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly initialPolicy: Policy = DEFAULT_POLICY,
    private readonly zone: TimeZone = SHANGHAI,
  ) {}

  async snapshot(): Promise<ReferenceSnapshot> {
    return (await this.current()).snapshot;
  }

  async policy(): Promise<ReferenceSnapshot['policy']> {
    return (await this.current()).snapshot.policy;
  }

  async decisionContext(): Promise<DecisionContext> {
    return (await this.current()).context;
  }

  private async current(): Promise<{ snapshot: ReferenceSnapshot; context: DecisionContext }> {
    const names = [...this.streams.keys()];
    const gained = await this.store.readStreamsAfter(
      new Map(names.map((name) => [REFERENCE_STREAMS[name], this.streams.get(name)!.revision])),
    );
    let changed = this.folded === undefined;
    for (const name of names) {
      const known = this.streams.get(name)!;
      // A concurrent call may have taken in some of these already: keep each revision once, in order.
      const fresh = gained.get(REFERENCE_STREAMS[name])!.filter((event) => event.revision > known.revision);
      if (fresh.length === 0) continue;
      this.streams.set(name, {
        events: [...known.events, ...fresh.map((event) => toEngineEvent<ReferenceEvent>(event))],
        revision: fresh[fresh.length - 1].revision,
      });
      changed = true;
    }
    if (changed) this.folded = this.fold();
    return this.folded!;
  }

  private fold(): { snapshot: ReferenceSnapshot; context: DecisionContext } {
    const events = (name: ReferenceStream) => this.streams.get(name)!.events;
    const snapshot: ReferenceSnapshot = {
      chart: foldOrganisation(events('organisation')),
      calendar: foldCalendar(events('calendar')),
      policy: foldPolicy(events('policy'), this.initialPolicy),
      zone: this.zone,
    };
    const context = { policy: snapshot.policy, calendar: snapshot.calendar, zone: snapshot.zone, organisation: organisationOf(snapshot.chart) };
    return { snapshot, context };
  }
}
