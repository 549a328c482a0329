import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { parseScenarioText, readScenario, simulate } from '@app/domain';
import { comparable, LiveHarness, TemporalSide } from './live-harness';
import { startTimeSkipping } from './time-skipping-env';

jest.setTimeout(600_000);

const SHARED_SCENARIOS = join(__dirname, '../../../shared/scenarios');
const LEAD_SCENARIOS = join(__dirname, '../../libs/domain/scenarios');
const yamlIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
const allScenarioFiles = [...yamlIn(SHARED_SCENARIOS), ...yamlIn(LEAD_SCENARIOS)];
const nameOf = (file: string) => file.slice(file.lastIndexOf('/') + 1);
// Base-score decisions and appeals (FORMAT.md version 2) are in libs/domain only: the live path does not take them yet.
const onLivePath = (file: string) => readScenario(parseScenarioText(readFileSync(file, 'utf8'))).accountabilitySteps.length === 0;
const scenarioFiles = allScenarioFiles.filter(onLivePath);

// Invariant 6: the live path (store → delivery → workflows → timers → activities) and simulate agree.
// Each scenario gets its own time-skipping server: issue ids (workflow ids issue-<id>) repeat across scenarios.
describe('live workflows ≡ simulate', () => {
  let env: TestWorkflowEnvironment | undefined;
  let side: TemporalSide;

  beforeEach(async () => {
    ({ env, side } = await startTimeSkipping());
  });

  afterEach(async () => {
    await env?.teardown();
    env = undefined;
  });

  allScenarioFiles
    .filter((file) => !onLivePath(file))
    .forEach((file) => it.todo(`${nameOf(file)}: base-score decisions and appeals on the live path`));

  it.each(scenarioFiles.map((file) => [nameOf(file), file]))('%s', async (_name, file) => {
    const scenario = readScenario(parseScenarioText(readFileSync(file, 'utf8')));
    const expected = simulate(scenario);
    const { hour, minute } = scenario.policy.yearEnd;
    const yearEnd = scenario.zone.atLocalTime(`${scenario.year + 1}-01-01`, hour, minute);
    const until = scenario.until ?? yearEnd;
    const harness = await LiveHarness.create('temporal_equivalence', side, `equivalence-${_name}`, scenario.policy);
    try {
      await harness.registerOrganisation(scenario);
      await harness.start(scenario.steps[0].at - 60_000);
      await harness.drive(scenario, until);
      const yearClosed = until >= yearEnd;
      const reconciliation = await harness.runYearEnd({ year: scenario.year, final: yearClosed }, `yearend-${scenario.year}-${_name}`);
      const live = await harness.liveResult(scenario, yearClosed);
      const { ledger, ranking, assessmentBonuses, interviews, issues } = expected;
      expect(comparable(live)).toEqual(comparable({ ledger, ranking, assessmentBonuses, interviews, issues }));
      // The year end's own recomputation agrees with what the live path booked and ordered.
      expect({ differences: reconciliation.differences, interviewDifferences: reconciliation.interviewDifferences }).toEqual({
        differences: 0,
        interviewDifferences: 0,
      });
    } finally {
      await harness.close();
    }
  });
});
