import { ensureSchedule, type EngineScheduleOptions } from './engine-schedule';
import { finalYearEndWorkflowIdOf, YEAR_END_WORKFLOW_TYPE, YearEndWorkflowInput } from './workflow.contract';

export const yearEndScheduleIdOf = (taskQueue: string) => `year-end-reconciliation-${taskQueue}`;

/** The year-end schedule (cron default 00:30 on 1 January, config YEAR_END_CRON): the final reconciliation. */
export async function ensureYearEndSchedule(options: EngineScheduleOptions): Promise<void> {
  const { taskQueue } = options;
  const input: YearEndWorkflowInput = { final: true };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: YEAR_END_WORKFLOW_TYPE,
    workflowId: finalYearEndWorkflowIdOf(taskQueue),
    taskQueue,
    args: [input],
  };
  await ensureSchedule(options, yearEndScheduleIdOf(taskQueue), action, '30 days');
}
