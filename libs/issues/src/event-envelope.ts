import {
  APPEAL_EVENT_SCHEMA_VERSIONS,
  AppealEvent,
  CIRCULAR_EVENT_SCHEMA_VERSIONS,
  CircularEvent,
  DEPARTMENT_EVENT_SCHEMA_VERSIONS,
  DEPARTMENT_EVENT_UPCASTERS,
  DepartmentEvent,
  ISSUE_EVENT_SCHEMA_VERSIONS,
  IssueEvent,
  MEETING_EVENT_SCHEMA_VERSIONS,
  MeetingEvent,
  REFERENCE_EVENT_SCHEMA_VERSIONS,
  REFERENCE_EVENT_UPCASTERS,
  ReferenceEvent,
  SURVEY_EVENT_SCHEMA_VERSIONS,
  SurveyEvent,
  upcast,
  Upcaster,
  WHAT_IF_EVENT_SCHEMA_VERSIONS,
  WHAT_IF_EVENT_UPCASTERS,
  WhatIfEvent,
} from '@app/domain';
import { NewEvent, RecordedEvent } from '@app/event-store';
import { v5 as uuidv5 } from 'uuid';

export type EngineEvent =
  IssueEvent | DepartmentEvent | ReferenceEvent | SurveyEvent | CircularEvent | MeetingEvent | AppealEvent | WhatIfEvent;

const CURRENT_VERSIONS: Record<string, number> = {
  ...ISSUE_EVENT_SCHEMA_VERSIONS,
  ...DEPARTMENT_EVENT_SCHEMA_VERSIONS,
  ...REFERENCE_EVENT_SCHEMA_VERSIONS,
  ...SURVEY_EVENT_SCHEMA_VERSIONS,
  ...CIRCULAR_EVENT_SCHEMA_VERSIONS,
  ...MEETING_EVENT_SCHEMA_VERSIONS,
  ...APPEAL_EVENT_SCHEMA_VERSIONS,
  ...WHAT_IF_EVENT_SCHEMA_VERSIONS,
};

/** One entry per payload change (see shared/upcast.ts). */
const UPCASTERS: Record<string, Upcaster> = { ...DEPARTMENT_EVENT_UPCASTERS, ...REFERENCE_EVENT_UPCASTERS, ...WHAT_IF_EVENT_UPCASTERS };

/** A fixed namespace for the engine's derived event ids (UUIDv5). */
export const ENGINE_ID_NAMESPACE = '6f1c7a52-3f0e-4b8e-9a43-2f6d1b0c9e11';

/** The id of an event derived from what caused it, so a retry writes the same id and the store ignores it. */
export function derivedEventId(cause: string): string {
  return uuidv5(cause, ENGINE_ID_NAMESPACE);
}

export function toNewEvent(event: EngineEvent, id: string, metadata: Record<string, unknown> = {}): NewEvent {
  return {
    id,
    type: event.type,
    schemaVersion: CURRENT_VERSIONS[event.type],
    data: event.data as unknown as Record<string, unknown>,
    metadata,
  };
}

/** Reads a stored event at the current schema version. */
export function toEngineEvent<E extends EngineEvent = EngineEvent>(recorded: Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data'>): E {
  return {
    type: recorded.type,
    data: upcast(recorded.type, recorded.schemaVersion, recorded.data, CURRENT_VERSIONS, UPCASTERS),
  } as E;
}

export function isIssueEventType(type: string): type is IssueEvent['type'] {
  return type in ISSUE_EVENT_SCHEMA_VERSIONS;
}
