import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadEngineConfig } from '@app/config';
import { whatIfStreamOf } from '@app/domain';
import { appealedYear, MOOT_UNDER_FIVE_DAYS } from '@app/domain/testing/what-if-year';
import { createReadModelsDataSource, RecordedOutcomeReader, ScoringStreamReader, TypeOrmLedgerRepository } from '@app/read-models';
import { createWhatIfActivities, WORKFLOWS_PATH } from '@app/temporal/worker';
import { endTaskQueueOnDevServer } from '@app/testing';
import { LiveHarness } from '../temporal/live-harness';
import { startTimeSkipping } from '../temporal/time-skipping-env';
import { ApiTestApp, bearer, startApiTestApp } from './api-test-app';

jest.setTimeout(600_000);

type Change = { current: number; alternative: number; change: number };
type WhatIf = {
  status: 'compared' | 'refused';
  policy: Record<string, unknown>;
  changes: {
    departments: { department: string; total: Change; deductions: Change; rank: Change; interviews: Change }[];
    mootAppeals: { count: number; appeals: Record<string, unknown>[] };
  };
  differences: string[];
  problems?: string[];
};

// cg answers late (in time under 5 working days) and appeals, upheld; jt never answers, appeals and is overturned.
const scenario = appealedYear();

/**
 * 规则推演 through HTTP: a small year driven through the live path (store, delivery, issue workflows and their timers
 * on the time-skipping server), then POST /supervision/what-if/{year} starts whatIfWorkflow on a worker of this test
 * (dev server) and GET polls until its result is kept.
 */
describe('what-if through HTTP', () => {
  const taskQueue = `api-what-if-${randomUUID().slice(0, 8)}`;
  let env: TestWorkflowEnvironment | undefined;
  let harness: LiveHarness;
  let api: ApiTestApp;
  let connection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  const supervisor = () => bearer(api.token('supervisor'));
  const post = (body: unknown) =>
    api
      .http()
      .post(`/api/v1/supervision/what-if/${scenario.year}`)
      .set(supervisor())
      .send(body as object);

  const done = async (location: string): Promise<WhatIf> => {
    for (let attempt = 0; ; attempt += 1) {
      const response = await api.http().get(location).set(supervisor());
      if (response.status === 200) return response.body as WhatIf;
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'WHATIF.NOT_FOUND' });
      if (attempt > 600) throw new Error(`${location} was not done within 2 minutes`);
      await delay(200);
    }
  };
  const whatIfEvents = async () => (await harness.store.readStream(whatIfStreamOf(scenario.year))).length;

  beforeAll(async () => {
    const started = await startTimeSkipping();
    env = started.env;
    harness = await LiveHarness.create('api_what_if', started.side, 'api-what-if-drive');
    await harness.registerOrganisation(scenario);
    await harness.start(scenario.steps[0].at - 60_000);
    await harness.drive(scenario, Date.parse('2026-03-20T00:00:00+08:00'));

    api = await startApiTestApp('api_what_if', undefined, {}, { taskQueue, database: harness.database });
    const config = loadEngineConfig(process.env);
    const reference = harness.reference;
    const scoring = new ScoringStreamReader(
      harness.store,
      reference,
      new TypeOrmLedgerRepository(createReadModelsDataSource(config.DATABASE_URL)),
    );
    connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      activities: createWhatIfActivities({ store: harness.store, years: new RecordedOutcomeReader(scoring, harness.store, reference) }),
    });
    workerRun = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await workerRun?.catch(() => undefined);
    await connection?.close();
    await api?.close();
    await harness?.close();
    await env?.teardown();
    await endTaskQueueOnDevServer(taskQueue);
  });

  it('refuses overrides that are not policy values with a 422 naming each field, and keeps nothing', async () => {
    const refused = await post({ feedback: { count: 0 }, feedbak: 3 });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('POLICY.INVALID');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['feedback.count', 'feedbak']);
    expect(await whatIfEvents()).toBe(0);
  });

  it('without overrides: the replay equals the record, and nothing changes', async () => {
    const started = await post({}).expect(202);
    expect(started.headers.location).toBe(started.body.whatIf);
    const result = await done(started.headers.location as string);
    expect({ status: result.status, differences: result.differences }).toEqual({ status: 'compared', differences: [] });
    expect(result.changes.departments.map((d) => d.department).sort()).toEqual(['cg', 'jt', 'sw']);
    for (const d of result.changes.departments) {
      expect({ department: d.department, changes: [d.total, d.rank, d.deductions, d.interviews].map((c) => c.change) }).toEqual({
        department: d.department,
        changes: [0, 0, 0, 0],
      });
    }
  });

  it('with feedback: {count: 5}, deductions can only fall; an appeal on a deadline now met is moot', async () => {
    const started = await post({ feedback: { count: 5 } }).expect(202);
    const result = await done(started.headers.location as string);
    expect({ status: result.status, policy: result.policy, differences: result.differences }).toEqual({
      status: 'compared',
      policy: { feedback: { count: 5 } },
      differences: [],
    });
    for (const d of result.changes.departments) {
      expect({ department: d.department, rose: d.deductions.change > 0 }).toEqual({ department: d.department, rose: false });
    }
    const cg = result.changes.departments.find((d) => d.department === 'cg');
    expect(cg?.deductions).toEqual({ current: 1, alternative: 0, change: -1 });
    expect(cg?.total.change).toBe(3);
    // jt still misses (due 11 March) and its appeal, in time, is overturned again.
    const jt = result.changes.departments.find((d) => d.department === 'jt');
    expect({ deductions: jt?.deductions.change, total: jt?.total }).toEqual({
      deductions: 0,
      total: { current: 60, alternative: 60, change: 0 },
    });
    expect(result.changes.mootAppeals).toEqual({ count: 1, appeals: [MOOT_UNDER_FIVE_DAYS] });
  });
});
