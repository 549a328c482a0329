/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Page } from 'playwright-core';
import { startProjector } from '../../apps/projector/src/projector';
import { runWorker } from '../../apps/worker/src/main';
import { OffsetClock } from '../../apps/api/src/clock/clock';
import {
  CONSOLE_DISTRICT,
  ConsoleApi,
  ConsoleBrowser,
  launchChromium,
  prepareConsole,
  registerUnits,
  screenshot,
  seriousAccessibilityViolations,
  signIn,
  startConsoleApi,
} from './console-harness';
import { endTaskQueueOnDevServer } from '@app/testing';

/**
 * The supervision console in headless Chromium against the running system: the API (serving /console) on a
 * fresh database, the Temporal worker and the projector on real infrastructure. The stations, dispatch and
 * departments act through the API 20 days in the past (the API's demo clock), so the worker finds the feedback
 * deadlines due and settles them as the rules say: missed deadlines, their −3 ledger entries, an interview.
 */
const ACTED_DAYS_AGO = 20;
const FOUR_LISTS = { problem: '小区路灯损坏，夜间出行不便', tasks: '更换路灯 12 盏', responsibleParty: '区城管委', acceptanceStandard: '全部路灯夜间正常照明' };

type Ledger = { total: number; entries: { reason: string; points: number; issueId?: string; causedBy?: string }[] };
type IssueDetails = { deadlines: { departmentId: string; outcome: string }[] };

async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`${what} not reached within ${timeoutMs} ms; last: ${JSON.stringify(value).slice(0, 500)}`);
    await delay(300);
  }
}

