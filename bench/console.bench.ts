/// <reference lib="dom" />
// Console benchmark: 总览 and 排名 render time in headless Chromium and issue search latency, with a generated
// year of issues loaded.
// Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/console.bench.ts [--issues 100000] [--runs 7]
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { ledgerEntryRecorded, ledgerStreamOf, LedgerEntry } from '@app/domain';
import { createEventStoreFromEnv, createPostgresPool, PostgresCheckpointStore } from '@app/event-store';
import { derivedEventId, toNewEvent } from '@app/issues';
import { createReadModelsDataSource, ledgerProjection, ProjectionRunner } from '@app/read-models';
import { Client } from 'pg';
import { launchChromium, prepareConsole, startConsoleApi } from '../test/console/console-harness';

const { values } = parseArgs({ options: { issues: { type: 'string', default: '100000' }, runs: { type: 'string', default: '7' } } });
const ISSUES = Number(values.issues);
const RUNS = Number(values.runs);
const YEAR = 2026;
const DEPARTMENTS = Array.from({ length: 40 }, (_, i) => ({ id: `d${String(i).padStart(2, '0')}`, name: `区直单位${i}` }));
const STREETS = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, name: `街道${i}` }));
const STATIONS = Array.from({ length: 120 }, (_, i) => ({ id: `w${i}`, name: `工作站${i}`, streetId: `s${i % 12}` }));

const percentile = (samples: number[], p: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)];
const ms = (n: number) => `${n.toFixed(0)} ms`;

/**
 * The read models of a year of issues, written straight into read_models with one seeded SQL statement per table
 * (same shapes the projector writes: levels, statuses, whistle modes, one or two departments, deadlines met /
 * missed / cancelled / pending by their last day).
 */
async function loadReadModels(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('SELECT setseed(0.2026)');
  await db.query(
    `INSERT INTO read_models.issue_view (issue_id, status, level, station_id, street_id, title, problem, tasks, responsible_party, acceptance_standard,
        whistle_mode, whistled_at, departments, raised_at, closed_at, stream_revision)
     SELECT 'I' || n, s.status, s.level, 'w' || (n % 120), 's' || ((n % 120) % 12), '事项' || n, '问题', '任务', '责任', '标准',
            s.mode, CASE WHEN s.mode IS NULL THEN NULL ELSE s.raised + interval '3 hours' END,
            CASE WHEN s.mode IS NULL THEN '{}'::text[] WHEN s.mode = 'joint' THEN ARRAY['d' || lpad((n % 40)::text, 2, '0'), 'd' || lpad(((n + 7) % 40)::text, 2, '0')]
                 ELSE ARRAY['d' || lpad((n % 40)::text, 2, '0')] END,
            s.raised, CASE WHEN s.status = 'closed' THEN s.raised + interval '5 days' END, 8
     FROM generate_series(1, $1::int) n,
     LATERAL (SELECT r, timestamptz '2026-01-05 09:00+08' + (random() * 339) * interval '1 day' AS raised,
                     CASE WHEN r < 0.25 THEN NULL WHEN r < 0.6 THEN 'single' WHEN r < 0.85 THEN 'joint' ELSE 'transfer' END AS mode,
                     CASE WHEN r < 0.25 THEN 'community' WHEN r < 0.85 THEN 'district' ELSE 'city' END AS level,
                     CASE WHEN random() < 0.7 THEN 'closed' WHEN random() < 0.5 THEN 'resolved' ELSE 'open' END AS status
              FROM (SELECT random() AS r, n AS k) x) s`,
    [ISSUES],
  );
  await db.query(
    `INSERT INTO read_models.issue_deadline (deadline_id, issue_id, sequence, department_id, cause, started_at, due, last_day, provisional, outcome, settled_at)
     SELECT i.issue_id || ':' || d.dept, i.issue_id, d.ord, d.dept, 'whistle', i.whistled_at, due, to_char((due - interval '1 day') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),
            false, o.outcome, CASE WHEN o.outcome = 'pending' THEN NULL ELSE due END
     FROM read_models.issue_view i,
          unnest(i.departments) WITH ORDINALITY AS d(dept, ord),
          LATERAL (SELECT date_trunc('day', (i.whistled_at AT TIME ZONE 'Asia/Shanghai') + interval '4 days') AT TIME ZONE 'Asia/Shanghai' AS due) due,
          LATERAL (SELECT CASE WHEN due > now() THEN 'pending' WHEN random() < 0.85 THEN 'met' WHEN i.status = 'closed' AND random() < 0.3 THEN 'cancelled' ELSE 'missed' END AS outcome) o`,
  );
  await db.query(
    `INSERT INTO read_models.interview (event_id, department_id, year, at, reason, deadline_ids)
     SELECT gen_random_uuid(), 'd' || lpad((n % 40)::text, 2, '0'), 2026, timestamptz '2026-02-01 00:00+08' + n * interval '1 day', 'consecutive-missed-feedback', '[]'::jsonb
     FROM generate_series(1, 60) n`,
  );
  await db.query('ANALYZE');
  await db.end();
}

