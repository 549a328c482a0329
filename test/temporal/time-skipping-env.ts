import { existsSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingServerPath } from '@app/testing';
import { TemporalSide } from './live-harness';

/** A time-skipping test server (one per test file) seen through the harness's TemporalSide. */
export async function startTimeSkipping(): Promise<{ env: TestWorkflowEnvironment; side: TemporalSide }> {
  const path = timeSkippingServerPath();
  if (!existsSync(path)) throw new Error(`No time-skipping test server at ${path}: run 'npm run infra:up' first`);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  // This server starts with time skipping unlocked (free-running to the next timer) and env.sleep's unlock-sleep-lock
  // then fails as unbalanced; hold the lock so time moves only through env.sleep and awaited results.
  await env.connection.testService?.lockTimeSkipping({});
  // The test server validates upserts against registered attributes, as the dev server does (infra/local registers them there).
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: {
      IssueId: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      IssueLevel: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      IssueStatus: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      Departments: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    },
  });
  return {
    env,
    side: {
      client: env.client,
      nativeConnection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      now: () => env.currentTimeMs(),
      sleep: (ms) => env.sleep(ms),
    },
  };
}
