// One durable workflow per issue (id issue-<issueId>). Deterministic: it imports only @temporalio/workflow, pure
// libs/domain code by relative path (the bundler ignores tsconfig paths) and activity types.
import {
  condition,
  continueAsNew,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { defineSearchAttributeKey } from '@temporalio/common';
import type { IssueActivities } from '../libs/temporal/src/worker/issue.activities';
import { hasProvisionalPeriod, nextDueInstant } from '../libs/domain/src/issue/issue.decide';
import { evolve, IssueState } from '../libs/domain/src/issue/issue.state';
import { toIso } from '../libs/domain/src/time/instant';
import {
  calendarPublishedSignal,
  clockOffsetSignal,
  DeliveredIssueEvent,
  issueEventsSignal,
  issueStateQuery,
  IssueWorkflowInput,
  ScoringWork,
} from '../libs/temporal/src/workflow.contract';

// Each activity is a few reads and one append, run inside the workflow task: no activity task round trip through
// the server per tick or ledger step. Each is idempotent (derived ids, causation ids), so re-running one after a
// crash before its marker was stored is harmless; a short timeout lets a crashed worker's attempt be retried soon.
// Feedback streaks are not the workflow's: FeedbackStreakTracker reads every issue's deadline events in the store's
// global order. A tick's or a recomputation's own events are folded from the activity's result at once (the
// issue signal feed brings them again later, and they are dropped then).
const activities = proxyLocalActivities<IssueActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Events folded in one run before it continues as new, even if the server has not suggested it yet. */
const EVENTS_PER_RUN = 500;


/** Registered on the dev server by infra/local (IssueId, IssueLevel, IssueStatus Keyword; Departments KeywordList). */
export const ISSUE_SEARCH_ATTRIBUTES = {
  issueId: defineSearchAttributeKey('IssueId', 'KEYWORD'),
  level: defineSearchAttributeKey('IssueLevel', 'KEYWORD'),
  status: defineSearchAttributeKey('IssueStatus', 'KEYWORD'),
  departments: defineSearchAttributeKey('Departments', 'KEYWORD_LIST'),
};

export async function issueWorkflow(input: IssueWorkflowInput): Promise<IssueState> {
  const carried = input.carried;
  let clockOffsetMs = input.clockOffsetMs ?? 0;
  let state: IssueState = carried?.state ?? null;
  let lastRevision = carried?.lastRevision ?? -1;
  const buffered = new Map<number, DeliveredIssueEvent>((carried?.buffered ?? []).map((d) => [d.revision, d]));
  const work: ScoringWork[] = [...(carried?.work ?? [])];
  const recomputeRequests: string[] = [...(carried?.recomputeRequests ?? [])];
  let tickedDue: number | null = carried?.tickedDue ?? null;
  let foldedThisRun = 0;
  let attributesDirty = true;

  const domainNow = () => Date.now() - clockOffsetMs;
  const due = () => (state === null ? undefined : nextDueInstant(state));

  const fold = (delivered: DeliveredIssueEvent) => {
    const before = state;
    state = evolve(state, delivered.event);
    lastRevision = delivered.revision;
    foldedThisRun += 1;
    attributesDirty = true;
    const type = delivered.event.type;
    if (type === 'FeedbackDeadlineMissed' || (type === 'ClosingConfirmed' && before?.whistle)) {
      work.push({ eventId: delivered.eventId, revision: delivered.revision });
    }
  };

  // Events are folded in revision order; a duplicate (redelivery after a crash) or an old revision is ignored.
  const receive = (delivered: DeliveredIssueEvent) => {
    if (delivered.revision <= lastRevision || buffered.has(delivered.revision)) return;
    buffered.set(delivered.revision, delivered);
    for (let next = buffered.get(lastRevision + 1); next !== undefined; next = buffered.get(lastRevision + 1)) {
      buffered.delete(next.revision);
      fold(next);
    }
  };
  setHandler(issueEventsSignal, (batch) => batch.forEach(receive));
  setHandler(calendarPublishedSignal, ({ calendarEventId }) => {
    if (!recomputeRequests.includes(calendarEventId)) recomputeRequests.push(calendarEventId);
  });
  setHandler(clockOffsetSignal, (signal) => {
    clockOffsetMs = signal.clockOffsetMs;
  });
  setHandler(issueStateQuery, () => {
    const next = due();
    return {
      issueId: input.issueId,
      state,
      lastRevision,
      pendingWork: work.length + buffered.size + recomputeRequests.length,
      nextDue: next === undefined ? null : toIso(next),
      clockOffsetMs,
    };
  });

  const hasProvisional = () => state !== null && hasProvisionalPeriod(state);
  const somethingToDo = () => work.length > 0 || recomputeRequests.length > 0 || (due() !== undefined && due() !== tickedDue);

  for (;;) {
    const item = work[0];
    if (item !== undefined) {
      await activities.recordLedgerEntries({ issueId: input.issueId, eventId: item.eventId, revision: item.revision });
      work.shift();
      continue;
    }
    const calendarEventId = recomputeRequests[0];
    if (calendarEventId !== undefined) {
      if (hasProvisional()) {
        const recomputed = await activities.recomputeProvisionalDeadlines({
          issueId: input.issueId,
          calendarEventId,
          at: toIso(domainNow()),
        });
        recomputed.forEach(receive);
      }
      recomputeRequests.shift();
      continue;
    }
    if (attributesDirty && state !== null) {
      upsertSearchAttributes([
        { key: ISSUE_SEARCH_ATTRIBUTES.issueId, value: state.issueId },
        { key: ISSUE_SEARCH_ATTRIBUTES.level, value: state.level },
        { key: ISSUE_SEARCH_ATTRIBUTES.status, value: state.status },
        { key: ISSUE_SEARCH_ATTRIBUTES.departments, value: state.departments.map((d) => d.departmentId) },
      ]);
      attributesDirty = false;
    }
    // Closed is final (no rule lets a closed issue change), and closing cancelled every pending deadline.
    if (state?.status === 'closed' && buffered.size === 0) return state;
    if (workflowInfo().continueAsNewSuggested || foldedThisRun >= EVENTS_PER_RUN) {
      await continueAsNew<typeof issueWorkflow>({
        issueId: input.issueId,
        clockOffsetMs,
        carried: { state, lastRevision, buffered: [...buffered.values()], work, recomputeRequests, tickedDue },
      });
    }
    const dueAt = due();
    if (dueAt !== undefined && dueAt !== tickedDue) {
      // One timer, to the next due instant in domain time; anything that changes the answer wakes us first.
      const wait = dueAt - domainNow();
      if (wait > 0 && (await condition(() => work.length > 0 || recomputeRequests.length > 0 || due() !== dueAt, wait))) continue;
      const ticked = await activities.tickIssue({ issueId: input.issueId, due: toIso(dueAt) });
      ticked.forEach(receive);
      // Its events are folded now (buffered, if earlier ones are still on their way); this due instant is not ticked again.
      tickedDue = dueAt;
      continue;
    }
    await condition(somethingToDo);
  }
}
