import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

export const CIRCULAR_WORKFLOW_TYPE = 'circularWorkflow';

/** A circular to publish: its id (stable across retries), kind and period (whole local days, inclusive). */
export interface CircularRequest {
  circularId: string;
  kind: 'monthly' | 'year-end' | 'on-demand';
  period: { from: string; to: string };
  actor: { role: string; id?: string };
}

export interface CircularWorkflowInput {
  /** On demand: this circular. Scheduled (absent): whichever circulars are due at the run's domain time. */
  request?: CircularRequest;
  clockOffsetMs?: number;
}

export interface CircularWorkflowResult {
  published: { circularId: string; documentNumber: string }[];
}

/** One schedule per task queue, as for the year end. */
export const circularScheduleIdOf = (taskQueue: string) => `circulars-${taskQueue}`;

/** Creates the circulars' schedule, or brings an existing one to the configured spec: safe at every worker start. */
export async function ensureCircularSchedule(options: {
  client: Client;
  taskQueue: string;
  cron: string;
  timeZone: string;
}): Promise<void> {
  const { client, taskQueue } = options;
  const spec = { cronExpressions: [options.cron], timezone: options.timeZone };
  const input: CircularWorkflowInput = {};
  const action = {
    type: 'startWorkflow' as const,
    workflowType: CIRCULAR_WORKFLOW_TYPE,
    workflowId: `circulars-scheduled-${taskQueue}`,
    taskQueue,
    args: [input],
  };
  try {
    await client.schedule.create({
      scheduleId: circularScheduleIdOf(taskQueue),
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(circularScheduleIdOf(taskQueue)).update((previous) => ({ ...previous, spec, action }));
  }
}
