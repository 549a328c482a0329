import { randomUUID } from 'node:crypto';
import { DepartmentEvent, SHANGHAI, yearEndStreamOf, yearOf } from '@app/domain';
import { EventStore } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { finalYearEndWorkflowIdOf, provisionalYearEndWorkflowIdOf, YEAR_END_WORKFLOW_TYPE, YearEndWorkflowInput } from '@app/temporal';
import { endTaskQueueOnDevServer } from '@app/testing';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { runWorker } from '../../apps/worker/src/main';
import { ApiTestApp, bearer, seedOrganisation, startApiTestApp } from './api-test-app';

type Report = {
  year: number;
  at: string;
  final: boolean;
  differences: unknown[];
  interviewDifferences: unknown[];
  waitingDeadlines: unknown[];
};
type Started = { year: number; workflowId: string; basedOnRevision: number | null; reports: string };

/**
 * 临时核算 on demand: POST /supervision/reconciliations/{year}/provisional starts the year-end workflow (final:
 * false) on the task queue of a worker this test runs; its report and ranking land in yearend-<year>.
 */
describe('provisional year end through HTTP', () => {
  // Temporal's namespace is shared by every run: the task queue (part of the workflow id) is this run's own.
  const taskQueue = `api-provisional-${randomUUID().slice(0, 8)}`;
  const year = yearOf(SHANGHAI.localDate(Date.now()));
  let api: ApiTestApp;
  let worker: { shutdown(): Promise<void> } | undefined;
  const supervisor = () => bearer(api.token('supervisor'));
  const start = (y: number | string = year) => api.http().post(`/api/v1/supervision/reconciliations/${y}/provisional`);
  const reports = async () =>
    (await api.http().get(`/api/v1/supervision/reconciliations/${year}`).set(supervisor()).expect(200)).body.reports as Report[];
  const yearEndEvents = async (y: number) =>
    (await api.app.get(EventStore).readStream(yearEndStreamOf(y))).map((e) => toEngineEvent<DepartmentEvent>(e));
  const startWorker = async () => {
    worker ??= await runWorker({ ...process.env, DATABASE_URL: api.database.url, TEMPORAL_TASK_QUEUE: taskQueue });
  };

  beforeAll(async () => {
    api = await startApiTestApp('api_provisional', undefined, {}, { taskQueue });
    await seedOrganisation(api);
  });

  afterAll(async () => {
    await worker?.shutdown();
    await api?.close();
    await endTaskQueueOnDevServer(taskQueue);
  });

  it('refuses a department with a 403 problem and starts nothing', async () => {
    const refused = await start().set(bearer(api.token('department', 'cg')));
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    await expect(
      api.app
        .get(Client)
        .workflow.getHandle(provisionalYearEndWorkflowIdOf(year, taskQueue, 0))
        .describe(),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it.each([
    ['not a number', 'abc', 400],
    ['before the supported range', '1999', 400],
    ['a year that has not begun', String(year + 1), 422],
    ['a year before last, long final', String(year - 2), 422],
  ])('refuses %s as year with a problem naming year, and starts nothing', async (_, badYear, status) => {
    const refused = await start(badYear).set(supervisor());
    expect(refused.status).toBe(status);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('year');
    if (/^\d+$/.test(badYear)) {
      await expect(
        api.app
          .get(Client)
          .workflow.getHandle(provisionalYearEndWorkflowIdOf(Number(badYear), taskQueue, 0))
          .describe(),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
      expect(await yearEndEvents(Number(badYear))).toEqual([]);
    }
  });

  it('answers a second request with the run still waiting for a worker, then publishes one provisional report and its ranking', async () => {
    // No worker yet: the first run waits on the task queue, so the second click finds it running.
    const first = await start().set(supervisor()).expect(202);
    const second = await start().set(supervisor()).expect(202);
    const started = first.body as Started;
    expect(started).toEqual({
      year,
      workflowId: provisionalYearEndWorkflowIdOf(year, taskQueue, 0),
      basedOnRevision: null,
      reports: `/api/v1/supervision/reconciliations/${year}`,
    });
    expect(first.headers.location).toBe(`/api/v1/supervision/reconciliations/${year}`);
    expect(second.body).toEqual(started);

    await startWorker();
    await api.app.get(Client).workflow.getHandle(started.workflowId).result();
    const published = await reports();
    expect(published).toEqual([
      expect.objectContaining({ year, final: false, differences: [], interviewDifferences: [], waitingDeadlines: [] }),
    ]);

    const rankings = (await yearEndEvents(year)).flatMap((e) => (e.type === 'YearEndRankingPublished' ? [e.data] : []));
    expect(rankings).toHaveLength(1);
    expect(rankings[0]).toMatchObject({ year, final: false, at: published[0].at });
    // Ranked on the recomputation, which agrees with each department's ledger (opened by the run: base score).
    for (const row of rankings[0].ranking) {
      const ledger = await api.http().get(`/api/v1/supervision/departments/${row.department}/ledger/${year}`).set(supervisor()).expect(200);
      expect({ department: row.department, total: row.total }).toEqual({ department: row.department, total: ledger.body.total });
    }
    expect(rankings[0].ranking.map((row) => row.department).sort()).toEqual(['cg', 'jt', 'sw']);
    // Provisional: no final ranking, bonus or interview is published.
    await api.http().get(`/api/v1/supervision/rankings/${year}?kind=final`).set(supervisor()).expect(404);
    expect((await yearEndEvents(year)).map((e) => e.type)).toEqual(['ReconciliationReported', 'YearEndRankingPublished']);
  });

  it('starts a new run once the report is published, and replays an answer for the same Idempotency-Key', async () => {
    const send = () =>
      start()
        .set(bearer(api.token('admin')))
        .set('Idempotency-Key', `provisional-${taskQueue}`);
    const first = await send().expect(202);
    const again = await send().expect(202);
    expect(first.body).toMatchObject({ workflowId: provisionalYearEndWorkflowIdOf(year, taskQueue, 2), basedOnRevision: 1 });
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);

    await api.app.get(Client).workflow.getHandle(first.body.workflowId).result();
    expect((await reports()).map((r) => r.final)).toEqual([false, false]);
  });

  it('refuses a stale If-Match with 409 and the current revision of yearend-<year>, starting nothing', async () => {
    const refused = await start().set(supervisor()).set('If-Match', '"1"');
    expect({ status: refused.status, code: refused.body.code, currentRevision: refused.body.currentRevision }).toEqual({
      status: 409,
      code: 'CONCURRENT_CHANGE',
      currentRevision: 3,
    });
    await expect(
      api.app
        .get(Client)
        .workflow.getHandle(provisionalYearEndWorkflowIdOf(year, taskQueue, 4))
        .describe(),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('refuses last year once its final year end is published (409), and starts nothing', async () => {
    await startWorker();
    const final: YearEndWorkflowInput = { year: year - 1, final: true };
    await api.app
      .get(Client)
      .workflow.execute(YEAR_END_WORKFLOW_TYPE, { workflowId: finalYearEndWorkflowIdOf(taskQueue), taskQueue, args: [final] });
    const yearEndSoFar = (await yearEndEvents(year - 1)).length;
    expect(yearEndSoFar).toBeGreaterThan(0);

    const refused = await start(year - 1).set(supervisor());
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'RECONCILIATION.FINAL_PUBLISHED' });
    await expect(
      api.app
        .get(Client)
        .workflow.getHandle(provisionalYearEndWorkflowIdOf(year - 1, taskQueue, yearEndSoFar))
        .describe(),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await yearEndEvents(year - 1)).toHaveLength(yearEndSoFar);
  });
});
