// Year-end reconciliation (RULES.md §5), started by the Temporal Schedule at 00:30 on 1 January (Asia/Shanghai)
// for the year just ended, or on demand (final: false) for a provisional ranking.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { YearEndActivities } from '../libs/temporal/src/worker/year-end.activities';
import { toIso } from '../libs/domain/src/time/instant';
import { yearOf } from '../libs/domain/src/time/local-date';
import { TimeZone } from '../libs/domain/src/time/time-zone';
import { YearEndWorkflowInput, YearEndWorkflowResult } from '../libs/temporal/src/workflow.contract';

const activities = proxyActivities<YearEndActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const SHANGHAI = new TimeZone('Asia/Shanghai');

export async function yearEndWorkflow(input: YearEndWorkflowInput = {}): Promise<YearEndWorkflowResult> {
  const final = input.final ?? true;
  const domainNow = Date.now() - (input.clockOffsetMs ?? 0);
  const year = input.year ?? yearOf(SHANGHAI.localDate(domainNow)) - 1;
  await activities.openLedgerYear({ year });
  const recomputation = await activities.recomputeYear({ year, at: toIso(domainNow) });
  // A final publication has one id per year, whichever run makes it; a provisional one is this workflow's own.
  const publicationId = final ? `yearend-${year}/final` : `${workflowInfo().workflowId}/provisional`;
  const appended = await activities.publishYearEnd({ recomputation, final, publicationId, at: toIso(domainNow) });
  if (final) await activities.openLedgerYear({ year: year + 1 });
  return {
    year,
    final,
    differences: recomputation.differences.length,
    interviewDifferences: recomputation.interviewDifferences.length,
    waitingDeadlines: recomputation.waitingDeadlines.length,
    appended,
  };
}
