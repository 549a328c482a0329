import {
  AdjustBase,
  AppealCommand,
  AppealEvent,
  appealStreamOf,
  decideAppeal,
  decideBaseAdjustment,
  decideMeeting,
  DepartmentEvent,
  foldAppeal,
  foldIssue,
  foldMeeting,
  IssueEvent,
  issueStreamOf,
  LedgerEntry,
  ledgerEntriesOf,
  ledgerEntryRecorded,
  ledgerStreamOf,
  MeetingEvent,
  meetingStreamOf,
  RecordMeeting,
  yearOf,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import { decideAndAppend, requirePinnedRevision } from './decide-and-append';
import { derivedEventId, EngineEvent, toEngineEvent, toNewEvent } from './event-envelope';
import { ReferenceData } from './reference-data';

/** Who asks and why, as every accountability command records it (see ExecuteOptions of the issue commands). */
export interface AccountabilityOptions {
  causationId: string;
  actor: { role: string; id?: string };
  /** The revision of the command's stream the caller saw; another is a conflict (HTTP 409). */
  expectedRevision?: number;
}

/** What a command stored: its stream, the stream's new revision and the event. */
export interface AccountabilityResult<E extends EngineEvent> {
  streamId: string;
  revision: number;
  event: E;
}

/**
 * The write side of issue #16: a meeting recorded (`meeting-<id>`), a base-score decision (`ledger-<dept>-<year>`), an
 * appeal filed or decided (`appeal-<deadlineId>`). Each loads its stream, decides with libs/domain and appends one
 * event at the revision read (decideAndAppend); a refusal throws and nothing is written.
 */
export class AccountabilityCommands {
  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
  ) {}

  async recordMeeting(command: RecordMeeting, options: AccountabilityOptions): Promise<AccountabilityResult<MeetingEvent>> {
    const context = await this.reference.decisionContext();
    return this.appendOne(meetingStreamOf(command.meetingId), command.type, options, (events) => {
      const [event] = decideMeeting(command, foldMeeting(events.map((e) => toEngineEvent<MeetingEvent>(e))), context);
      return event;
    });
  }

  /** A base-score decision, decided on the department's ledger of the year as it is stored (its revision guards the count). */
  async adjustBase(command: AdjustBase, options: AccountabilityOptions): Promise<AccountabilityResult<DepartmentEvent>> {
    const context = await this.reference.decisionContext();
    return this.appendOne(ledgerStreamOf(command.departmentId, command.year), command.type, options, (events) => {
      const ledger = ledgerEntriesOf(events.map((e) => toEngineEvent<DepartmentEvent>(e)));
      return ledgerEntryRecorded(decideBaseAdjustment(command, ledger, context), undefined);
    });
  }

  /** An appeal filed or decided; the deadline is read from its issue's stream and its deduction from the ledger. */
  async appeal(deadlineId: string, command: AppealCommand, options: AccountabilityOptions): Promise<AccountabilityResult<AppealEvent>> {
    const context = await this.reference.decisionContext();
    const found = command.type === 'FileAppeal' ? await this.deadlineOf(command.issueId, deadlineId) : undefined;
    return this.appendOne(appealStreamOf(deadlineId), command.type, options, (events) => {
      const [event] = decideAppeal(command, foldAppeal(events.map((e) => toEngineEvent<AppealEvent>(e))), {
        ...context,
        deadlineOf: (issueId, id) =>
          command.type === 'FileAppeal' && issueId === command.issueId && id === deadlineId ? found : undefined,
      });
      return event;
    });
  }

  private async deadlineOf(issueId: string, deadlineId: string) {
    const issue = foldIssue((await this.store.readStream(issueStreamOf(issueId))).map((e) => toEngineEvent<IssueEvent>(e)));
    const deadline = issue?.deadlines.find((d) => d.deadlineId === deadlineId);
    if (deadline === undefined) return undefined;
    const ledger = await this.store.readStream(ledgerStreamOf(deadline.departmentId, yearOf(deadline.lastDay)));
    const deduction: LedgerEntry | undefined = ledgerEntriesOf(ledger.map((e) => toEngineEvent<DepartmentEvent>(e))).find(
      (e) => e.reason === 'feedback-missed' && e.deadlineId === deadlineId,
    );
    return { deadline, ...(deduction !== undefined ? { deduction } : {}) };
  }

  private appendOne<E extends EngineEvent>(
    streamId: string,
    command: string,
    options: AccountabilityOptions,
    decide: (events: Awaited<ReturnType<EventStore['readStream']>>) => E,
  ): Promise<AccountabilityResult<E>> {
    return decideAndAppend(this.store, streamId, options.expectedRevision, ({ events, revision }) => {
      // Executed before (a retry whose answer was lost): answer with what that execution stored.
      const earlier = events.find((e) => e.metadata.causationId === options.causationId);
      if (earlier !== undefined)
        return { append: false, answer: { streamId, revision: earlier.revision, event: toEngineEvent<E>(earlier) } };
      requirePinnedRevision(streamId, options.expectedRevision, revision ?? 'no_stream');
      const event = decide(events);
      const metadata = { causationId: options.causationId, actor: options.actor, command };
      return {
        append: true,
        events: [toNewEvent(event, derivedEventId(`${options.causationId}/0`), metadata)],
        answer: (next) => ({ streamId, revision: next, event }),
      };
    });
  }
}
