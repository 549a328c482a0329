import { EpochMs, ReferenceEvent } from '@app/domain';
import { EventStore } from '@app/event-store';
import { decideAndAppend, derivedEventId, requirePinnedRevision, toEngineEvent, toNewEvent } from '@app/issues';
import { Injectable } from '@nestjs/common';
import { Actor, auditActor } from '../auth/actor';
import { Clock } from '../clock/clock';
import { CommandRequest } from './command-request';

/**
 * Appends one reference event (organisation, calendar, policy) after checking it against the stream as it
 * is now; a concurrent writer makes it check again from the fresh stream.
 */
@Injectable()
export class ReferenceWriter {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async append(
    streamId: string,
    actor: Actor,
    request: CommandRequest,
    decide: (events: ReferenceEvent[], now: EpochMs) => ReferenceEvent,
  ): Promise<{ revision: number; event: ReferenceEvent }> {
    return decideAndAppend(this.store, streamId, request.expectedRevision, ({ events, revision }) => {
      requirePinnedRevision(streamId, request.expectedRevision, revision ?? 'no_stream');
      const event = decide(
        events.map((e) => toEngineEvent<ReferenceEvent>(e)),
        this.clock.now(),
      );
      const metadata = { causationId: request.causationId, actor: auditActor(actor), command: event.type };
      return {
        append: true,
        events: [toNewEvent(event, derivedEventId(`${request.causationId}/0`), metadata)],
        answer: (next) => ({ revision: next, event }),
      };
    });
  }
}
