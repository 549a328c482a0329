import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as issueDecide from '../issue/issue.decide';
import { IssueEvent } from '../issue/issue.events';
import { copyOfIssue, evolveOwned, foldIssue, Issue, IssueState } from '../issue/issue.state';
import { parseScenarioText } from './scenario';
import { simulateScenario } from './simulation';
import { scenarioFiles } from '../../test/scenario-files';

const root = join(__dirname, '../../../..');

/** Every event the simulation folds, by issue, in order: what decideInPlace's observer is shown after each fold. */
function eventsOfRun(text: string): Map<string, IssueEvent[]> {
  const byIssue = new Map<string, IssueEvent[]>();
  const decideInPlace = issueDecide.decideInPlace;
  const spy = jest.spyOn(issueDecide, 'decideInPlace').mockImplementation((command, state, context, observer) =>
    decideInPlace(command, state, context, {
      before: observer.before,
      after: (event, issue) => {
        const events = byIssue.get(issue.issueId) ?? [];
        events.push(event);
        byIssue.set(issue.issueId, events);
        observer.after(event, issue);
      },
    }),
  );
  try {
    simulateScenario(parseScenarioText(text));
  } finally {
    spy.mockRestore();
  }
  return byIssue;
}

const foldOwned = (events: readonly IssueEvent[]): IssueState => events.reduce(evolveOwned, null);

function expectSameFolds(byIssue: Map<string, IssueEvent[]>): void {
  expect(byIssue.size).toBeGreaterThan(0);
  for (const events of byIssue.values()) {
    const pure = foldIssue(events);
    expect(foldOwned(events)).toEqual(pure);
    // Every prefix too: each state on the way, not only the last.
    let owned: IssueState = null;
    events.forEach((event, i) => {
      owned = evolveOwned(owned, event);
      expect(owned).toEqual(foldIssue(events.slice(0, i + 1)));
    });
  }
}

describe('evolveOwned: the same fold as evolve, in place', () => {
  const files = scenarioFiles();

  it.each(files.map((f) => [f.split('/').slice(-2).join('/'), f]))('folds the events of %s as evolve does', (_, file) => {
    expectSameFolds(eventsOfRun(readFileSync(file, 'utf8')));
  });

  it('folds the events of a generated year as evolve does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'in-place-fold-'));
    try {
      const file = join(dir, 'year.json');
      execFileSync('node', ['-r', 'ts-node/register/transpile-only', join(root, 'bench/generate-year.ts'), '1500', file], { cwd: root });
      const byIssue = eventsOfRun(readFileSync(file, 'utf8'));
      expect(byIssue.size).toBe(1500);
      for (const events of byIssue.values()) expect(foldOwned(events)).toEqual(foldIssue(events));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('leaves a copy alone when folding into the original, and the original when folding into the copy', () => {
    const events = [...eventsOfRun(readFileSync(join(root, '../shared/scenarios/example-01.yaml'), 'utf8')).values()][0];
    const half = Math.floor(events.length / 2);
    const original = foldOwned(events.slice(0, half)) as Issue;
    const copy = copyOfIssue(original);
    const before = foldIssue(events.slice(0, half));
    events.slice(half).forEach((event) => evolveOwned(copy, event));
    expect(original).toEqual(before);
    expect(copy).toEqual(foldIssue(events));
  });
});