describe('supervision console (监督台) in headless Chromium', () => {
  let api: ConsoleApi;
  let browser: ConsoleBrowser;
  let worker: { shutdown(): Promise<void> } | undefined;
  let projector: { stop(): Promise<void> } | undefined;
  let page: Page;
  /** Whistled to cg alone, never answered: its deadline is missed. */
  let missedIssue: string;
  /** Whistled jointly to cg and jt; jt reports in on time and resolves, the station closes it: cg's deadline is cancelled. */
  let closedIssue: string;
  let year: number;
  // The API starts the provisional year end on the worker's task queue; the Temporal namespace is shared by every run.
  const taskQueue = `console-e2e-${randomUUID().slice(0, 8)}`;
  const supervisor = () => api.token('supervisor');

  async function raiseToDistrict(stationId: string, title: string): Promise<string> {
    const station = api.token('station', stationId);
    const raised = await api.post<{ issueId: string }>(`/stations/${stationId}/issues`, station, { title, fourLists: FOUR_LISTS });
    expect(raised.status).toBe(201);
    for (let step = 0; step < 2; step += 1) expect((await api.post(`/stations/${stationId}/issues/${raised.body.issueId}/escalations`, station)).status).toBe(200);
    return raised.body.issueId;
  }

  async function whistle(issueId: string, mode: string, departments: string[]): Promise<void> {
    expect((await api.post(`/dispatch/issues/${issueId}/whistle`, api.token('dispatch'), { mode, departments })).status).toBe(200);
  }

  beforeAll(async () => {
    prepareConsole();
    api = await startConsoleApi('console_e2e', { clock: new OffsetClock(-ACTED_DAYS_AGO * 86_400_000), taskQueue });
    await registerUnits(api, [
      ...CONSOLE_DISTRICT,
      ['stations', { id: 's2', name: '红领工作站二', streetId: 'st1' }],
      ['district-departments', { id: 'sw', name: '区水务局' }],
      ['district-departments', { id: 'yj', name: '区应急局' }],
    ]);

    // Everything the people do is stored before the worker starts, so its timers settle a finished story.
    missedIssue = await raiseToDistrict('s1', '路灯损坏');
    await whistle(missedIssue, 'single', ['cg']);
    const secondMiss = await raiseToDistrict('s1', '井盖缺失');
    await whistle(secondMiss, 'single', ['cg']);
    closedIssue = await raiseToDistrict('s2', '道路积水');
    await whistle(closedIssue, 'joint', ['cg', 'jt']);
    const jt = api.token('department', 'jt');
    expect((await api.post(`/departments/jt/tasks/${closedIssue}/feedback`, jt, { content: '已到场处置' })).status).toBe(200);
    expect((await api.post(`/departments/jt/tasks/${closedIssue}/resolution`, jt)).status).toBe(200);
    expect((await api.post(`/stations/s2/issues/${closedIssue}/closing-confirmations`, api.token('station', 's2'))).status).toBe(200);
    expect((await api.post('/stations/s2/issues', api.token('station', 's2'), { title: '树木倒伏', fourLists: FOUR_LISTS })).status).toBe(201);

    const env = { ...process.env, DATABASE_URL: api.database.url, TEMPORAL_TASK_QUEUE: taskQueue, KAFKA_TOPIC_PREFIX: `console-e2e.${api.database.name}.` };
    projector = await startProjector(env, () => undefined);
    worker = await runWorker(env);

    const details = await eventually(
      'the missed deadline in the issue view',
      async () => (await api.get<IssueDetails>(`/supervision/issues/${missedIssue}`, supervisor())).body,
      (issue) => issue?.deadlines?.some((d) => d.outcome === 'missed') ?? false,
    );
    year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(Date.now() - ACTED_DAYS_AGO * 86_400_000));
    expect(details.deadlines).toEqual([expect.objectContaining({ departmentId: 'cg', outcome: 'missed' })]);
    await eventually(
      'two −3 entries in the ledger of cg',
      async () => (await api.get<Ledger>(`/supervision/departments/cg/ledger/${year}`, supervisor())).body,
      (ledger) => ledger.entries.filter((e) => e.reason === 'feedback-missed').length === 2,
    );
    await eventually(
      'the interview of cg in the read models',
      async () => (await api.get<{ deadlinesMissedThisMonth: number; interviewsPending: number }>('/supervision/overview', supervisor())).body,
      (overview) => overview.interviewsPending >= 1,
    );
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.shutdown();
    await projector?.stop();
    await api?.close();
    await endTaskQueueOnDevServer(taskQueue);
  });

  // The console runs under the api's Content-Security-Policy: any violation fails the test it happened in.
  afterEach(() => expect(browser.takeCspViolations()).toEqual([]));

  async function expectAccessible(): Promise<void> {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  it('signs a supervisor in and shows the overview with the API’s counts', async () => {
    await signIn(page, api.origin, supervisor());
    const overview = (await api.get<{ deadlinesMissedThisMonth: number; interviewsPending: number; deadlinesDueThisWeek: number }>('/supervision/overview', supervisor())).body;
    await page.getByTestId('overview-chart').locator('svg').waitFor();
    await expect(page.getByTestId('missed-this-month').locator('.card-value').textContent()).resolves.toBe(String(overview.deadlinesMissedThisMonth));
    await expect(page.getByTestId('interviews-pending').locator('.card-value').textContent()).resolves.toBe(String(overview.interviewsPending));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('总览');
    await screenshot(page, 'overview');
    await expectAccessible();
  });

  it('finds the issue by station and status, opens its timeline and sees the missed deadline and the verified hash chain', async () => {
    await page.goto(`${api.origin}/console/issues`);
    await page.getByLabel('工作站').selectOption('s1');
    await page.getByLabel('状态').selectOption('open');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/stationId=s1/);
    const results = page.getByTestId('issue-results');
    await results.getByRole('link', { name: missedIssue }).waitFor();
    // The list re-renders when the filtered answer arrives: the closed issue must leave it (a timeout fails the test).
    await results.getByRole('link', { name: closedIssue }).waitFor({ state: 'detached', timeout: 10_000 });
    await screenshot(page, 'issues');
    await expectAccessible();

    await results.getByRole('link', { name: missedIssue }).click();
    const missedRow = page.getByTestId('deadlines').locator('tr[data-outcome="missed"]');
    await missedRow.waitFor();
    await expect(missedRow.textContent()).resolves.toContain('逾期未反馈');
    // The timeline is a second read (the audit trail), which may answer after the issue's deadlines.
    await page.getByTestId('timeline').locator('tr[data-type="FeedbackDeadlineMissed"]').first().waitFor();
    await expect(page.getByTestId('timeline').locator('tr[data-type="FeedbackDeadlineMissed"]').count()).resolves.toBe(1);
    await expect(page.getByTestId('timeline').locator('tr[data-type="WhistleBlown"]').textContent()).resolves.toContain('区吹哨办');
    await expect(page.getByTestId('verification').textContent()).resolves.toMatch(/校验通过：全部 \d+ 个事件的哈希链完整/);
    await screenshot(page, 'issue');
    await expectAccessible();
  });

  it('shows the cancelled deadline of the closed joint issue beside the met one', async () => {
    await page.goto(`${api.origin}/console/issues/${closedIssue}`);
    await page.getByTestId('deadlines').locator('tr[data-outcome="met"]').waitFor();
    // Department names arrive with the organisation, after the deadlines: wait for the row to name cg (a timeout fails).
    await page.getByTestId('deadlines').locator('tr[data-outcome="cancelled"]', { hasText: '区城管委' }).waitFor({ timeout: 10_000 });
  });

  it("shows the −3 entry in the department's ledger, linked to the event that caused it", async () => {
    const ledger = (await api.get<Ledger>(`/supervision/departments/cg/ledger/${year}`, supervisor())).body;
    await page.goto(`${api.origin}/console/departments/cg?year=${year}`);
    const missedEntries = page.getByTestId('ledger').locator('tr[data-reason="feedback-missed"]');
    await missedEntries.first().waitFor();
    await expect(missedEntries.count()).resolves.toBe(2);
    await expect(missedEntries.first().locator('td').nth(2).textContent()).resolves.toBe('-3');
    await expect(page.getByTestId('ledger-total').textContent()).resolves.toBe(String(ledger.total));
    await page.getByTestId('ledger-chart').locator('svg').waitFor();
    await screenshot(page, 'department');
    await expectAccessible();

    const cause = ledger.entries.find((e) => e.reason === 'feedback-missed' && e.issueId === missedIssue);
    await page.getByTestId('ledger').getByRole('link', { name: new RegExp(missedIssue) }).click();
    await page.locator(`tr#event-${cause?.causedBy}`).waitFor();
    await expect(page.locator(`tr#event-${cause?.causedBy}`).getAttribute('data-type')).resolves.toBe('FeedbackDeadlineMissed');
  });

  it('shows the ranking as a table and a bar chart, ties ranked as the API ranks them', async () => {
    const ranking = (await api.get<{ ranking: { department: string; total: number; rank: number }[] }>(`/supervision/rankings/${year}`, supervisor())).body.ranking;
    await page.goto(`${api.origin}/console/ranking?year=${year}`);
    const chart = page.getByTestId('ranking-chart');
    await chart.locator('svg').waitFor();
    // One bar per department, each a filled path: the chart drew the API's totals.
    await expect(chart.locator('svg path[fill]:not([fill="none"])').count()).resolves.toBeGreaterThanOrEqual(ranking.length);
    const rows = page.getByTestId('ranking').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(ranking.length);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(shown.map(([rank, , total]) => [rank.replace('并列', ''), total])).toEqual(ranking.map((row) => [String(row.rank), String(row.total)]));
    const tied = ranking.filter((row) => ranking.filter((other) => other.rank === row.rank).length > 1).length;
    await expect(page.getByTestId('ranking').locator('.badge.tie').count()).resolves.toBe(tied);
    expect(tied).toBeGreaterThan(0);
    // The tooltip is ECharts markup with style attributes: drawn under the CSP too.
    await chart.hover();
    await chart.locator(':scope > div:not(:has(svg))', { hasText: '总分' }).waitFor();
    await screenshot(page, 'ranking');
    await expectAccessible();
  });

  it('lists the interview ordered for two consecutive missed deadlines, the reconciliation page and the three rates', async () => {
    await page.goto(`${api.origin}/console/interviews?year=${year}`);
    await page.getByTestId('interviews').locator('tbody tr', { hasText: '连续两次未按时反馈' }).waitFor();
    await page.getByTestId('interviews').locator('tr', { hasText: '区城管委' }).first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'interviews');
    await expectAccessible();

    await page.goto(`${api.origin}/console/reconciliation?year=${year}`);
    await page.getByTestId('reconciliations').waitFor();
    const reportsBefore = (await api.get<{ reports: unknown[] }>(`/supervision/reconciliations/${year}`, supervisor())).body.reports.length;
    // 生成临时核算: the API starts the year end on the worker, the page reads the list again until its report is there.
    await page.getByRole('button', { name: '生成临时核算' }).click();
    await page.locator('[data-testid="provisional-run"][data-phase="published"]').waitFor({ timeout: 60_000 });
    const reports = (await api.get<{ reports: { final: boolean }[] }>(`/supervision/reconciliations/${year}`, supervisor())).body.reports;
    expect(reports).toHaveLength(reportsBefore + 1);
    expect(reports[reports.length - 1].final).toBe(false);
    await expect(page.getByTestId('reconciliations').locator('section.report').count()).resolves.toBe(reports.length);
    await screenshot(page, 'reconciliation');
    await expectAccessible();

    await page.goto(`${api.origin}/console/rates?year=${year}&department=cg`);
    await page.getByTestId('rates-chart').locator('svg').waitFor();
    const cgRow = page.getByTestId('rates').locator('tr', { hasText: '区城管委' });
    await expect(cgRow.locator('td').nth(2).textContent()).resolves.toBe('0 / 2');
    await screenshot(page, 'rates');
    await expectAccessible();
  });

  it('规则推演: runs the year under a longer feedback period and shows both totals per department, changing nothing', async () => {
    const ledgerBefore = (await api.get<Ledger>(`/supervision/departments/cg/ledger/${year}`, supervisor())).body.total;
    await page.goto(`${api.origin}/console/what-if?year=${year}`);
    await expect(page.getByTestId('what-if-notice').textContent()).resolves.toContain('不改变任何台账');
    await page.getByLabel('反馈期限（天数）').fill('5');
    await page.getByRole('button', { name: '开始推演' }).click();
    // The run's status line is empty once done: the result is what appears.
    await page.locator('[data-testid="what-if-run"][data-phase="done"]').waitFor({ state: 'attached', timeout: 90_000 });
    await page.getByTestId('what-if-result').waitFor();
    await page.getByTestId('what-if-chart').locator('svg').waitFor();
    const rows = page.getByTestId('what-if-changes').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(4);
    // Deductions under five working days: never more than under three.
    for (const cell of await rows.locator('td:nth-child(4)').allTextContents()) {
      const [current, alternative] = cell.split(' → ').map(Number);
      expect(alternative).toBeLessThanOrEqual(current);
    }
    expect((await api.get<Ledger>(`/supervision/departments/cg/ledger/${year}`, supervisor())).body.total).toBe(ledgerBefore);
    await screenshot(page, 'what-if');
    await expectAccessible();
  });

  it("shows the stations' evaluation over a period, records a survey (refusing counts the rules refuse) and publishes a circular shown as a page", async () => {
    const shanghaiDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(ms);
    const period = { from: shanghaiDate(Date.now() - (ACTED_DAYS_AGO + 1) * 86_400_000), to: shanghaiDate(Date.now()) };
    const fillPeriod = async () => {
      await page.getByLabel('起始日期').fill(period.from);
      await page.getByLabel('截止日期').fill(period.to);
    };
    await page.goto(`${api.origin}/console/stations`);
    await fillPeriod();
    const s1 = page.getByTestId('station-evaluation').locator('tr[data-unit="s1"]');
    await s1.locator('td', { hasText: /^2$/ }).first().waitFor();
    // 新增 2, 社区办结 0, 街道办结 0, 吹哨 2, 办结 0: the figures the API computed from the event store.
    await expect(s1.locator('td').allTextContents()).resolves.toEqual(expect.arrayContaining(['红领工作站一']));
    await expect(s1.locator('td').nth(1).textContent()).resolves.toBe('2');
    await expect(s1.locator('td').nth(4).textContent()).resolves.toBe('2');
    const form = page.getByRole('form', { name: '录入测评结果' });
    for (const [label, value] of [['受访人数', '100'], ['知晓', '120'], ['满意', '60'], ['基本满意', '25']]) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: '录入测评结果' }).click();
    await expect(page.getByTestId('survey-refused').textContent()).resolves.toContain('422');
    await form.getByLabel('知晓', { exact: true }).fill('80');
    await form.getByRole('button', { name: '录入测评结果' }).click();
    await page.getByTestId('surveys').locator('tr', { hasText: '80.0%（80/100）' }).waitFor();
    await page.getByTestId('survey-chart').locator('svg').waitFor();
    await s1.locator('td', { hasText: '85.0%（85/100）' }).waitFor();
    await screenshot(page, 'stations');
    await expectAccessible();

    await page.goto(`${api.origin}/console/circulars`);
    await page.getByTestId('circulars').waitFor();
    await fillPeriod();
    await page.getByRole('button', { name: '生成专项通报' }).click();
    const row = page.getByTestId('circulars').locator('tbody tr[data-circular]');
    await row.first().waitFor({ timeout: 90_000 });
    await expect(row.first().textContent()).resolves.toContain('专项通报');
    await screenshot(page, 'circulars');
    await expectAccessible();

    await row.first().getByRole('link').click();
    const ranking = page.getByTestId('circular-ranking');
    await ranking.locator('tr', { hasText: '区城管委' }).waitFor();
    const cgTotal = (await api.get<Ledger>(`/supervision/departments/cg/ledger/${year}`, supervisor())).body.total;
    await expect(ranking.locator('tr', { hasText: '区城管委' }).locator('td').nth(2).textContent()).resolves.toBe(String(cgTotal));
    for (const chart of ['circular-ranking-chart', 'circular-trend-chart', 'circular-misses-chart']) await page.getByTestId(chart).locator('svg').waitFor();
    await page.getByTestId('circular-stations').locator('tr[data-unit="s1"]', { hasText: '80.0%（80/100）' }).waitFor();
    await page.getByTestId('circular-overdue').locator('tr', { hasText: '路灯损坏' }).waitFor();
    await screenshot(page, 'circular');
    await expectAccessible();
  });

  it("signs a department head in: their own tasks and ledger load, another department's page answers the API's 403", async () => {
    const jt = api.token('department', 'jt');
    // jt's own ledger, read with jt's token: the joint closure booked by the worker.
    const ownLedger = await eventually(
      "the joint closure in jt's ledger",
      async () => (await api.get<Ledger>(`/supervision/departments/jt/ledger/${year}`, jt)).body,
      (ledger) => ledger.entries?.some((e) => e.reason === 'joint-closed' && e.issueId === closedIssue) ?? false,
    );
    await signIn(page, api.origin, jt);
    expect(new URL(page.url()).pathname).toBe('/console/departments/jt');
    // The issue page is the supervisors' (the API answers 403 to a department): the id is shown, not linked.
    await page.getByTestId('tasks').getByTestId('issue-ref').getByText(closedIssue).waitFor();
    await expect(page.getByTestId('tasks').getByRole('link').count()).resolves.toBe(0);
    await page.goto(`${api.origin}/console/departments/jt?year=${year}`);
    const ledgerRows = page.getByTestId('ledger').locator('tbody tr');
    await ledgerRows.first().waitFor();
    await expect(ledgerRows.count()).resolves.toBe(ownLedger.entries.length);
    await expect(page.getByTestId('ledger').locator('tr[data-reason="joint-closed"]').count()).resolves.toBe(1);
    await expect(page.getByTestId('ledger').getByRole('link').count()).resolves.toBe(0);
    await expect(page.getByTestId('ledger').getByTestId('issue-ref').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('ledger-total').textContent()).resolves.toBe(String(ownLedger.total));
    await page.locator('[data-testid="ledger-chart"][data-rendered="true"] svg').waitFor();
    await expect(page.getByTestId('problem').count()).resolves.toBe(0);
    await screenshot(page, 'department-head-own');
    await expectAccessible();

    await page.goto(`${api.origin}/console/departments/cg`);
    const refusal = page.getByTestId('problem').first();
    await refusal.waitFor();
    await expect(refusal.getAttribute('data-status')).resolves.toBe('403');
    await expect(refusal.textContent()).resolves.toContain('接口返回 403');
    // Each of the page's reads (tasks, appeals, attendance, ledger) is refused by the API; no table is drawn.
    await page.getByTestId('problem').nth(3).waitFor();
    await expect(page.getByTestId('problem').evaluateAll((all) => all.map((problem) => problem.getAttribute('data-status')))).resolves.toEqual(
      Array(4).fill('403'),
    );
    for (const table of ['tasks', 'appeals', 'attendance-record', 'ledger']) await expect(page.getByTestId(table).count()).resolves.toBe(0);
    await screenshot(page, 'department-head-refused');
    await expectAccessible();

    await page.goto(`${api.origin}/console/issues/${missedIssue}`);
    await expect(page.getByTestId('problem').first().getAttribute('data-status')).resolves.toBe('403');
    await expect(page.getByTestId('timeline').count()).resolves.toBe(0);
  });
});
