// The worker side of libs/temporal: the activities and the Worker. Only apps/worker (and tests) import it: it loads
// @temporalio/worker, which the API must not (test/architecture/temporal-contract.unit.spec.ts).
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { Pool } from 'pg';
import { EventStore } from '@app/event-store';
import { IssueCommandService, ReferenceData } from '@app/issues';
import { LedgerBooking, PostgresYearDeadlineSort, YearEndReconciliation } from '@app/scoring';
import { createIssueActivities } from './issue.activities';
import { createYearEndActivities } from './year-end.activities';

export * from './issue.activities';
export * from './year-end.activities';
export * from './what-if.activities';

export interface ActivityDeps {
  store: EventStore;
  reference?: ReferenceData;
  /** Where the year end sorts the year's deadlines (PostgresYearDeadlineSort); without it they are sorted in memory. */
  sortPool?: Pool;
}

/** Every activity the workflows call, bound to the event store (the createActivities(deps) factory). */
export function createActivities({ store, reference = new ReferenceData(store), sortPool }: ActivityDeps) {
  const commands = new IssueCommandService(store, () => reference.decisionContext());
  const ledgers = new LedgerBooking(store, reference);
  return {
    ...createIssueActivities({ commands, ledgers }),
    ...createYearEndActivities(
      ledgers,
      new YearEndReconciliation({
        store,
        reference,
        openDeadlineSort: sortPool === undefined ? undefined : () => PostgresYearDeadlineSort.open(sortPool),
      }),
    ),
  };
}

export const WORKFLOWS_PATH = require.resolve('../../../../workflows');

export async function createWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  activities: ReturnType<typeof createActivities>;
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Unset keeps the SDK's default, sized from the heap. */
  maxCachedWorkflows?: number;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    maxCachedWorkflows: options.maxCachedWorkflows,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
