import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { finalYearEndWorkflowIdOf, YEAR_END_WORKFLOW_TYPE, YearEndWorkflowInput } from './workflow.contract';

/** One schedule per task queue: deployments (and test workers) sharing a namespace keep their own. */
export const yearEndScheduleIdOf = (taskQueue: string) => `year-end-reconciliation-${taskQueue}`;

export interface YearEndScheduleOptions {
  client: Client;
  taskQueue: string;
  /** Five-field cron in `timeZone`, default 00:30 on 1 January (config YEAR_END_CRON). */
  cron: string;
  timeZone: string;
}

/** Creates the year-end schedule, or brings an existing one to the configured spec: safe at every worker start. */
export async function ensureYearEndSchedule({ client, taskQueue, cron, timeZone }: YearEndScheduleOptions): Promise<void> {
  const spec = { cronExpressions: [cron], timezone: timeZone };
  const input: YearEndWorkflowInput = { final: true };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: YEAR_END_WORKFLOW_TYPE,
    workflowId: finalYearEndWorkflowIdOf(taskQueue),
    taskQueue,
    args: [input],
  };
  try {
    await client.schedule.create({
      scheduleId: yearEndScheduleIdOf(taskQueue),
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(yearEndScheduleIdOf(taskQueue)).update((previous) => ({ ...previous, spec, action }));
  }
}