/**
 * The ledger streams of the year: base +60, closure points and −3 per missed deadline, as the worker writes them,
 * appended to the event store; then the projector's own ledger projection carries them into
 * read_models.ledger_entry, the read model the provisional ranking reads.
 */
async function loadLedgers(databaseUrl: string): Promise<{ written: number; totals: Map<string, number> }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const rows: { department_id: string; issue_id: string; points: number; reason: string; at: Date; deadline_id: string | null }[] = (
    await db.query(
      `SELECT d.department_id, d.issue_id, -3 AS points, 'feedback-missed' AS reason, d.due AS at, d.deadline_id
       FROM read_models.issue_deadline d WHERE d.outcome = 'missed'
       UNION ALL
       SELECT dept, i.issue_id, CASE i.whistle_mode WHEN 'joint' THEN 0.5 WHEN 'transfer' THEN 1.5 ELSE 1 END,
              CASE i.whistle_mode WHEN 'joint' THEN 'joint-closed' WHEN 'transfer' THEN 'transfer-led-closed' ELSE 'single-closed' END, i.closed_at, NULL
       FROM read_models.issue_view i, unnest(i.departments) dept WHERE i.status = 'closed'
       ORDER BY at`,
    )
  ).rows;
  await db.end();
  const store = await createEventStoreFromEnv({ ...process.env, DATABASE_URL: databaseUrl });
  const byDepartment = new Map<string, LedgerEntry[]>();
  for (const department of DEPARTMENTS) {
    byDepartment.set(department.id, [
      { entryId: `base:${YEAR}:${department.id}`, departmentId: department.id, year: YEAR, at: Date.parse('2026-01-01T00:00:00+08:00'), points: 60, reason: 'base' },
    ]);
  }
  for (const row of rows) {
    byDepartment.get(row.department_id)?.push({
      entryId: `${row.reason}:${row.deadline_id ?? row.issue_id}:${row.department_id}`,
      departmentId: row.department_id,
      year: YEAR,
      at: row.at.getTime(),
      points: Number(row.points),
      reason: row.reason as LedgerEntry['reason'],
      issueId: row.issue_id,
      ...(row.deadline_id !== null ? { deadlineId: row.deadline_id } : {}),
    });
  }
  let written = 0;
  for (const [department, entries] of byDepartment) {
    for (let from = 0; from < entries.length; from += 500) {
      const batch = entries.slice(from, from + 500).map((entry) => toNewEvent(ledgerEntryRecorded(entry, undefined), derivedEventId(entry.entryId)));
      await store.appendToStream(ledgerStreamOf(department, YEAR), batch, { expectedRevision: 'any' });
      written += batch.length;
    }
  }
  const pool = createPostgresPool({ connectionString: databaseUrl, max: 2 }, 'console-bench');
  const dataSource = await createReadModelsDataSource(databaseUrl).initialize();
  try {
    await new ProjectionRunner({ dataSource, eventStore: store, checkpoints: new PostgresCheckpointStore(pool), projections: [ledgerProjection] }).catchUp();
  } finally {
    await dataSource.destroy();
    await pool.end();
    await store.close();
  }
  // Tenths keep half points exact, as the read model's GROUP BY does.
  const totals = new Map([...byDepartment].map(([department, entries]) => [department, entries.reduce((sum, e) => sum + Math.round(e.points * 10), 0) / 10]));
  return { written, totals };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((l) => l.toFixed(2)).join(' ');
  prepareConsole();
  const api = await startConsoleApi('console_bench');
  try {
    const admin = api.token('admin');
    for (const street of STREETS) await api.post('/admin/organisation/streets', admin, street);
    for (const station of STATIONS) await api.post('/admin/organisation/stations', admin, station);
    for (const department of DEPARTMENTS) await api.post('/admin/organisation/district-departments', admin, department);
    let started = Date.now();
    await loadReadModels(api.database.url);
    const { written: ledgerEvents, totals } = await loadLedgers(api.database.url);
    const projected = new Client({ connectionString: api.database.url });
    await projected.connect();
    const ledgerRows = Number((await projected.query('SELECT count(*) AS n FROM read_models.ledger_entry WHERE year = $1', [YEAR])).rows[0].n);
    await projected.query('ANALYZE read_models.ledger_entry');
    await projected.end();
    process.stdout.write(
      `loaded ${ISSUES} issues into the read models and ${ledgerEvents} ledger entries into 40 ledger streams (${ledgerRows} rows projected into read_models.ledger_entry) in ${ms(Date.now() - started)}\n`,
    );
    if (ledgerRows !== ledgerEvents) throw new Error(`the ledger projection booked ${ledgerRows} of ${ledgerEvents} entries`);
    // The page is timed on the real answer: the provisional ranking must carry the totals of the loaded ledgers.
    const ranked = (await api.get<{ ranking: { department: string; total: number }[] }>(`/supervision/rankings/${YEAR}`, api.token('supervisor'))).body.ranking;
    const wrong = ranked.filter((row) => row.total !== totals.get(row.department));
    if (ranked.length !== DEPARTMENTS.length || wrong.length > 0) throw new Error(`the provisional ranking does not match the loaded ledgers: ${JSON.stringify(wrong.slice(0, 3))}`);

    const supervisor = api.token('supervisor');
    const browser = await launchChromium();
    const page = await browser.context.newPage();
    await page.goto(`${api.origin}/console/sign-in`);
    await page.evaluate((token) => sessionStorage.setItem('whistle.console.token', token), supervisor);

    const renders: Record<string, number[]> = { overview: [], ranking: [] };
    for (let run = 0; run < RUNS + 1; run += 1) {
      started = Date.now();
      await page.goto(`${api.origin}/console/`);
      await page.getByTestId('missed-this-month').waitFor();
      await page.locator('[data-testid="overview-chart"][data-rendered="true"] svg').waitFor();
      const overview = Date.now() - started;
      started = Date.now();
      await page.goto(`${api.origin}/console/ranking?year=${YEAR}`);
      await page.getByTestId('ranking').locator('tbody tr').nth(DEPARTMENTS.length - 1).waitFor();
      await page.locator('[data-testid="ranking-chart"][data-rendered="true"] svg').waitFor();
      const ranking = Date.now() - started;
      // The first run warms the browser cache and the API's pools; it is not counted.
      if (run > 0) {
        renders.overview.push(overview);
        renders.ranking.push(ranking);
      }
    }
    await browser.close();

    const searches: [string, Record<string, string>][] = [
      ['no filter, page 1', {}],
      ['station', { stationId: 'w17' }],
      ['street + status', { streetId: 's3', status: 'open' }],
      ['department', { departmentId: 'd05' }],
      ['status + level', { status: 'open', level: 'district' }],
      ['date range (one month)', { raisedFrom: '2026-06-01', raisedTo: '2026-06-30' }],
      ['all filters', { streetId: 's5', departmentId: 'd05', status: 'closed', level: 'district', raisedFrom: '2026-03-01', raisedTo: '2026-09-30' }],
      ['deep page (page 2000)', { page: '2000' }],
    ];
    const searchRows: string[] = [];
    for (const [label, query] of searches) {
      const samples: number[] = [];
      let total = 0;
      for (let run = 0; run < 21; run += 1) {
        started = performance.now();
        const answer = await api.get<{ total: number }>(`/supervision/issues?${new URLSearchParams({ pageSize: '20', ...query })}`, supervisor);
        if (run > 0) samples.push(performance.now() - started);
        total = answer.body.total;
      }
      searchRows.push(`| ${label} | ${total} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 95))} | ${ms(Math.max(...samples))} |`);
    }

    // The API's share of the 排名 page: its three reads alone, as HTTP round trips from Node.
    const rankingReads: [string, string][] = [
      [`GET /supervision/rankings/${YEAR}`, `/supervision/rankings/${YEAR}?kind=provisional`],
      [`GET /supervision/assessment-bonuses/${YEAR}`, `/supervision/assessment-bonuses/${YEAR}`],
      [`GET /supervision/interviews?year=${YEAR}`, `/supervision/interviews?year=${YEAR}`],
    ];
    const readRows: string[] = [];
    for (const [label, path] of rankingReads) {
      const samples: number[] = [];
      for (let run = 0; run < 21; run += 1) {
        started = performance.now();
        await api.get(path, supervisor);
        if (run > 0) samples.push(performance.now() - started);
      }
      readRows.push(`| ${label} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 95))} | ${ms(Math.max(...samples))} |`);
    }

    const cpu = cpus()[0]?.model ?? 'unknown';
    process.stdout.write(
      [
        '',
        `machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${ISSUES} issues, ${RUNS} runs; load average at start ${loadAtStart}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
        '',
        '| page (headless Chromium, navigation → data and chart drawn) | median | max |',
        '|---|---:|---:|',
        `| 总览 overview | ${ms(percentile(renders.overview, 50))} | ${ms(Math.max(...renders.overview))} |`,
        `| 排名 ranking (provisional, ledger read model of 40 departments) | ${ms(percentile(renders.ranking, 50))} | ${ms(Math.max(...renders.ranking))} |`,
        '',
        '| the 排名 page\'s API reads alone (HTTP from Node) | p50 | p95 | max |',
        '|---|---:|---:|---:|',
        ...readRows,
        '',
        '| issue search (GET /api/v1/supervision/issues, 20 per page) | total | p50 | p95 | max |',
        '|---|---:|---:|---:|---:|',
        ...searchRows,
        '',
      ].join('\n'),
    );
  } finally {
    await api.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
