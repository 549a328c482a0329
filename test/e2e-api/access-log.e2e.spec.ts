import { Client } from 'pg';
import { ApiTestApp, bearer, FOUR_LISTS, seedOrganisation, startApiTestApp, whistledTo } from './api-test-app';

type AccessLogPage = {
  page: number;
  pageSize: number;
  total: number;
  items: { what: string; route: string; resourceIds: Record<string, string>; actor: { role: string; subject: string }; readAt: string }[];
};

/** Who read what: the supervisors' reads go into the access log, which only auditors read; the events stay untouched. */
describe('access log (who read what)', () => {
  let api: ApiTestApp;
  let db: Client;
  let issueId: string;
  const year = new Date().getUTCFullYear();
  const supervisor = () => bearer(api.token('supervisor'));
  const auditor = () => bearer(api.token('auditor'));
  const eventCount = async () => (await db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;

  beforeAll(async () => {
    api = await startApiTestApp('api_access_log');
    db = new Client({ connectionString: api.database.url });
    await db.connect();
    await seedOrganisation(api);
    issueId = await whistledTo(api, 's1', ['cg']);
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it("records a supervisor's reads of an audit trail, a ledger and a department's pages; only an auditor reads them", async () => {
    const eventsBefore = await eventCount();
    await api.http().get(`/api/v1/supervision/issues/${issueId}/audit-trail`).set(supervisor()).expect(200);
    await api.http().get(`/api/v1/supervision/departments/cg/ledger/${year}`).set(supervisor()).expect(200);
    await api.http().get('/api/v1/departments/cg/inbox').set(supervisor()).expect(200);
    await api.http().get(`/api/v1/departments/cg/tasks/${issueId}`).set(supervisor()).expect(200);
    // A department reading its own pages, and a read refused, are not recorded.
    await api.http().get(`/api/v1/supervision/departments/cg/ledger/${year}`).set(bearer(api.token('department', 'cg'))).expect(200);
    await api.http().get(`/api/v1/supervision/issues/${issueId}/audit-trail`).set(bearer(api.token('department', 'cg'))).expect(403);
    expect(await eventCount()).toBe(eventsBefore);

    await api.http().get('/api/v1/supervision/access-log').set(supervisor()).expect(403);
    const log = (await api.http().get('/api/v1/supervision/access-log').set(auditor()).expect(200)).body as AccessLogPage;
    expect(log.total).toBe(4);
    expect(log.items.map(({ what, route, resourceIds, actor }) => ({ what, route, resourceIds, actor }))).toEqual([
      { what: 'department-task', route: 'GET /api/v1/departments/:departmentId/tasks/:issueId', resourceIds: { departmentId: 'cg', issueId }, actor: { role: 'supervisor', subject: 'supervisor' } },
      { what: 'department-inbox', route: 'GET /api/v1/departments/:departmentId/inbox', resourceIds: { departmentId: 'cg' }, actor: { role: 'supervisor', subject: 'supervisor' } },
      {
        what: 'ledger',
        route: 'GET /api/v1/supervision/departments/:departmentId/ledger/:year',
        resourceIds: { departmentId: 'cg', year: String(year) },
        actor: { role: 'supervisor', subject: 'supervisor' },
      },
      { what: 'audit-trail', route: 'GET /api/v1/supervision/issues/:issueId/audit-trail', resourceIds: { issueId }, actor: { role: 'supervisor', subject: 'supervisor' } },
    ]);
    expect(Date.parse(log.items[0].readAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(log)).not.toContain(FOUR_LISTS.problem);

    // The auditor's own read is recorded too.
    const again = (await api.http().get('/api/v1/supervision/access-log').set(auditor()).expect(200)).body as AccessLogPage;
    expect(again.total).toBe(5);
    expect(again.items[0]).toMatchObject({ what: 'access-log', route: 'GET /api/v1/supervision/access-log', actor: { role: 'auditor' } });
  });

  it('pages and filters, and names a malformed query parameter', async () => {
    const second = (await api.http().get('/api/v1/supervision/access-log?pageSize=2&page=2').set(auditor()).expect(200)).body as AccessLogPage;
    expect({ page: second.page, pageSize: second.pageSize, items: second.items.length }).toEqual({ page: 2, pageSize: 2, items: 2 });
    const ledgers = (await api.http().get('/api/v1/supervision/access-log?what=ledger').set(auditor()).expect(200)).body as AccessLogPage;
    expect(ledgers.items.map((item) => item.what)).toEqual(['ledger']);
    const bad = await api.http().get('/api/v1/supervision/access-log?what=everything&pageSize=0').set(auditor()).expect(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['pageSize', 'what']);
  });

  it('keeps its own append-only table, apart from the events', async () => {
    await expect(db.query("update access_log set what = 'nothing'")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('delete from access_log')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query('truncate access_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    const { rows } = await db.query<{ n: number }>("select count(*)::int as n from events where type ilike '%access%' or data::text ilike '%access-log%'");
    expect(rows[0].n).toBe(0);
  });
});
