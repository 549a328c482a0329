import { ensureSchedule, type EngineScheduleOptions, type ScheduledWorkflow } from './engine-schedule';

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

export const circularScheduleIdOf = (taskQueue: string) => `circulars-${taskQueue}`;

/** What the circulars' schedule starts at each firing: a run that publishes whatever circulars are due. */
export function circularScheduleAction(taskQueue: string): ScheduledWorkflow & { args: [CircularWorkflowInput] } {
  return {
    type: 'startWorkflow',
    workflowType: CIRCULAR_WORKFLOW_TYPE,
    workflowId: `circulars-scheduled-${taskQueue}`,
    taskQueue,
    args: [{}],
  };
}

/** The circulars' schedule (cron default 08:00 on days 1–15, config CIRCULAR_CRON). */
export async function ensureCircularSchedule(options: EngineScheduleOptions): Promise<void> {
  await ensureSchedule(options, circularScheduleIdOf(options.taskQueue), circularScheduleAction(options.taskQueue), '1 day');
}
