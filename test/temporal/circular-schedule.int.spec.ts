// The monthly circular (通报) on the time-skipping server: the circulars' schedule fires at 08:00 Asia/Shanghai on days
// 1–15, each firing starts the schedule's action (the test server has no schedules, so the test fires it at those
// instants), and a run publishes the month before's circular once today is the month's first working day by the
// domain's calendar: 1 October 2026 is National Day, and the holidays run to the 7th.
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Pool } from 'pg';
import { addDays, CircularEvent, circularStreamOf, firstWorkingDayOf, parseInstant, SHANGHAI, WorkingDayCalendar } from '@app/domain';
import { CircularDocumentStore, CircularPublisher, createCircularActivities, DEFAULT_CHROMIUM_PATH } from '@app/circulars';
import { loadEngineConfig } from '@app/config';
import { toEngineEvent } from '@app/issues';
import { CircularStreamReader } from '@app/read-models';
import { circularScheduleAction, CircularWorkflowInput, CircularWorkflowResult } from '@app/temporal';
import { LiveHarness, TemporalSide } from './live-harness';
import { huatingChart } from './organisation-chart.fixture';
import { startTimeSkipping } from './time-skipping-env';

jest.setTimeout(300_000);

const TASK_QUEUE = 'circular-schedule';
const { CIRCULAR_CRON, TIME_ZONE } = loadEngineConfig({});

/** The instants the default cron fires at from `first` (a LocalDate) to `last`: 08:00 local on days 1–15. */
function firings(first: string, last: string): number[] {
  const instants: number[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (Number(date.slice(8)) <= 15) instants.push(SHANGHAI.startOfDay(date) + 8 * 3_600_000);
  }
  return instants;
}

describe('the circulars schedule publishes the month before on its first working day', () => {
  let env: TestWorkflowEnvironment;
  let side: TemporalSide;
  let harness: LiveHarness;
  let pool: Pool;

  beforeAll(async () => {
    ({ env, side } = await startTimeSkipping());
    harness = await LiveHarness.create('circular_schedule', side, TASK_QUEUE);
    await harness.registerOrganisation(huatingChart('cg', 'zj'));
    pool = new Pool({ connectionString: harness.database.url });
    const reader = new CircularStreamReader(harness.store, harness.reference);
    const publisher = new CircularPublisher(harness.store, reader, new CircularDocumentStore(pool), {
      districtName: '大观区',
      numberPrefix: '大观红领办',
      chromiumPath: DEFAULT_CHROMIUM_PATH,
    });
    await harness.start(parseInstant('2026-09-30T12:00:00+08:00'), createCircularActivities({ publisher, reader, reference: harness.reference }));
  });

  afterAll(async () => {
    await pool?.end();
    await harness?.close();
    await env?.teardown();
  });

  it('fires on days 1–15 and publishes September on 8 October, October on Monday 2 November, November on 1 December', async () => {
    expect({ CIRCULAR_CRON, TIME_ZONE }).toEqual({ CIRCULAR_CRON: '0 8 1-15 * *', TIME_ZONE: SHANGHAI.name });
    const calendar = WorkingDayCalendar.official();
    expect(['2026-10', '2026-11', '2026-12'].map((month) => firstWorkingDayOf(month, calendar))).toEqual(['2026-10-08', '2026-11-02', '2026-12-01']);

    // A plain client: the test environment's would unlock time skipping while awaiting a result, and time would run on.
    const client = new Client({ connection: env.connection, namespace: side.namespace });
    const action = circularScheduleAction(TASK_QUEUE);
    const runs: { on: string; published: CircularWorkflowResult['published'] }[] = [];
    for (const firing of firings('2026-10-01', '2026-12-01')) {
      await harness.advanceTo(firing);
      const input: CircularWorkflowInput = { ...action.args[0], clockOffsetMs: harness.clockOffsetMs };
      const handle = await client.workflow.start(action.workflowType, {
        taskQueue: action.taskQueue,
        workflowId: `${action.workflowId}-${new Date(firing).toISOString()}`,
        args: [input],
      });
      runs.push({ on: SHANGHAI.localDate(firing), published: ((await handle.result()) as CircularWorkflowResult).published });
    }

    expect(runs).toHaveLength(31);
    expect(runs.filter((run) => run.published.length > 0)).toEqual([
      { on: '2026-10-08', published: [{ circularId: 'monthly-2026-09', documentNumber: '大观红领办〔2026〕1号' }] },
      { on: '2026-11-02', published: [{ circularId: 'monthly-2026-10', documentNumber: '大观红领办〔2026〕2号' }] },
      { on: '2026-12-01', published: [{ circularId: 'monthly-2026-11', documentNumber: '大观红领办〔2026〕3号' }] },
    ]);
    const publications = (await harness.store.readStream(circularStreamOf(2026))).map((e) => toEngineEvent<CircularEvent>(e).data);
    expect(publications.map(({ circularId, kind, period, issuedOn }) => ({ circularId, kind, period, issuedOn }))).toEqual([
      { circularId: 'monthly-2026-09', kind: 'monthly', period: { from: '2026-09-01', to: '2026-09-30' }, issuedOn: '2026-10-08' },
      { circularId: 'monthly-2026-10', kind: 'monthly', period: { from: '2026-10-01', to: '2026-10-31' }, issuedOn: '2026-11-02' },
      { circularId: 'monthly-2026-11', kind: 'monthly', period: { from: '2026-11-01', to: '2026-11-30' }, issuedOn: '2026-12-01' },
    ]);
    // Published at the firing (08:00 local), not later: the run reads domain time through the clock offset.
    expect(publications.map((p) => p.at.slice(0, 16))).toEqual(['2026-10-08T00:00', '2026-11-02T00:00', '2026-12-01T00:00']);
  });
});
