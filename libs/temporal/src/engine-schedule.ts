import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

/** Where a schedule runs and when: one per task queue, so deployments (and test workers) sharing a namespace keep their own. */
export interface EngineScheduleOptions {
  client: Client;
  taskQueue: string;
  /** Five-field cron in `timeZone`. */
  cron: string;
  timeZone: string;
}

/** The workflow a schedule starts at each firing (Temporal appends the scheduled time to the id). */
export interface ScheduledWorkflow {
  type: 'startWorkflow';
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  args: unknown[];
}

/**
 * Creates the schedule, or brings an existing one to the configured spec and action: safe at every worker start.
 * A firing while the last run is still going is skipped; one missed by less than `catchupWindow` still runs.
 */
export async function ensureSchedule(
  { client, cron, timeZone }: EngineScheduleOptions,
  scheduleId: string,
  action: ScheduledWorkflow,
  catchupWindow: '1 day' | '30 days',
): Promise<void> {
  const spec = { cronExpressions: [cron], timezone: timeZone };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
}
