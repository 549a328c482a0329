import { existsSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { timeSkippingServerPath, waitForFirstWorkflowTask } from '@app/testing';
import { threeDayFeedbackDeadlineWorkflow } from './fixtures/infra-probe.workflow';

const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000;

// Real servers: connecting, bundling workflows and starting a JVM take longer than Jest's 5 s default.
jest.setTimeout(120_000);

describe('Temporal time-skipping test server', () => {
  let testEnv: TestWorkflowEnvironment;

  beforeAll(async () => {
    const path = timeSkippingServerPath();
    if (!existsSync(path)) {
      throw new Error(`No time-skipping test server at ${path}: run 'npm run infra:up' first`);
    }
    testEnv = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
    // This server starts with time skipping unlocked: free-running, it can skip to the workflow's execution timeout
    // before a busy worker has picked up the first task (seen under CI load). Locked, time moves only while the
    // client waits for the result, once the workflow is asleep.
    await testEnv.connection.testService?.lockTimeSkipping({});
  });

  afterAll(async () => {
    await testEnv?.teardown();
  });

  it('lets a three-day feedback deadline pass', async () => {
    const taskQueue = 'infra-time-skipping';
    const worker = await Worker.create({
      connection: testEnv.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/infra-probe.workflow'),
    });

    const observation = await worker.runUntil(async () => {
      const handle = await testEnv.client.workflow.start(threeDayFeedbackDeadlineWorkflow, {
        taskQueue,
        workflowId: 'three-day-feedback-deadline',
      });
      await waitForFirstWorkflowTask(handle);
      return handle.result();
    });

    expect(observation.finishedAtMs - observation.startedAtMs).toBeGreaterThanOrEqual(THREE_DAYS_MS);
  });
});
