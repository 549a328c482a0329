/// <reference lib="dom" />
import { EpochMs, parseInstant } from '@app/domain';
import { EventStore } from '@app/event-store';
import { appealStreamOf, IssueCommandService, issueStreamOf, ReferenceData } from '@app/issues';
import { AppealBooking, LedgerBooking } from '@app/scoring';
import { Page } from 'playwright-core';
import { Clock } from '../../apps/api/src/clock/clock';
import { checkPage as keepPage, CONSOLE_DISTRICT, ConsoleApi, ConsoleBrowser, DESKTOP, PHONE, signIn, useConsoleSuite } from './console-harness';

/**
 * Issue #16 in the console, in headless Chromium on a desktop and on a 360×800 phone: a station records a meeting
 * and its attendance (the console's checks, then the rules' refusal next to its field); supervisors read every
 * meeting of a period; the department sees a deadline's 督办提醒, then its reminded mark; a supervisor reads the
 * department's attendance and decides its base score (BASE.BELOW_ZERO next to the points); the department appeals
 * the missed deadline; supervisors decide from the queue (overturned on the desktop, upheld on the phone). The API
 * (serving /console) and the projector run on a fresh database; the clock is the API's, set by the test, and the
 * worker's part (the issue's timer ticks, the deduction's and the overturn's booking) runs in-process on the store.
 */
class SetClock extends Clock {
  at: EpochMs = parseInstant('2026-03-02T10:00:00+08:00');
  now(): EpochMs {
    return this.at;
  }
}

const FOUR_LISTS = { problem: '小区路灯损坏', tasks: '更换路灯', responsibleParty: '区城管委', acceptanceStandard: '路灯正常照明' };
const YEAR = { from: '2026-01-01', to: '2026-12-31' };

type Deadline = { deadlineId: string; due: string; remindAt: string | null; remindedAt: string | null; outcome: string };
type Task = { deadlines: Deadline[] };
type Appeals = { items: { deadlineId: string; status: string; attachments: string[]; decision?: { reason: string } }[] };
type Ledger = { entries: { reason: string; points: number; explanation?: string; appealId?: string }[] };
type Meetings = { items: { meetingId: string; kind: string; issues: string[]; attendance: { departmentId: string; attendance: string; reason?: string }[] }[] };

