import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startProjector } from '../../apps/projector/src/projector';
import { ApiTestApp, bearer, eventually, FOUR_LISTS, seedOrganisation, startApiTestApp } from './api-test-app';
import { endTaskQueueOnDevServer } from '@app/testing';

const WORKER_ENTRY = join(__dirname, '../../apps/worker/src/main.ts');

describe('issue flow through HTTP: raise → escalate → escalate → whistle → feedback → resolve → confirm', () => {
  let api: ApiTestApp;
  let projector: { stop(): Promise<void> } | undefined;
  let worker: { shutdown(): Promise<void> } | undefined;
  let issueId: string;
  const year = new Date().getUTCFullYear();
  // Issue ids derive from the Idempotency-Key; Temporal's namespace is shared by every run, so keys are per run.
  const run = Date.now().toString(36);
  const station = () => bearer(api.token('station', 's1'));
  const dispatch = () => bearer(api.token('dispatch'));
  const cg = () => bearer(api.token('department', 'cg'));
  const supervisor = () => bearer(api.token('supervisor'));
  const trail = async () => (await api.http().get(`/api/v1/supervision/issues/${issueId}/audit-trail`).set(supervisor()).expect(200)).body;
  const types = async () => (await trail()).events.map((e: { type: string }) => e.type) as string[];

  beforeAll(async () => {
    api = await startApiTestApp('api_flow');
    const env = { ...process.env, DATABASE_URL: api.database.url, TEMPORAL_TASK_QUEUE: `api-flow-${api.database.name}` };
    projector = await startProjector(env, () => undefined);
    if (existsSync(WORKER_ENTRY)) {
      const { runWorker } = (await import(WORKER_ENTRY)) as typeof import('../../apps/worker/src/main');
      worker = await runWorker(env);
    }
    await seedOrganisation(api);
  });

  afterAll(async () => {
    await worker?.shutdown();
    await projector?.stop();
    if (api !== undefined) await endTaskQueueOnDevServer(`api-flow-${api.database.name}`);
    await api?.close();
  });

  it('raises once however often the same request is retried with its Idempotency-Key', async () => {
    const send = () =>
      api
        .http()
        .post('/api/v1/stations/s1/issues')
        .set(station())
        .set('Idempotency-Key', `raise-${run}`)
        .send({ title: '路灯损坏', fourLists: FOUR_LISTS });
    const first = await send().expect(201);
    const again = await send().expect(201);
    issueId = first.body.issueId;
    expect(issueId).toMatch(/^\d{8}-[0-9a-f]{8}$/);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers.location).toBe(`/api/v1/stations/s1/issues/${issueId}`);
    expect(await types()).toEqual(['IssueRaised', 'LevelTimeLimitSet']);
  });

  it('answers 422 when the key is reused with another body, and writes nothing', async () => {
    const reused = await api
      .http()
      .post('/api/v1/stations/s1/issues')
      .set(station())
      .set('Idempotency-Key', `raise-${run}`)
      .send({ title: '另一个问题', fourLists: FOUR_LISTS })
      .expect(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', errors: [{ field: 'Idempotency-Key' }] });
    const list = await eventually(
      async () => (await api.http().get('/api/v1/stations/s1/issues').set(station()).expect(200)).body,
      (page) => page.total >= 1,
      'station issue list',
    );
    expect(list.items.map((i: { issueId: string }) => i.issueId)).toEqual([issueId]);
  });

  it('escalates community → street → district', async () => {
    const toStreet = await api
      .http()
      .post(`/api/v1/stations/s1/issues/${issueId}/escalations`)
      .set(station())
      .set('Idempotency-Key', 'esc-1')
      .expect(200);
    expect(toStreet.body).toMatchObject({ level: 'street', revision: 3 });
    expect(toStreet.headers.etag).toBe('"3"');
    const toDistrict = await api
      .http()
      .post(`/api/v1/stations/s1/issues/${issueId}/escalations`)
      .set(station())
      .set('Idempotency-Key', 'esc-2')
      .expect(200);
    expect(toDistrict.body).toMatchObject({
      level: 'district',
      appended: [{ type: 'IssueEscalated', data: { from: 'street', to: 'district', cause: 'manual' } }],
    });
  });

  it('refuses a stale If-Match with 409 and the current revision', async () => {
    const stale = await api
      .http()
      .post(`/api/v1/dispatch/issues/${issueId}/whistle`)
      .set(dispatch())
      .set('Idempotency-Key', `whistle-${run}`)
      .set('If-Match', '"3"')
      .send({ mode: 'single', departments: ['cg'] })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'CONCURRENT_CHANGE', currentRevision: 4 });
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('blows the whistle to cg, whose inbox shows the task with its feedback deadline', async () => {
    // The key that met the stale If-Match is free again: the retry with the current revision runs.
    const whistled = await api
      .http()
      .post(`/api/v1/dispatch/issues/${issueId}/whistle`)
      .set(dispatch())
      .set('Idempotency-Key', `whistle-${run}`)
      .set('If-Match', '"4"')
      .send({ mode: 'single', departments: ['cg'] })
      .expect(200);
    const deadline = whistled.body.appended.find((e: { type: string }) => e.type === 'FeedbackDeadlineSet');
    expect(deadline.data).toMatchObject({ departmentId: 'cg', cause: 'whistle', deadlineId: `${issueId}#1` });
    const inbox = await eventually(
      async () => (await api.http().get('/api/v1/departments/cg/inbox').set(cg()).expect(200)).body,
      (page) => page.total === 1,
      'cg inbox',
    );
    expect(inbox.items[0]).toMatchObject({ issueId, status: 'open', mode: 'single', nextDueAt: deadline.data.due });
    const jtInbox = await api
      .http()
      .get('/api/v1/departments/jt/inbox')
      .set(bearer(api.token('department', 'jt')))
      .expect(200);
    expect(jtInbox.body.total).toBe(0);
  });

  it('rejects bad input with a 400 problem naming the field, and writes nothing', async () => {
    const before = (await trail()).events.length;
    const bad = await api
      .http()
      .post(`/api/v1/departments/cg/tasks/${issueId}/feedback`)
      .set(cg())
      .send({ content: 42, extra: true })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, code: 'VALIDATION', instance: `/api/v1/departments/cg/tasks/${issueId}/feedback` });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(expect.arrayContaining(['content', 'extra']));
    expect((await trail()).events.length).toBe(before);
  });

  it('takes cg feedback once though the request is sent twice, meeting its deadline', async () => {
    const send = () =>
      api
        .http()
        .post(`/api/v1/departments/cg/tasks/${issueId}/feedback`)
        .set(cg())
        .set('Idempotency-Key', 'fb-1')
        .send({ content: '已派人现场勘查' });
    const first = await send().expect(200);
    await send().expect(200);
    expect(first.body.appended.map((e: { type: string }) => e.type)).toEqual(['FeedbackGiven', 'FeedbackDeadlineMet']);
    const all = await types();
    expect(all.filter((t) => t === 'FeedbackGiven')).toHaveLength(1);
    const task = await api.http().get(`/api/v1/departments/cg/tasks/${issueId}`).set(cg()).expect(200);
    expect(task.body).toMatchObject({ deadlines: [{ outcome: 'met' }], feedback: [{ content: '已派人现场勘查' }] });
  });

  it('reports resolution, the station confirms, and the audit trail holds every event with an intact hash chain', async () => {
    await api.http().post(`/api/v1/departments/cg/tasks/${issueId}/resolution`).set(cg()).set('Idempotency-Key', 'res-1').expect(200);
    const confirmed = await api
      .http()
      .post(`/api/v1/stations/s1/issues/${issueId}/closing-confirmations`)
      .set(station())
      .set('Idempotency-Key', 'close-1')
      .expect(200);
    expect(confirmed.body.status).toBe('closed');
    const audit = await trail();
    const ownEvents = audit.events.filter((e: { metadata: { command?: string } }) => e.metadata.command !== 'Tick');
    expect(ownEvents.map((e: { type: string }) => e.type)).toEqual([
      'IssueRaised',
      'LevelTimeLimitSet',
      'IssueEscalated',
      'LevelTimeLimitSet',
      'IssueEscalated',
      'WhistleBlown',
      'FeedbackDeadlineSet',
      'FeedbackGiven',
      'FeedbackDeadlineMet',
      'ResolutionReported',
      'ClosingConfirmed',
    ]);
    expect(audit.verification).toEqual({ ok: true, checked: audit.events.length });
    expect(audit.events[0].metadata).toMatchObject({ actor: { role: 'station', id: 's1' }, command: 'RaiseIssue' });
    expect(audit.events[5].metadata).toMatchObject({ actor: { role: 'dispatch' }, command: 'BlowWhistle' });
    const inbox = await eventually(
      async () => (await api.http().get('/api/v1/departments/cg/inbox').set(cg()).expect(200)).body,
      (page) => page.items[0]?.status === 'closed',
      'cg inbox after closing',
    );
    expect(inbox.items[0]).toMatchObject({ issueId, status: 'closed' });
  });

  it('books +1 to cg for the single-handled issue confirmed closed (ledger written by the Temporal worker)', async () => {
    if (worker === undefined) {
      process.stdout.write(`SKIPPED ledger assertion: ${WORKER_ENTRY} does not exist, nothing writes ledger entries\n`);
      return;
    }
    const ledger = await eventually(
      async () => (await api.http().get(`/api/v1/supervision/departments/cg/ledger/${year}`).set(supervisor()).expect(200)).body,
      (body) => body.entries.some((e: { reason: string }) => e.reason === 'single-closed'),
      'cg ledger entry',
      90_000,
    );
    expect(ledger.entries.filter((e: { reason: string }) => e.reason === 'single-closed')).toEqual([
      expect.objectContaining({ points: 1, issueId, entryId: `closed:${issueId}:cg` }),
    ]);
    expect(ledger.entries.filter((e: { reason: string }) => e.reason === 'feedback-missed')).toEqual([]);
    expect(ledger.verification.ok).toBe(true);
    // The provisional ranking reads the ledger read model, which follows the ledger stream within moments.
    const ranking = await eventually(
      async () => (await api.http().get(`/api/v1/supervision/rankings/${year}`).set(supervisor()).expect(200)).body,
      (body) => body.ranking.find((r: { department: string }) => r.department === 'cg')?.total === ledger.total,
      'cg in the provisional ranking',
    );
    expect(ranking.ranking.map((r: { department: string }) => r.department).sort()).toEqual(['cg', 'jt', 'sw']);
  });

  it("lets cg's department head read cg's own ledger, and refuses jt's ledger with a 403 problem", async () => {
    if (worker === undefined) {
      process.stdout.write(`SKIPPED department-head ledger read: ${WORKER_ENTRY} does not exist, nothing writes ledger entries\n`);
      return;
    }
    const bySupervisor = (await api.http().get(`/api/v1/supervision/departments/cg/ledger/${year}`).set(supervisor()).expect(200)).body;
    const own = (await api.http().get(`/api/v1/supervision/departments/cg/ledger/${year}`).set(cg()).expect(200)).body;
    expect(own.entries).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'single-closed', issueId, points: 1 })]));
    expect(own).toEqual(bySupervisor);
    const refused = await api.http().get(`/api/v1/supervision/departments/jt/ledger/${year}`).set(cg()).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(refused.body).not.toHaveProperty('entries');
    await api.http().get(`/api/v1/supervision/departments/jt/ledger/${year}`).set(supervisor()).expect(200);
  });
});
