import { ApiTestApp, bearer, FOUR_LISTS, raiseToDistrict, seedOrganisation, startApiTestApp } from './api-test-app';

/** Inputs Schemathesis once turned into 500s (text PostgreSQL cannot store), and other malformed requests: all 400. */
describe('bad input never reaches the store', () => {
  let api: ApiTestApp;
  let issueId: string;
  const station = () => bearer(api.token('station', 's1'));
  const eventCount = async () =>
    (
      await api
        .http()
        .get(`/api/v1/supervision/issues/${issueId}/audit-trail`)
        .set(bearer(api.token('supervisor')))
        .expect(200)
    ).body.events.length;

  beforeAll(async () => {
    api = await startApiTestApp('api_bad_input');
    await seedOrganisation(api);
    issueId = await raiseToDistrict(api, 's1');
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['a NUL character in a field', { title: 'a\u0000b', fourLists: FOUR_LISTS }, 'title'],
    ['an unpaired surrogate in a nested field', { title: 't', fourLists: { ...FOUR_LISTS, tasks: 'x\udb26y' } }, 'fourLists.tasks'],
    ['a NUL character in an unknown key', { title: 't', fourLists: FOUR_LISTS, '\u0000k': 1 }, 'body'],
  ])('refuses %s with 400 naming the field, with or without an Idempotency-Key', async (_, body, field) => {
    for (const key of [undefined, `bad-${field}`]) {
      const post = api.http().post('/api/v1/stations/s1/issues').set(station());
      const response = await (key ? post.set('Idempotency-Key', key) : post).send(body);
      expect({ status: response.status, errors: response.body.errors }).toEqual({
        status: 400,
        errors: [{ field, reason: expect.any(String) }],
      });
    }
    const list = await api.http().get('/api/v1/stations/s1/issues').set(station()).expect(200);
    expect(list.body.items.every((i: { title: string }) => i.title === '路灯损坏')).toBe(true);
  });

  it('refuses a whistle naming unknown properties with 400, writing nothing', async () => {
    const before = await eventCount();
    const response = await api
      .http()
      .post(`/api/v1/dispatch/issues/${issueId}/whistle`)
      .set(bearer(api.token('dispatch')))
      .set('Idempotency-Key', 'w-bad')
      .send({ mode: 'joint', departments: ['', '$'], extra: [1] })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['extra', 'departments']));
    expect(await eventCount()).toBe(before);
  });

  it('answers malformed JSON, a bad If-Match and a bad Idempotency-Key with 400 problems', async () => {
    const malformed = await api
      .http()
      .post('/api/v1/stations/s1/issues')
      .set(station())
      .set('Content-Type', 'application/json')
      .send('{"title":')
      .expect(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const ifMatch = await api
      .http()
      .post(`/api/v1/stations/s1/issues/${issueId}/escalations`)
      .set(station())
      .set('If-Match', 'yesterday')
      .expect(400);
    expect(ifMatch.body.errors).toEqual([{ field: 'If-Match', reason: expect.any(String) }]);
    const key = await api
      .http()
      .post(`/api/v1/stations/s1/issues/${issueId}/escalations`)
      .set(station())
      .set('Idempotency-Key', 'has space')
      .expect(400);
    expect(key.body.errors).toEqual([{ field: 'Idempotency-Key', reason: expect.any(String) }]);
  });

  it('answers a rule refusal with 409 and its domain code, naming no field', async () => {
    const again = await api.http().post(`/api/v1/stations/s1/issues/${issueId}/escalations`).set(station()).expect(409);
    expect(again.body).toMatchObject({
      code: 'ISSUE.ESCALATE_FROM_DISTRICT',
      type: '/api/problems/issue-escalate-from-district',
      errors: [],
    });
    const joint = await api
      .http()
      .post(`/api/v1/dispatch/issues/${issueId}/whistle`)
      .set(bearer(api.token('dispatch')))
      .send({ mode: 'joint', departments: ['cg'] })
      .expect(422);
    expect(joint.body).toMatchObject({ code: 'WHISTLE.JOINT_NEEDS_TWO', errors: [{ field: 'departments' }] });
  });

  it('takes the version 2 policy values and refuses an unknown or malformed one, naming it, without writing', async () => {
    const admin = bearer(api.token('admin'));
    const adopt = (policy: Record<string, unknown>, effectiveFrom: string) =>
      api.http().post('/api/v1/admin/policy/versions').set(admin).send({ effectiveFrom, policy });
    const unknown = await adopt({ deductionPer: 'issue', polcy: 1 }, '2098-01-01T00:00:00Z').expect(422);
    expect(unknown.body).toMatchObject({ code: 'POLICY.INVALID', errors: [{ field: 'policy.polcy' }] });
    const malformed = await adopt({ singleWithAddedDepartments: 'everyone' }, '2098-01-01T00:00:00Z').expect(422);
    expect(malformed.body.errors).toEqual([{ field: 'policy.singleWithAddedDepartments', reason: expect.stringContaining('"everyone"') }]);
    const versions = await api.http().get('/api/v1/policy/versions').set(admin).expect(200);
    expect(versions.body.versions).toHaveLength(1);
    const adopted = await adopt(
      { deductionPer: 'issue', singleWithAddedDepartments: 'namedOnly', ranking: { lastPlaceWhenAllTied: true } },
      '2098-01-01T00:00:00Z',
    ).expect(201);
    expect(adopted.body.appended.data.policy).toMatchObject({
      deductionPer: 'issue',
      singleWithAddedDepartments: 'namedOnly',
      ranking: { bonusRanks: 3, lastPlaceWhenAllTied: true },
    });
  });
});
