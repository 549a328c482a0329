import { Client } from '@temporalio/client';
import { CheckpointStore, EventStore, LogFollower } from '@app/event-store';
import { IssueCommandService, ReferenceData } from '@app/issues';
import { appealDecisionFeed, ledgerOpeningFeed, streakFeed } from '@app/scoring';
import { calendarPublicationFeed, issueSignalFeed } from '@app/temporal';

export interface WorkerFeedsOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  client: Client;
  taskQueue: string;
  /** Checkpoint names are `<name>:issue`, `<name>:streak`, `<name>:calendar`, `<name>:organisation` and `<name>:appeal`. */
  name?: string;
  /** Server time minus domain time (see IssueWorkflowInput.clockOffsetMs). */
  clockOffsetMs?: number;
  reference?: ReferenceData;
  /** Issue workflows signalled at once (default 32). */
  maxConcurrentSignals?: number;
}

/**
 * What the worker follows in the log, each feed from its own checkpoint: issue events to their workflows, the
 * departments' feedback streaks, a loaded calendar to the issues with provisional periods, and a registered
 * department to its ledger, an overturned appeal to its ledger entry and streak recount.
 */
export function workerFeeds(options: WorkerFeedsOptions): LogFollower {
  const { store, client, taskQueue, clockOffsetMs = 0 } = options;
  const reference = options.reference ?? new ReferenceData(store);
  const commands = new IssueCommandService(store, () => reference.decisionContext());
  return new LogFollower({
    store,
    checkpoints: options.checkpoints,
    name: options.name ?? 'temporal-delivery',
    feeds: [
      issueSignalFeed({ client, taskQueue, clockOffsetMs, maxConcurrentSignals: options.maxConcurrentSignals }),
      streakFeed({ store, reference }),
      calendarPublicationFeed({ store, client, commands, clockOffsetMs }),
      ledgerOpeningFeed({ store, reference, now: () => Date.now() - clockOffsetMs }),
      appealDecisionFeed({ store, reference }),
    ],
  });
}
