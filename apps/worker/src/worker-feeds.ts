import { Client } from '@temporalio/client';
import { CheckpointStore, EventStore, LeasedWork, leasedWork, LogFeed, LogFollower } from '@app/event-store';
import { IssueCommandService, ReferenceData } from '@app/issues';
import { appealDecisionFeed, ledgerOpeningFeed, streakFeed } from '@app/scoring';
import { calendarPublicationFeed, issueSignalFeed } from '@app/temporal';

export interface WorkerFeedsOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  client: Client;
  taskQueue: string;
  /**
   * Checkpoint names are `<name>:issue` (`<name>:issue/<i>-of-<n>` for each delivery partition), `<name>:streak`,
   * `<name>:calendar`, `<name>:organisation` and `<name>:appeal`.
   */
  name?: string;
  /** Server time minus domain time (see IssueWorkflowInput.clockOffsetMs). */
  clockOffsetMs?: number;
  reference?: ReferenceData;
  /** Issue workflows signalled at once, per delivery partition (default 32). */
  maxConcurrentSignals?: number;
  /** Partitions of the delivery of issue events, by issue (default 1: one feed delivers every issue). */
  deliveryPartitions?: number;
}

/** A feed as the leases share it out: its consumer built afresh each time a process takes it (no cache outlives a lease). */
interface WorkerFeed {
  key: string;
  /** `delivery`: the partitions of the issue delivery; `feeds`: the feeds that run whole, one process each. */
  group: 'delivery' | 'feeds';
  build(): LogFeed;
}

/**
 * What the worker follows in the log, each feed from its own checkpoint: issue events to their workflows (in
 * `deliveryPartitions` partitions by issue), the departments' feedback streaks, a loaded calendar to the issues with
 * provisional periods, a registered department to its ledger, an overturned appeal to its ledger entry and streak
 * recount.
 */
function feedsOf(options: WorkerFeedsOptions): WorkerFeed[] {
  const { store, client, taskQueue, clockOffsetMs = 0 } = options;
  const count = options.deliveryPartitions ?? 1;
  const reference = options.reference ?? new ReferenceData(store);
  const commands = new IssueCommandService(store, () => reference.decisionContext());
  const delivery = Array.from({ length: count }, (_, index): WorkerFeed => {
    const build = () =>
      issueSignalFeed({
        client,
        taskQueue,
        clockOffsetMs,
        maxConcurrentSignals: options.maxConcurrentSignals,
        partition: { index, count },
      });
    return { key: build().key, group: 'delivery', build };
  });
  const whole = (key: string, build: () => LogFeed): WorkerFeed => ({ key, group: 'feeds', build });
  return [
    ...delivery,
    whole('streak', () => streakFeed({ store, reference })),
    whole('calendar', () => calendarPublicationFeed({ store, client, commands, clockOffsetMs })),
    whole('organisation', () => ledgerOpeningFeed({ store, reference, now: () => Date.now() - clockOffsetMs })),
    whole('appeal', () => appealDecisionFeed({ store, reference })),
  ];
}

/** Every feed in one follower: a worker alone, or a test or benchmark driving the live path in process. */
export function workerFeeds(options: WorkerFeedsOptions): LogFollower {
  return new LogFollower({
    store: options.store,
    checkpoints: options.checkpoints,
    name: options.name ?? 'temporal-delivery',
    feeds: feedsOf(options).map((feed) => feed.build()),
  });
}

/** The feeds as work for PartitionLeases: each held by one worker process at a time, named by its checkpoint. */
export function workerFeedWork(options: WorkerFeedsOptions): LeasedWork[] {
  const name = options.name ?? 'temporal-delivery';
  return feedsOf(options).map((feed) =>
    leasedWork(`${name}:${feed.key}`, feed.group, async () => {
      const follower = new LogFollower({ store: options.store, checkpoints: options.checkpoints, name, feeds: [feed.build()] });
      await follower.start();
      return follower;
    }),
  );
}
