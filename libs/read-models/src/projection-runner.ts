import type { CheckpointStore, EventStore, RecordedEvent, SubscriptionHandle } from '@app/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection';

const CATCH_UP_PAGE_SIZE = 1000;
const RESUBSCRIBE_DELAY_MS = 1000;

export type ProjectionRunnerOptions = {
  dataSource: DataSource;
  eventStore: EventStore;
  checkpoints: CheckpointStore;
  projections: readonly Projection[];
  onError?: (projection: string, error: unknown) => void;
};

/**
 * Applies events to a projection in one transaction together with its checkpoint. The transaction first takes a
 * lock named after the projection and re-reads the checkpoint, so an event already applied (by a process that
 * crashed after committing, or by a second runner) is skipped, never applied twice.
 */
export async function applyToProjection(
  { dataSource, checkpoints }: Pick<ProjectionRunnerOptions, 'dataSource' | 'checkpoints'>,
  projection: Projection,
  events: readonly RecordedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await dataSource.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [projection.name]);
    const checkpoint = await checkpoints.load(projection.name, tx);
    for (const event of events) {
      if (checkpoint === undefined || event.globalPosition > checkpoint) await projection.apply(event, tx);
    }
    const last = events[events.length - 1].globalPosition;
    if (checkpoint === undefined || last > checkpoint) await checkpoints.save(projection.name, last, tx);
  });
}

/** Runs every projection as its own checkpointed subscription over the global log. */
export class ProjectionRunner {
  private readonly handles = new Map<string, SubscriptionHandle>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: ProjectionRunnerOptions) {}

  /** Catches every projection up to the end of the log in pages (one transaction per page), e.g. for a rebuild. */
  async catchUp(): Promise<void> {
    const { eventStore, checkpoints, projections } = this.options;
    const positions = await Promise.all(projections.map(async (projection) => (await checkpoints.load(projection.name)) ?? 0n));
    let from = positions.reduce((min, position) => (position < min ? position : min), positions[0] ?? 0n);
    for (;;) {
      const page = await eventStore.readAll({ fromPosition: from, maxCount: CATCH_UP_PAGE_SIZE });
      if (page.length === 0) return;
      for (const projection of projections) await applyToProjection(this.options, projection, page);
      from = page[page.length - 1].globalPosition;
    }
  }

  async start(): Promise<void> {
    this.stopped = false;
    for (const projection of this.options.projections) await this.subscribe(projection);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const retry of this.retries) clearTimeout(retry);
    this.retries.clear();
    await Promise.all([...this.handles.values()].map((handle) => handle.stop()));
    this.handles.clear();
  }

  private async subscribe(projection: Projection): Promise<void> {
    const fromPosition = await this.options.checkpoints.load(projection.name);
    const handle = this.options.eventStore.subscribeToAll({
      fromPosition,
      onEvent: (event) => applyToProjection(this.options, projection, [event]),
    });
    this.handles.set(projection.name, handle);
    handle.done.catch((error: unknown) => {
      this.options.onError?.(projection.name, error);
      if (this.stopped) return;
      // A failed event is retried from the saved checkpoint after a pause (database restart, deploy).
      const retry = setTimeout(() => {
        this.retries.delete(retry);
        if (!this.stopped) void this.subscribe(projection).catch((failure: unknown) => this.options.onError?.(projection.name, failure));
      }, RESUBSCRIBE_DELAY_MS);
      this.retries.add(retry);
    });
  }
}
