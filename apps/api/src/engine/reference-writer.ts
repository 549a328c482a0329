import { EpochMs, ReferenceEvent } from '@app/domain';
import { EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { derivedEventId, ReferenceData, toNewEvent } from '@app/issues';
import { Injectable } from '@nestjs/common';
import { Actor, auditActor } from '../auth/actor';
import { Clock } from '../clock/clock';
import { CommandRequest } from './command-request';

const MAX_ATTEMPTS = 5;

/**
 * Appends one reference event (organisation, calendar, policy) after checking it against the stream as it
 * is now; a concurrent writer makes it check again from the fresh stream.
 */
@Injectable()
export class ReferenceWriter {
  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
    private readonly clock: Clock,
  ) {}

  now(): EpochMs {
    return this.clock.now();
  }

  async append(
    streamId: string,
    actor: Actor,
    request: CommandRequest,
    decide: (events: ReferenceEvent[], now: EpochMs) => ReferenceEvent,
  ): Promise<{ revision: number; event: ReferenceEvent }> {
    for (let attempt = 1; ; attempt += 1) {
      const recorded = await this.store.readStream(streamId);
      const revision = recorded.length === 0 ? undefined : recorded[recorded.length - 1].revision;
      if (request.expectedRevision !== undefined && request.expectedRevision !== revision) {
        throw new WrongExpectedRevisionError(streamId, request.expectedRevision, revision ?? 'no_stream');
      }
      const event = decide(await this.reference.read(streamId), this.clock.now());
      const metadata = { causationId: request.causationId, actor: auditActor(actor), command: event.type };
      try {
        const result = await this.store.appendToStream(
          streamId,
          [toNewEvent(event, derivedEventId(`${request.causationId}/0`), metadata)],
          {
            expectedRevision: revision === undefined ? 'no_stream' : revision,
          },
        );
        return { revision: result.nextExpectedRevision, event };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || request.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS)
          throw error;
      }
    }
  }
}
