// Issue #16 over HTTP: a station records a meeting, supervisors and the department read its attendance; a supervisor
// reduces the base score citing it; the department appeals a missed deadline and supervisors overturn it. The worker's
// part (the missed deadline's tick and deduction, the overturn's booking) is run in-process on the same store.
import { EpochMs, parseInstant } from '@app/domain';
import { EventStore } from '@app/event-store';
import { issueIdOfStream, IssueCommandService, ReferenceData } from '@app/issues';
import { AppealBooking, LedgerBooking } from '@app/scoring';
import { Clock } from '../../apps/api/src/clock/clock';
import { ApiTestApp, bearer, seedOrganisation, startApiTestApp, whistledTo } from './api-test-app';

class SetClock extends Clock {
  at: EpochMs = parseInstant('2026-03-02T10:00:00+08:00');
  now(): EpochMs {
    return this.at;
  }
}

describe('accountability: meetings, the base score, appeals (HTTP)', () => {
  const clock = new SetClock();
  let api: ApiTestApp;
  let store: EventStore;
  let issueId: string;
  const as = (role: 'station' | 'department' | 'supervisor', scope?: string) => bearer(api.token(role, scope));

  beforeAll(async () => {
    api = await startApiTestApp('api_accountability', clock);
    store = api.app.get(EventStore);
    await seedOrganisation(api);
    issueId = await whistledTo(api, 's1', ['cg']);
  });

  afterAll(async () => {
    await api?.close();
  });

  /** What the worker does at the deadline: the tick misses it, the deduction is booked. */
  async function missDeadline(): Promise<void> {
    clock.at = parseInstant('2026-03-06T01:00:00+08:00');
    await api.app
      .get(IssueCommandService)
      .execute(issueId, { type: 'Tick', at: clock.at }, { causationId: 'tick', actor: { role: 'workflow' } });
    const ledgers = new LedgerBooking(store, api.app.get(ReferenceData));
    for (const event of await store.readAll({ category: 'issue' })) {
      if (event.type === 'FeedbackDeadlineMissed')
        await ledgers.bookIssueEvent(issueIdOfStream(event.streamId) as string, event.revision, event.id);
    }
  }

  it('records a meeting, refuses bad input naming the field, and shows the attendance', async () => {
    const meeting = {
      kind: 'work-dispatch',
      date: '2026-03-02',
      attendance: [
        { departmentId: 'cg', attendance: 'absent' },
        { departmentId: 'jt', attendance: 'present' },
      ],
    };
    const badKind = await api
      .http()
      .post('/api/v1/stations/s1/meetings')
      .set(as('station', 's1'))
      .send({ ...meeting, kind: 'party' })
      .expect(400);
    expect(badKind.body.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
    const noReason = await api
      .http()
      .post('/api/v1/stations/s1/meetings')
      .set(as('station', 's1'))
      .send({ ...meeting, attendance: [{ departmentId: 'cg', attendance: 'excused' }] })
      .expect(422);
    expect(noReason.body).toMatchObject({
      code: 'MEETING.EXCUSE_REASON_REQUIRED',
      errors: [expect.objectContaining({ field: 'attendance[0].reason' })],
    });
    const future = await api
      .http()
      .post('/api/v1/stations/s1/meetings')
      .set(as('station', 's1'))
      .send({ ...meeting, date: '2026-03-03' })
      .expect(422);
    expect(future.body.code).toBe('MEETING.IN_THE_FUTURE');
    const recorded = await api
      .http()
      .post('/api/v1/stations/s1/meetings')
      .set(as('station', 's1'))
      .set('Idempotency-Key', 'meeting-1')
      .send(meeting)
      .expect(201);
    expect(recorded.body.appended).toMatchObject({ type: 'MeetingRecorded', data: { convenor: 's1', kind: 'work-dispatch' } });

    const meetings = await api.http().get('/api/v1/supervision/meetings?from=2026-03-01').set(as('supervisor')).expect(200);
    expect(meetings.body.items).toHaveLength(1);
    const own = await api.http().get('/api/v1/stations/s1/meetings').set(as('station', 's1')).expect(200);
    expect(own.body.items.map((m: { meetingId: string }) => m.meetingId)).toEqual([recorded.body.appended.data.meetingId]);
    const attendance = await api
      .http()
      .get('/api/v1/departments/cg/attendance?from=2026-01-01&to=2026-12-31')
      .set(as('department', 'cg'))
      .expect(200);
    expect(attendance.body).toMatchObject({
      departmentId: 'cg',
      invited: 1,
      absent: 1,
      present: 0,
      meetings: [{ date: '2026-03-02', attendance: 'absent' }],
    });
    const backwards = await api
      .http()
      .get('/api/v1/departments/cg/attendance?from=2026-05-01&to=2026-04-01')
      .set(as('supervisor'))
      .expect(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });

  it('reduces the base score with a reason, shown in the ledger; below zero is refused and nothing written', async () => {
    await missDeadline();
    const ledger = () => api.http().get('/api/v1/supervision/departments/cg/ledger/2026').set(as('supervisor')).expect(200);
    const adjust = (body: object) =>
      api.http().post('/api/v1/supervision/departments/cg/base-adjustments').set(as('supervisor')).send(body);
    const badPoints = await adjust({ year: 2026, points: 'ten', reason: '缺席' }).expect(400);
    expect(badPoints.body.errors).toEqual([expect.objectContaining({ field: 'points' })]);
    expect((await adjust({ year: 2026, points: 5, reason: '缺席' }).expect(422)).body).toMatchObject({ code: 'BASE.NOT_A_REDUCTION' });
    await adjust({ year: 2026, points: -10, reason: '缺席3月工作调度会（出勤记录）' }).expect(201);
    const before = (await ledger()).body;
    expect(before.entries).toContainEqual(
      expect.objectContaining({
        entryId: 'base-adjusted:2026:cg:1',
        points: -10,
        reason: 'base-adjusted',
        explanation: '缺席3月工作调度会（出勤记录）',
      }),
    );
    expect(before.total).toBe(60 - 10 - 3);
    expect((await adjust({ year: 2026, points: -50.5, reason: '缺席' }).expect(409)).body.code).toBe('BASE.BELOW_ZERO');
    expect((await ledger()).body.entries).toEqual(before.entries);
  });

  it('files an appeal of the deduction, queues it, overturns it once: +3 linked to the appeal', async () => {
    const deadlineId = `${issueId}#1`;
    clock.at = parseInstant('2026-03-09T10:00:00+08:00');
    const file = (departmentId: string, body: object) =>
      api.http().post(`/api/v1/departments/${departmentId}/appeals`).set(as('department', departmentId)).send(body);
    expect((await file('cg', { issueId, deadlineId: 'nope', reason: 'x' }).expect(400)).body.errors).toEqual([
      expect.objectContaining({ field: 'deadlineId' }),
    ]);
    expect((await file('jt', { issueId, deadlineId, reason: '未收到派单' }).expect(422)).body.code).toBe('APPEAL.NOT_OWN_DEADLINE');
    await file('cg', { issueId, deadlineId, reason: '未收到派单', attachments: ['oa://2026/031'] }).expect(201);
    expect((await file('cg', { issueId, deadlineId, reason: '再次申诉' }).expect(409)).body.code).toBe('APPEAL.ALREADY_FILED');

    const queue = await api.http().get('/api/v1/supervision/appeals?status=open').set(as('supervisor')).expect(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        appealId: `appeal:${deadlineId}`,
        status: 'open',
        deduction: { entryId: `missed:${deadlineId}`, points: -3 },
      }),
    ]);
    clock.at = parseInstant('2026-03-10T10:00:00+08:00');
    const decide = (outcome: string) =>
      api
        .http()
        .post('/api/v1/supervision/appeal-decisions')
        .set(as('supervisor'))
        .send({ deadlineId, outcome, reason: '经复核，派单未送达' });
    expect((await decide('granted').expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
    await decide('overturned').expect(201);
    expect((await decide('upheld').expect(409)).body.code).toBe('APPEAL.CLOSED');

    const booking = new AppealBooking(store, api.app.get(ReferenceData));
    for (const event of await store.readAll({ category: 'appeal' })) await booking.bookDecision(event);
    const ledger = await api.http().get('/api/v1/supervision/departments/cg/ledger/2026').set(as('department', 'cg')).expect(200);
    expect(ledger.body.entries).toContainEqual(
      expect.objectContaining({
        entryId: `overturned:${deadlineId}`,
        points: 3,
        reason: 'deduction-overturned',
        appealId: `appeal:${deadlineId}`,
      }),
    );
    expect(ledger.body.total).toBe(60 - 10);
    const history = await api.http().get('/api/v1/departments/cg/appeals').set(as('department', 'cg')).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ status: 'overturned', decision: expect.objectContaining({ reason: '经复核，派单未送达' }) }),
    ]);
  });
});
