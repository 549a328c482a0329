import type { RecordedEvent } from '@app/event-store';
import { issueIdOfStream } from '@app/issues';
import type { EntityManager } from 'typeorm';

/**
 * A read model kept from the global log. `apply` turns one event into row changes through the transaction it is
 * given; the runner commits them together with the projection's checkpoint, so an event is applied whole or not
 * at all. Events a projection does not care about are simply ignored by `apply`.
 */
export interface Projection {
  /** The checkpoint name, unique per projection. */
  readonly name: string;
  /** Tables the projection owns (entity classes), dropped and rebuilt with it. */
  readonly entities: readonly (new () => object)[];
  apply(event: RecordedEvent, tx: EntityManager): Promise<void>;
}

/** `issue-<id>` → `<id>`; undefined for any other stream. */
export function issueIdOf(event: Pick<RecordedEvent, 'streamId'>): string | undefined {
  return issueIdOfStream(event.streamId);
}
