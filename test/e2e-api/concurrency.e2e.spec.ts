import { EventStore } from '@app/event-store';
import { ApiTestApp, bearer, FOUR_LISTS, seedOrganisation, startApiTestApp, whistledTo } from './api-test-app';

describe('concurrent requests', () => {
  let api: ApiTestApp;
  const station = () => bearer(api.token('station', 's1'));

  beforeAll(async () => {
    api = await startApiTestApp('api_concurrency');
    await seedOrganisation(api);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('runs a POST sent five times at once with one Idempotency-Key exactly once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api
          .http()
          .post('/api/v1/stations/s1/issues')
          .set(station())
          .set('Idempotency-Key', 'same-key')
          .send({ title: '同时提交', fourLists: FOUR_LISTS }),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    const inProgress = responses.filter((r) => r.status === 409);
    expect(created.length + inProgress.length).toBe(5);
    expect(new Set(created.map((r) => r.body.issueId)).size).toBe(1);
    expect(inProgress.every((r) => r.body.code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    const streams = new Set((await api.app.get(EventStore).readAll({ category: 'issue' })).map((e) => e.streamId));
    expect([...streams]).toEqual([`issue-${created[0].body.issueId}`]);
  });

  it('lets two departments report in on one issue at the same moment: both recorded, in one order, no conflict reported', async () => {
    const issueId = await whistledTo(api, 's1', ['cg', 'jt']);
    const [cg, jt] = await Promise.all(
      ['cg', 'jt'].map((department) =>
        api
          .http()
          .post(`/api/v1/departments/${department}/tasks/${issueId}/feedback`)
          .set(bearer(api.token('department', department)))
          .send({ content: department }),
      ),
    );
    expect([cg.status, jt.status]).toEqual([200, 200]);
    const events = await api.app.get(EventStore).readStream(`issue-${issueId}`);
    expect(
      events
        .filter((e) => e.type === 'FeedbackGiven')
        .map((e) => e.data.departmentId)
        .sort(),
    ).toEqual(['cg', 'jt']);
    expect(events.filter((e) => e.type === 'FeedbackDeadlineMet')).toHaveLength(2);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, index) => index));
  });
});
