// 规则推演: a year of the recorded history replayed under other policy values beside the recorded ones, started by
// the API (POST /supervision/what-if/{year}) so a long year does not hold an HTTP request. It changes nothing: the
// activity keeps the comparison in whatif-<year>.
import { proxyActivities } from '@temporalio/workflow';
import type { WhatIfActivities } from '../libs/temporal/src/worker/what-if.activities';
import { toIso } from '../libs/domain/src/time/instant';
import type { WhatIfWorkflowInput, WhatIfWorkflowResult } from '../libs/temporal/src/workflow.contract';

const activities = proxyActivities<WhatIfActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function whatIfWorkflow(input: WhatIfWorkflowInput): Promise<WhatIfWorkflowResult> {
  const at = toIso(Date.now() - (input.clockOffsetMs ?? 0));
  return activities.compareWhatIf({ whatIfId: input.whatIfId, year: input.year, overrides: input.overrides, at });
}
