import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { SHANGHAI } from '@app/domain';
import { endTaskQueueOnDevServer } from '@app/testing';
import { runWorker } from '../../apps/worker/src/main';
import { ApiTestApp, bearer, seedOrganisation, startApiTestApp, whistledTo } from './api-test-app';

/**
 * A circular on demand through HTTP: POST /supervision/circulars starts circularWorkflow on this test's worker, which
 * reads the period from the event store, prints the PDF with Chromium and publishes it; the surveys and the stations'
 * evaluation it shows are recorded and read through the API too.
 */
describe('circulars and surveys through HTTP', () => {
  const taskQueue = `api-circulars-${randomUUID().slice(0, 8)}`;
  const today = SHANGHAI.localDate(Date.now());
  const month = today.slice(0, 7);
  const period = { from: `${month}-01`, to: today };
  let api: ApiTestApp;
  let worker: { shutdown(): Promise<void> } | undefined;
  const supervisor = () => bearer(api.token('supervisor'));
  const survey = (body: Record<string, unknown>, stationId = 's1') =>
    api.http().post(`/api/v1/supervision/stations/${stationId}/surveys`).set(supervisor()).send(body);
  const counts = { respondents: 120, aware: 96, satisfied: 80, basicallySatisfied: 28 };

  beforeAll(async () => {
    api = await startApiTestApp('api_circulars', undefined, {}, { taskQueue });
    await seedOrganisation(api);
    await whistledTo(api, 's1', ['cg']);
    worker = await runWorker({ ...process.env, DATABASE_URL: api.database.url, TEMPORAL_TASK_QUEUE: taskQueue });
  });

  afterAll(async () => {
    await worker?.shutdown();
    await api?.close();
    await endTaskQueueOnDevServer(taskQueue);
  });

  it.each([
    [{ ...counts, aware: 121 }, 422, 'SURVEY.AWARE_EXCEEDS_RESPONDENTS', 'aware'],
    [{ ...counts, satisfied: 100, basicallySatisfied: 21 }, 422, 'SURVEY.SATISFIED_EXCEEDS_RESPONDENTS', 'basicallySatisfied'],
    [{ ...counts, respondents: 0, aware: 0, satisfied: 0, basicallySatisfied: 0 }, 422, 'SURVEY.NO_RESPONDENTS', 'respondents'],
    [{ ...counts, respondents: -1 }, 400, 'VALIDATION', 'respondents'],
    [{ ...counts, from: '2026-3-1' }, 400, 'VALIDATION', 'from'],
    [{ ...counts, to: '2020-01-01' }, 422, 'PERIOD.ENDS_BEFORE_START', 'to'],
  ])('refuses the survey %j with %d %s naming the field, and records nothing', async (overrides, status, code, field) => {
    const refused = await survey({ ...period, ...overrides });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await api.http().get('/api/v1/supervision/surveys').set(supervisor()).expect(200)).body.items).toEqual([]);
  });

  it('records a survey with its rates and counts, refuses a second for the same period, and refuses an unknown station', async () => {
    const recorded = await survey({ ...period, ...counts }).expect(201);
    expect(recorded.body.survey).toMatchObject({
      stationId: 's1',
      period,
      awareness: { part: 96, whole: 120, rate: 0.8 },
      satisfaction: { part: 108, whole: 120, rate: 0.9 },
    });
    const again = await survey({ ...period, ...counts });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'SURVEY.ALREADY_RECORDED' });
    const unknown = await survey({ ...period, ...counts }, 'nowhere');
    expect({ status: unknown.status, code: unknown.body.code, field: unknown.body.errors[0]?.field }).toEqual({
      status: 422,
      code: 'ORGANISATION.UNKNOWN_STATION',
      field: 'stationId',
    });
    const list = await api.http().get('/api/v1/supervision/surveys?stationId=s1').set(supervisor()).expect(200);
    expect(list.body.items).toHaveLength(1);
  });

  it("answers the stations' evaluation of the period from the event store", async () => {
    const answer = await api
      .http()
      .get(`/api/v1/supervision/station-evaluations?from=${period.from}&to=${period.to}`)
      .set(supervisor())
      .expect(200);
    expect(answer.body.stations.find((s: { stationId: string }) => s.stationId === 's1')).toMatchObject({
      raised: 1,
      whistled: 1,
      closed: 0,
      survey: { respondents: 120, awareness: { part: 96, whole: 120 } },
    });
    expect(answer.body.district).toMatchObject({ raised: 1, whistled: 1 });
    const refused = await api.http().get(`/api/v1/supervision/station-evaluations?from=${period.from}&to=2099-01-01`).set(supervisor());
    expect({ status: refused.status, code: refused.body.code, field: refused.body.errors[0]?.field }).toEqual({
      status: 422,
      code: 'PERIOD.TOO_LONG',
      field: 'to',
    });
  });

  it('publishes a circular on demand: metadata, content and a PDF whose SHA-256 is the published one', async () => {
    const started = await api.http().post('/api/v1/supervision/circulars').set(supervisor()).send(period).expect(202);
    const { circularId } = started.body as { circularId: string };
    expect(started.headers.location).toBe(`/api/v1/supervision/circulars/${circularId}`);
    let metadata: { status: number; body: Record<string, unknown> } = { status: 404, body: {} };
    for (let attempt = 0; attempt < 300 && metadata.status === 404; attempt += 1) {
      await delay(500);
      metadata = await api.http().get(`/api/v1/supervision/circulars/${circularId}`).set(supervisor());
    }
    expect(metadata.status).toBe(200);
    expect(metadata.body).toMatchObject({
      circularId,
      kind: 'on-demand',
      period,
      sequence: 1,
      documentNumber: `大观红领办〔${today.slice(0, 4)}〕1号`,
    });

    const pdf = await api
      .http()
      .get(`/api/v1/supervision/circulars/${circularId}.pdf`)
      .set(supervisor())
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers.etag).toBe(`"${metadata.body.pdfSha256 as string}"`);
    expect(
      createHash('sha256')
        .update(pdf.body as Buffer)
        .digest('hex'),
    ).toBe(metadata.body.pdfSha256);
    const path = join(mkdtempSync(join(tmpdir(), 'circular-e2e-')), 'c.pdf');
    writeFileSync(path, pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('专项通报');
    expect(text).toContain('红领工作站一');
    expect(text).toMatch(/1\s+区城管委\s+60/);

    const content = await api.http().get(`/api/v1/supervision/circulars/${circularId}/content`).set(supervisor()).expect(200);
    expect(content.body).toMatchObject({ kind: 'on-demand', period, totals: { issuesRaised: 1, issuesWhistled: 1 } });
    const list = await api.http().get('/api/v1/supervision/circulars').set(supervisor()).expect(200);
    expect(list.body.items.map((c: { circularId: string }) => c.circularId)).toEqual([circularId]);
    const missing = await api.http().get('/api/v1/supervision/circulars/monthly-1999-01.pdf').set(supervisor());
    expect({ status: missing.status, type: missing.headers['content-type'] }).toEqual({
      status: 404,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
  });
});