describe('accountability pages (会议, 基础分, 申诉, 督办提醒) in headless Chromium', () => {
  const clock = new SetClock();
  const suite = useConsoleSuite(
    'console-accountability',
    [...CONSOLE_DISTRICT, ['stations', { id: 's2', name: '红领工作站二', streetId: 'st1' }], ['district-departments', { id: 'wj', name: '区卫健委' }]],
    { clock, taskQueue: `console-accountability-${process.pid}` },
  );
  let api: ConsoleApi;
  let browser: ConsoleBrowser;
  beforeAll(() => ({ api, browser } = suite));

  describe.each([
    ['desktop', DESKTOP, 's1', 'cg', '区城管委', { whistle: '2026-03-02', appeal: '2026-03-09', decision: '2026-03-10' }, 'overturned'],
    ['phone', PHONE, 's2', 'jt', '区交通局', { whistle: '2026-03-16', appeal: '2026-03-23', decision: '2026-03-24' }, 'upheld'],
  ] as const)('on a %s', (size, viewport, stationId, departmentId, departmentName, days, outcome) => {
    let page: Page;
    let issueId: string;
    let meetingId: string;
    const at = (day: string) => parseInstant(`${day}T10:00:00+08:00`);
    const station = () => api.token('station', stationId);
    const department = () => api.token('department', departmentId);
    const supervisor = () => api.token('supervisor');
    const deadline = async () =>
      (await api.get<Task>(`/departments/${departmentId}/tasks/${issueId}`, department())).body.deadlines[0] as Deadline;
    const tick = (instant: EpochMs) =>
      api.app.get(IssueCommandService).execute(issueId, { type: 'Tick', at: instant }, { causationId: `tick-${instant}`, actor: { role: 'workflow' } });

    beforeAll(async () => {
      clock.at = at(days.whistle);
      const raised = await api.post<{ issueId: string }>(`/stations/${stationId}/issues`, station(), { title: `路灯损坏（${size}）`, fourLists: FOUR_LISTS });
      issueId = raised.body.issueId;
      for (let step = 0; step < 2; step += 1) expect((await api.post(`/stations/${stationId}/issues/${issueId}/escalations`, station())).status).toBe(200);
      const whistled = await api.post(`/stations/${stationId}/issues/${issueId}/whistle`, station(), { mode: 'single', departments: [departmentId] });
      expect(whistled.status).toBe(200);
      page = await browser.context.newPage();
      await page.setViewportSize(viewport);
    });
    afterAll(() => page.close());

    const checkPage = (name: string) => keepPage(page, `accountability-${size}-${name}`, size === 'phone');

    const fieldError = (scope: ReturnType<Page['locator']>, label: string) =>
      scope.locator('.form-field', { has: page.getByLabel(label, { exact: true }) }).getByTestId('field-error');

    it('the station records a meeting: the console’s checks, the rules’ refusal at its field, then the list with each attendance', async () => {
      await signIn(page, api.origin, station());
      await page.getByRole('button', { name: '记录已召开的会议' }).click();
      const form = page.getByTestId('meeting-form');
      const submit = () => form.getByRole('button', { name: '记录会议', exact: true }).click();
      await form.getByLabel('召开日期').fill(days.whistle);
      await submit();
      await expect(form.getByTestId('field-error').allTextContents()).resolves.toEqual(['请至少邀请一个区直单位']);
      const own = form.locator(`fieldset[data-department="${departmentId}"]`);
      const other = form.locator('fieldset[data-department="wj"]');
      await own.getByLabel('缺席').check();
      await other.getByLabel('请假').check();
      await submit();
      await expect(fieldError(other, '区卫健委请假事由').textContent()).resolves.toBe('必填');
      await other.getByLabel('区卫健委请假事由').fill('参加区安全生产检查');
      // An on-site coordination meeting discusses an issue: the rules' 422 names `issues`, shown under it.
      await form.getByLabel('现场协调会').check();
      await submit();
      await expect(fieldError(form, '研究的事项（事项编号）').textContent()).resolves.toBe(
        '接口：an on-site coordination meeting discusses at least one issue',
      );
      await checkPage('station-meeting-refused');
      expect((await api.get<Meetings>(`/stations/${stationId}/meetings`, station())).body.items).toEqual([]);

      await form.getByLabel('研究的事项（事项编号）').fill(issueId);
      await submit();
      await page.getByTestId('notice').filter({ hasText: '已记录会议' }).waitFor();
      const row = page.getByTestId('station-meetings').locator('tbody tr[data-meeting]');
      await row.waitFor();
      meetingId = (await row.getAttribute('data-meeting')) ?? '';
      await expect(row.locator(`[data-department="${departmentId}"] [data-testid="attendance"]`).textContent()).resolves.toBe('缺席');
      await expect(row.locator('[data-department="wj"]').textContent()).resolves.toBe('区卫健委：请假参加区安全生产检查');
      await checkPage('station-meetings');
      const [recorded] = (await api.get<Meetings>(`/stations/${stationId}/meetings`, station())).body.items;
      expect(recorded).toEqual({
        meetingId,
        kind: 'on-site-coordination',
        date: days.whistle,
        convenor: stationId,
        issues: [issueId],
        attendance: [
          { departmentId, attendance: 'absent' },
          { departmentId: 'wj', attendance: 'excused', reason: '参加区安全生产检查' },
        ],
        recordedAt: expect.any(String),
      });
    });

    it('supervisors read every meeting of the period, one column per department invited', async () => {
      await signIn(page, api.origin, supervisor());
      await page.goto(`${api.origin}/console/meetings`);
      await page.getByLabel('起始日期').fill(YEAR.from);
      await page.getByLabel('截止日期').fill(YEAR.to);
      const row = page.getByTestId('meetings').locator(`tr[data-meeting="${meetingId}"]`);
      await row.waitFor();
      await expect(row.locator(`td[data-label="${departmentName}"]`).textContent()).resolves.toBe('缺席');
      await expect(row.locator('td[data-label="区卫健委"]').textContent()).resolves.toBe('请假参加区安全生产检查');
      await checkPage('meetings');
    });

    it('the department sees each deadline’s 督办提醒, then once the timer fired its reminded mark', async () => {
      const { remindAt, due } = await deadline();
      expect(remindAt).not.toBeNull();
      await signIn(page, api.origin, department());
      const row = page.getByTestId('tasks').locator(`tr[data-issue="${issueId}"]`);
      await row.waitFor();
      await expect(row.getByTestId('remind-at').textContent()).resolves.toMatch(/^督办提醒 2026-03-\d\d 09:00:00$/);

      clock.at = parseInstant(remindAt as string);
      await tick(clock.at);
      expect((await deadline()).remindedAt).toBe(remindAt);
      await page.reload();
      await row.getByTestId('reminded').waitFor();
      await expect(row.getByTestId('reminded').textContent()).resolves.toMatch(/^已提醒 2026-03-\d\d 09:00:00$/);
      await checkPage('department-reminded');

      // The deadline falls due unanswered: the worker's tick misses it and the ledger books the deduction.
      clock.at = parseInstant(due) + 3_600_000;
      await tick(clock.at);
      const store = api.app.get(EventStore);
      const ledgers = new LedgerBooking(store, api.app.get(ReferenceData));
      for (const event of await store.readStream(issueStreamOf(issueId))) {
        if (event.type === 'FeedbackDeadlineMissed') await ledgers.bookIssueEvent(issueId, event.revision, event.id);
      }
      expect((await deadline()).outcome).toBe('missed');
    });

    it('a supervisor reads the department’s attendance and decides its base score, the rules’ BASE.BELOW_ZERO next to the points', async () => {
      await signIn(page, api.origin, supervisor());
      await page.goto(`${api.origin}/console/departments/${departmentId}?year=2026`);
      await page.getByLabel('起始日期').fill(YEAR.from);
      await page.getByLabel('截止日期').fill(YEAR.to);
      await page.getByTestId('attendance-counts').filter({ hasText: '2026-12-31' }).waitFor();
      await expect(page.getByTestId('attendance-counts').textContent()).resolves.toBe(
        '2026-01-01 — 2026-12-31：受邀 1 次：出席 0 次，请假 0 次，缺席 1 次',
      );
      await expect(page.getByTestId('attendance-record').locator(`tr[data-meeting="${meetingId}"]`).getAttribute('data-attendance')).resolves.toBe('absent');

      await page.getByRole('button', { name: '扣减或取消基础分' }).click();
      const form = page.getByTestId('form-base');
      const submit = () => form.getByRole('button', { name: '记录基础分决定' }).click();
      await submit();
      await expect(fieldError(form, '扣减分值').textContent()).resolves.toBe('必填');
      await expect(fieldError(form, '理由（引用出勤记录）').textContent()).resolves.toBe('必填');
      await form.getByLabel('扣减分值').fill('-60.5');
      await form.getByLabel('理由（引用出勤记录）').fill(`缺席${days.whistle}现场协调会（出勤记录）`);
      await submit();
      await expect(fieldError(form, '扣减分值').textContent()).resolves.toMatch(/^接口：the base score of .* would take it below zero$/);
      await checkPage('department-base-refused');
      await form.getByLabel('扣减分值').fill('-10');
      await submit();
      await page.getByTestId('notice').filter({ hasText: '已记录基础分决定：2026 年 -10 分' }).waitFor();
      const entry = page.getByTestId('ledger').locator('tr[data-reason="base-adjusted"]');
      await entry.waitFor();
      await expect(entry.textContent()).resolves.toContain(`缺席${days.whistle}现场协调会（出勤记录）`);
      await checkPage('department-base');
      const ledger = (await api.get<Ledger>(`/supervision/departments/${departmentId}/ledger/2026`, supervisor())).body;
      expect(ledger.entries.filter((e) => e.reason === 'base-adjusted')).toEqual([
        expect.objectContaining({ points: -10, explanation: `缺席${days.whistle}现场协调会（出勤记录）` }),
      ]);
    });

    it('the department appeals the missed deadline with attachments, and sees it in its history', async () => {
      clock.at = at(days.appeal);
      await signIn(page, api.origin, department());
      const { deadlineId } = await deadline();
      await page.getByTestId('attendance-counts').waitFor();
      const row = page.getByTestId('missed-deadlines').locator(`tr[data-deadline="${deadlineId}"]`);
      await row.getByRole('button', { name: '申诉' }).click();
      const form = row.getByTestId('form-appeal');
      await form.getByRole('button', { name: '提交申诉' }).click();
      await expect(fieldError(form, '申诉理由').textContent()).resolves.toBe('必填');
      await form.getByLabel('申诉理由').fill('派单系统故障，未收到任务');
      await form.getByLabel('附件（编号或链接）').fill('oa://2026/031\n\n系统故障说明.pdf\n');
      await form.getByRole('button', { name: '提交申诉' }).click();
      await page.getByTestId('notice').filter({ hasText: `已提交申诉：反馈期限 ${deadlineId}` }).waitFor();
      await page.getByTestId('appeals').locator(`tr[data-deadline="${deadlineId}"][data-status="open"]`).waitFor();
      await expect(row.textContent()).resolves.toContain('待复核');
      await expect(row.getByRole('button').count()).resolves.toBe(0);
      await checkPage('department-appeal');
      const [appeal] = (await api.get<Appeals>(`/departments/${departmentId}/appeals`, department())).body.items;
      expect(appeal).toMatchObject({ deadlineId, status: 'open', attachments: ['oa://2026/031', '系统故障说明.pdf'] });
    });

    it(`supervisors decide it from the queue (${outcome}) with a reason; the history and the ledger show the decision`, async () => {
      clock.at = at(days.decision);
      const { deadlineId } = await deadline();
      await signIn(page, api.origin, supervisor());
      await page.goto(`${api.origin}/console/appeals`);
      const row = page.getByTestId('appeal-queue').locator(`tr[data-deadline="${deadlineId}"]`);
      const action = outcome === 'overturned' ? '撤销扣分' : '维持';
      await row.getByRole('button', { name: action, exact: true }).click();
      const form = row.getByTestId(`form-${outcome}`);
      const submit = form.getByRole('button', { name: outcome === 'overturned' ? '确认撤销扣分' : '确认维持扣分' });
      await submit.click();
      await expect(fieldError(form, '复核理由').textContent()).resolves.toBe('必填');
      await form.getByLabel('复核理由').fill('经复核，派单未送达');
      await checkPage('appeal-queue');
      await submit.click();
      await page.getByTestId('notice').filter({ hasText: `${action}：反馈期限 ${deadlineId}` }).waitFor();
      await row.waitFor({ state: 'detached' });
      const decided = page.getByTestId('appeal-history').locator(`tr[data-deadline="${deadlineId}"][data-status="${outcome}"]`);
      await decided.waitFor();
      await expect(decided.textContent()).resolves.toContain('经复核，派单未送达');
      await checkPage('appeal-history');

      // The worker's appeal feed books an overturn (+3 linked to the appeal); an upheld appeal books nothing.
      const store = api.app.get(EventStore);
      const booking = new AppealBooking(store, api.app.get(ReferenceData));
      for (const event of await store.readStream(appealStreamOf(deadlineId))) await booking.bookDecision(event);
      await signIn(page, api.origin, department());
      await page.getByTestId('appeals').locator(`tr[data-deadline="${deadlineId}"][data-status="${outcome}"]`).waitFor();
      const overturned = page.getByTestId('ledger').locator('tr[data-reason="deduction-overturned"]');
      if (outcome === 'overturned') await expect(overturned.locator('td.number').first().textContent()).resolves.toBe('+3');
      else await expect(overturned.count()).resolves.toBe(0);
      await checkPage('department-decided');
      const ledger = (await api.get<Ledger>(`/supervision/departments/${departmentId}/ledger/2026`, department())).body;
      expect(ledger.entries.filter((e) => e.reason === 'deduction-overturned')).toEqual(
        outcome === 'overturned' ? [expect.objectContaining({ points: 3, appealId: `appeal:${deadlineId}` })] : [],
      );
    });
  });
});
