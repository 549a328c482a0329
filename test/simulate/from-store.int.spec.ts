import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ledgerStreamOf, parseScenarioText, readScenario, simulate, SimulationResult, WhatIfComparison } from '@app/domain';
import { derivedEventId, toNewEvent } from '@app/issues';
import { comparable, LiveHarness } from '../temporal/live-harness';
import { startTimeSkipping } from '../temporal/time-skipping-env';

jest.setTimeout(600_000);

const scenario = readScenario(parseScenarioText(readFileSync(join(__dirname, 'fixtures/recorded-year.yaml'), 'utf8')));
const dir = mkdtempSync(join(tmpdir(), 'what-if-'));
const policyFile = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/**
 * `simulate --from-store` on a year the live path recorded: commands appended to a real PostgreSQL store at their
 * instants, delivered to the issue workflows, whose timers (on the time-skipping server) fire the time limits and
 * missed deadlines, activities booking the ledger and the streak tracker ordering interviews, then the final year end.
 */
describe('npm run -s simulate -- --from-store', () => {
  let env: TestWorkflowEnvironment | undefined;
  let harness: LiveHarness;
  const fromStore = (...args: string[]) =>
    spawnSync('npm', ['run', '-s', 'simulate', '--', '--from-store', String(scenario.year), ...args], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: harness.database.url },
    });

  beforeAll(async () => {
    const started = await startTimeSkipping();
    env = started.env;
    harness = await LiveHarness.create('what_if_from_store', started.side, 'what-if-from-store');
    await harness.registerOrganisation(scenario);
    await harness.start(scenario.steps[0].at - 60_000);
    await harness.drive(scenario, scenario.zone.atLocalTime(`${scenario.year + 1}-01-01`, 0, 30));
    await harness.runYearEnd({ year: scenario.year, final: true }, `yearend-${scenario.year}-what-if`);
  });

  afterAll(async () => {
    await harness?.close();
    await env?.teardown();
  });

  it('without overrides replays the recorded year to what was recorded, and to what simulate gives the same acts', async () => {
    const out = fromStore();
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
    const replayed = JSON.parse(out.stdout) as SimulationResult;
    expect(replayed).toEqual(simulate(scenario));
    const { ledger, ranking, assessmentBonuses, interviews, issues } = replayed;
    expect(comparable(await harness.liveResult(scenario, true))).toEqual(
      comparable({ ledger, ranking, assessmentBonuses, interviews, issues }),
    );
    // The year has what the comparison is about: deductions, interviews for consecutive misses and for last place.
    expect(replayed.interviews.map((i) => i.reason)).toEqual(expect.arrayContaining(['consecutive-missed-feedback', 'last-in-ranking']));
  });

  it('with feedback: {count: 5} and --compare, deductions can only fall, and the current run is the recorded one', () => {
    const out = fromStore('--policy', policyFile('five-days.yaml', 'feedback: { count: 5 }\n'), '--compare');
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
    const printed = JSON.parse(out.stdout) as {
      policy: unknown;
      current: SimulationResult;
      alternative: SimulationResult;
      changes: WhatIfComparison;
    };
    const { ledger, ranking, assessmentBonuses, interviews } = simulate(scenario);
    expect(printed.policy).toEqual({ feedback: { count: 5 } });
    expect(printed.current).toEqual({ ledger, ranking, assessmentBonuses, interviews });
    for (const d of printed.changes.departments) {
      expect({ department: d.department, deductions: Math.sign(d.deductions.change) }).not.toEqual({
        department: d.department,
        deductions: 1,
      });
    }
    // In time under five working days: cg's report of resolution after the meeting, jt's answer on the fifth day,
    // sw's on the fourth; sw still misses twice in a row (its addition and the meeting).
    expect(printed.changes.gains).toEqual([
      { department: 'cg', by: 3 },
      { department: 'jt', by: 3 },
      { department: 'sw', by: 3 },
    ]);
    expect(printed.changes.departments.find((d) => d.department === 'sw')?.interviews).toEqual({ current: 2, alternative: 2, change: 0 });
    expect(printed.changes.departments.find((d) => d.department === 'jt')?.interviews).toEqual({ current: 1, alternative: 0, change: -1 });
  });

  it('refuses overrides that are not policy values: exit 2, nothing on stdout, each field named on stderr', () => {
    const file = policyFile('bad.yaml', 'feedback: { count: 0 }\nfeedbak: 3\n');
    const out = fromStore('--policy', file, '--compare');
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${file}: policy\\.feedback\\.count: .*\\(given 0\\)$`)),
      `${file}: policy.feedbak: is not a policy value`,
    ]);
  });

  it('takes --appeals-out-of-time stand or moot, and refuses anything else: exit 2, the flag named', () => {
    expect(fromStore('--appeals-out-of-time', 'moot', '--compare').status).toBe(0);
    const out = fromStore('--appeals-out-of-time', 'later');
    expect({ status: out.status, stdout: out.stdout }).toEqual({ status: 2, stdout: '' });
    expect(out.stderr.split('\n')[0]).toBe('--appeals-out-of-time: stand or moot, not "later"');
  });

  it('prints a difference from the record and exits 1', async () => {
    const stray = {
      entryId: 'stray',
      departmentId: 'cg',
      year: scenario.year,
      at: '2026-08-01T01:00:00.000Z',
      points: 1,
      reason: 'single-closed',
    };
    await harness.store.appendToStream(
      ledgerStreamOf('cg', scenario.year),
      [toNewEvent({ type: 'LedgerEntryRecorded', data: stray as never }, derivedEventId('what-if-test/stray'))],
      { expectedRevision: 'any' },
    );
    const out = fromStore();
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout)).toEqual(simulate(scenario));
    // The final ranking was published before the stray entry: only the ledger differs.
    expect(out.stderr.trim().split('\n')).toEqual([
      `the replay of ${scenario.year} differs from what was recorded (2):`,
      'ledger cg: total 58.5 replayed, 59.5 recorded',
      'ledger cg: entry {"at":"2026-08-01T09:00:00+08:00","points":1,"reason":"single-closed"} recorded, not replayed',
    ]);
  });
});
