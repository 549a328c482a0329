import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { infraConfig } from '@app/testing';
import { whistleProbeWorkflow } from './fixtures/infra-probe.workflow';

// Real servers: connecting, bundling workflows and starting a JVM take longer than Jest's 5 s default.
jest.setTimeout(120_000);

describe('local Temporal dev server', () => {
  const { temporalAddress, temporalNamespace } = infraConfig();

  it('runs a workflow on a real worker in the whistle namespace', async () => {
    const taskQueue = `infra-probe-${randomUUID()}`;
    const workerConnection = await NativeConnection.connect({ address: temporalAddress });
    const clientConnection = await Connection.connect({ address: temporalAddress });
    try {
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: temporalNamespace,
        taskQueue,
        workflowsPath: require.resolve('./fixtures/infra-probe.workflow'),
      });
      const client = new Client({ connection: clientConnection, namespace: temporalNamespace });

      const result = await worker.runUntil(
        client.workflow.execute(whistleProbeWorkflow, {
          taskQueue,
          workflowId: `infra-probe-${randomUUID()}`,
          args: ['Fengtai station'],
        }),
      );

      expect(result).toBe('whistle blown by Fengtai station');
    } finally {
      await clientConnection.close();
      await workerConnection.close();
    }
  });

  it('has the search attributes the escalation workflows are listed by', async () => {
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const response = await connection.operatorService.listSearchAttributes({ namespace: temporalNamespace });
      expect(Object.keys(response.customAttributes)).toEqual(
        expect.arrayContaining(['IssueId', 'IssueLevel', 'IssueStatus', 'Departments']),
      );
    } finally {
      await connection.close();
    }
  });
});
