// Circulars (通报): started by the circulars' schedule (days 1–15 of each month, Asia/Shanghai) to publish whatever is
// due — the month before's on or after the first working day, the year-end circular after the final reconciliation —
// or on demand for one circular of any period.
import { proxyActivities } from '@temporalio/workflow';
import type { CircularActivities } from '../libs/circulars/src/circular.activities';
import { toIso } from '../libs/domain/src/time/instant';
import type { CircularWorkflowInput, CircularWorkflowResult } from '../libs/temporal/src/circular.schedule';

const activities = proxyActivities<CircularActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function circularWorkflow(input: CircularWorkflowInput = {}): Promise<CircularWorkflowResult> {
  const at = toIso(Date.now() - (input.clockOffsetMs ?? 0));
  const requests = input.request !== undefined ? [input.request] : await activities.dueCirculars({ at });
  const published: CircularWorkflowResult['published'] = [];
  for (const request of requests) published.push(await activities.publishCircular({ ...request, at }));
  return { published };
}
