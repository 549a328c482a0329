import { startProjector } from '../../apps/projector/src/projector';
import { ApiTestApp, bearer, eventually, FOUR_LISTS, seedOrganisation, startApiTestApp } from './api-test-app';

/**
 * The grassroots half through HTTP (RULES.md §2, v2): one issue closed at community level by its station, one at
 * street level by its street, one whistled by its own station, urged and closed; satisfaction in the rates.
 */
describe('grassroots flow: the station and the street resolve at their levels, the station whistles and urges', () => {
  let api: ApiTestApp;
  let projector: { stop(): Promise<void> } | undefined;
  const year = new Date().getUTCFullYear();
  const station = () => bearer(api.token('station', 's1'));
  const street = () => bearer(api.token('street', 'st1'));
  const cg = () => bearer(api.token('department', 'cg'));
  const supervisor = () => bearer(api.token('supervisor'));
  const post = (path: string, auth: Record<string, string>, body: object = {}) => api.http().post(path).set(auth).send(body);
  const trail = async (issueId: string) =>
    (await api.http().get(`/api/v1/supervision/issues/${issueId}/audit-trail`).set(supervisor()).expect(200)).body.events as {
      type: string;
      data: Record<string, unknown>;
      metadata: { actor: { role: string; id?: string }; command: string };
    }[];
  const raise = async (title: string) =>
    (await post('/api/v1/stations/s1/issues', station(), { title, fourLists: FOUR_LISTS }).expect(201)).body.issueId as string;
  let community: string;
  let atStreet: string;
  let whistled: string;

  beforeAll(async () => {
    api = await startApiTestApp('api_grassroots');
    projector = await startProjector({ ...process.env, DATABASE_URL: api.database.url }, () => undefined);
    await seedOrganisation(api);
    community = await raise('楼道堆物');
    atStreet = await raise('小区停车');
    whistled = await raise('路灯损坏');
  });

  afterAll(async () => {
    await projector?.stop();
    await api?.close();
  });

  it('closes an issue at community level: the station reports it resolved, naming no department, and confirms it satisfied', async () => {
    const resolved = await post(`/api/v1/stations/s1/issues/${community}/resolution`, station()).expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', level: 'community', appended: [{ type: 'ResolutionReported', data: {} }] });
    expect(resolved.body.appended[0].data).not.toHaveProperty('departmentId');
    const closed = await post(`/api/v1/stations/s1/issues/${community}/closing-confirmations`, station(), { satisfaction: 'satisfied' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', appended: [{ type: 'ClosingConfirmed', data: { satisfaction: 'satisfied' } }] });
  });

  it('lets the street list, resolve and (after a rejection) escalate the issues of its stations at street level', async () => {
    await post(`/api/v1/stations/s1/issues/${atStreet}/escalations`, station()).expect(200);
    const listed = await eventually(
      async () => (await api.http().get('/api/v1/streets/st1/issues?level=street&status=open').set(street()).expect(200)).body,
      (page) => page.total === 1,
      'the street list',
    );
    expect(listed.items).toEqual([expect.objectContaining({ issueId: atStreet, stationId: 's1', streetId: 'st1', level: 'street' })]);
    const notYours = await post(`/api/v1/streets/st1/issues/${community}/resolution`, street()).expect(409);
    expect(notYours.body).toMatchObject({ code: 'ISSUE.CLOSED' });
    await post(`/api/v1/streets/st1/issues/${atStreet}/resolution`, street()).expect(200);
    await post(`/api/v1/stations/s1/issues/${atStreet}/closing-rejections`, station(), { reason: '仍有车辆乱停' }).expect(200);
    const refused = await post(`/api/v1/stations/s1/issues/${atStreet}/resolution`, station()).expect(409);
    expect(refused.body).toMatchObject({ code: 'ISSUE.NOT_AT_LEVEL', type: '/api/problems/issue-not-at-level' });
    await post(`/api/v1/streets/st1/issues/${atStreet}/resolution`, street()).expect(200);
    await post(`/api/v1/stations/s1/issues/${atStreet}/closing-confirmations`, station(), { satisfaction: 'basicallySatisfied' }).expect(200);
    const events = await trail(atStreet);
    expect(events.filter((e) => e.type === 'ResolutionReported').map((e) => e.metadata.actor)).toEqual([
      { role: 'street', id: 'st1' },
      { role: 'street', id: 'st1' },
    ]);
    const details = await eventually(
      async () => (await api.http().get(`/api/v1/supervision/issues/${atStreet}`).set(supervisor()).expect(200)).body,
      (issue) => issue.status === 'closed',
      'the closed street issue',
    );
    expect(details).toMatchObject({ resolvedBy: 'st1', satisfaction: 'basicallySatisfied' });
  });

  it('refuses the station’s whistle below district with a 409 code, and takes it at district level, naming the station', async () => {
    const early = await post(`/api/v1/stations/s1/issues/${whistled}/whistle`, station(), { mode: 'single', departments: ['cg'] }).expect(409);
    expect(early.body).toMatchObject({ code: 'ISSUE.NOT_AT_DISTRICT', status: 409 });
    await post(`/api/v1/stations/s1/issues/${whistled}/escalations`, station()).expect(200);
    const toDistrict = await post(`/api/v1/streets/st1/issues/${whistled}/escalations`, street()).expect(200);
    expect(toDistrict.body).toMatchObject({ level: 'district', appended: [{ type: 'IssueEscalated', data: { from: 'street', to: 'district' } }] });
    await post(`/api/v1/stations/s1/issues/${whistled}/whistle`, station(), { mode: 'single', departments: ['cg'] }).expect(200);
    const again = await post(`/api/v1/dispatch/issues/${whistled}/whistle`, bearer(api.token('dispatch')), { mode: 'single', departments: ['jt'] }).expect(409);
    expect(again.body.code).toBe('WHISTLE.ALREADY_BLOWN');
    await post(`/api/v1/dispatch/issues/${whistled}/departments`, bearer(api.token('dispatch')), { departmentId: 'jt' }).expect(200);
    const events = await trail(whistled);
    expect(events.find((e) => e.type === 'WhistleBlown')?.metadata).toMatchObject({ actor: { role: 'station', id: 's1' }, command: 'BlowWhistle' });
    expect(events.find((e) => e.type === 'DepartmentAdded')?.metadata).toMatchObject({ actor: { role: 'dispatch' }, command: 'AddDepartment' });
  });

  it('urges every department on the whistled issue; the urging shows in their inbox and task', async () => {
    const urged = await post(`/api/v1/stations/s1/issues/${whistled}/urgings`, station(), { note: '居民反映仍未修复，请尽快反馈' }).expect(200);
    expect(urged.body.appended).toEqual([
      { type: 'DepartmentsUrged', data: { departments: ['cg', 'jt'], note: '居民反映仍未修复，请尽快反馈', at: expect.any(String) } },
    ]);
    const inbox = await eventually(
      async () => (await api.http().get('/api/v1/departments/cg/inbox').set(cg()).expect(200)).body,
      (page) => page.items[0]?.urgings.length === 1,
      'the urging in cg’s inbox',
    );
    expect(inbox.items[0].urgings).toEqual([{ note: '居民反映仍未修复，请尽快反馈', at: urged.body.appended[0].data.at }]);
    const task = await api.http().get(`/api/v1/departments/cg/tasks/${whistled}`).set(cg()).expect(200);
    expect(task.body.urgings).toEqual([{ note: '居民反映仍未修复，请尽快反馈', at: urged.body.appended[0].data.at }]);
  });

  it('gives satisfaction rates per department, station and street from the evaluated closings', async () => {
    await post(`/api/v1/departments/cg/tasks/${whistled}/resolution`, cg()).expect(200);
    await post(`/api/v1/stations/s1/issues/${whistled}/closing-confirmations`, station(), { satisfaction: 'dissatisfied' }).expect(200);
    const rates = await eventually(
      async () => (await api.http().get(`/api/v1/supervision/rates/${year}`).set(supervisor()).expect(200)).body,
      (body) => body.stations[0]?.issuesClosed === 3,
      'the rates of three closings',
    );
    const byDepartment = Object.fromEntries(rates.items.map((r: { departmentId: string }) => [r.departmentId, r]));
    expect(byDepartment.cg).toMatchObject({ issuesWhistled: 1, issuesClosed: 1, closingsEvaluated: 1, satisfaction: 0 });
    expect(byDepartment.jt).toMatchObject({ closingsEvaluated: 1, satisfaction: 0 });
    // Satisfied and basically satisfied are content; the dissatisfied closing is not.
    expect(rates.stations).toEqual([
      expect.objectContaining({ stationId: 's1', streetId: 'st1', issuesRaised: 3, issuesClosed: 3, closingsEvaluated: 3, satisfaction: 2 / 3 }),
    ]);
    expect(rates.streets).toEqual([expect.objectContaining({ streetId: 'st1', issuesRaised: 3, resolutionRate: 1, satisfaction: 2 / 3 })]);
  });

  describe('bad input on the new routes: a 4xx problem naming the field, nothing written', () => {
    let open: string;
    const eventCount = async () => (await trail(open)).length;

    beforeAll(async () => {
      open = await raise('井盖缺失');
      await post(`/api/v1/stations/s1/issues/${open}/escalations`, station()).expect(200);
      await post(`/api/v1/stations/s1/issues/${open}/escalations`, station()).expect(200);
    });

    it.each([
      ['a satisfaction outside the three', 'closing-confirmations', { satisfaction: 'happy' }, 'satisfaction'],
      ['an urging without a note', 'urgings', {}, 'note'],
      ['an empty note', 'urgings', { note: '' }, 'note'],
      ['a note that is not text', 'urgings', { note: 7 }, 'note'],
      ['an unknown whistle mode', 'whistle', { mode: 'loud', departments: ['cg'] }, 'mode'],
      ['a whistle with no department', 'whistle', { mode: 'single', departments: [] }, 'departments'],
      ['an unknown property', 'urgings', { note: '催办', departments: ['cg'] }, 'departments'],
    ])('refuses %s with 400', async (_, action, body, field) => {
      const before = await eventCount();
      const response = await post(`/api/v1/stations/s1/issues/${open}/${action}`, station(), body).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION' });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await eventCount()).toBe(before);
    });

    it.each([
      ['the street list', 'get', '/api/v1/streets/st1/issues?level=sky', 'level'],
      ['the street list', 'get', '/api/v1/streets/st1/issues?pageSize=0', 'pageSize'],
      ['a street path', 'post', '/api/v1/streets/st%201/issues/x/resolution', 'streetId'],
      ['an issue id', 'post', '/api/v1/streets/st1/issues/bad%20id/escalations', 'issueId'],
      ['a station path', 'post', '/api/v1/stations/s%201/issues/x/resolution', 'stationId'],
    ])('refuses a malformed parameter of %s with 400 naming it', async (_, method, path, field) => {
      const auth = path.includes('/stations/') ? station() : street();
      const response = await (method === 'get' ? api.http().get(path).set(auth) : api.http().post(path).set(auth).send({})).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses an urging and a station resolution the rules do not allow, with 409 codes, writing nothing', async () => {
      const before = await eventCount();
      expect((await post(`/api/v1/stations/s1/issues/${open}/urgings`, station(), { note: '催办' }).expect(409)).body.code).toBe('WHISTLE.NOT_BLOWN');
      expect((await post(`/api/v1/stations/s1/issues/${open}/resolution`, station()).expect(409)).body.code).toBe('ISSUE.NOT_AT_LEVEL');
      expect((await post(`/api/v1/streets/st1/issues/${open}/resolution`, street()).expect(409)).body.code).toBe('ISSUE.NOT_AT_LEVEL');
      expect(await eventCount()).toBe(before);
    });
  });
});
