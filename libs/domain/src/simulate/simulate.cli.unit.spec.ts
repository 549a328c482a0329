import { readFileSync } from 'node:fs';
import { issueJson } from './simulate.cli';
import { parseScenarioText } from './scenario';
import { simulateScenario, SimulationResult } from './simulation';
import { scenarioFiles } from '../../test/scenario-files';

/** The issues' part of JSON.stringify(result, null, 2): what writeJson writes issueJson's entries for. */
function stringifiedIssues(issues: SimulationResult['issues']): string {
  const framed = JSON.stringify({ issues }, null, 2);
  return framed.slice('{\n  "issues": {\n'.length, -'\n  }\n}'.length);
}

describe('issueJson: an issue as JSON.stringify(result, null, 2) prints it', () => {
  const files = scenarioFiles();

  it.each(files.map((f) => [f.split('/').slice(-2).join('/'), f]))('prints the issues of %s byte for byte', (_, file) => {
    const { issues } = simulateScenario(parseScenarioText(readFileSync(file, 'utf8')));
    const ids = Object.keys(issues);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.map((id) => issueJson(id, issues[id])).join(',\n')).toBe(stringifiedIssues(issues));
  });

  it('prints empty lists, the optional marks and ids that need escaping', () => {
    const issues: SimulationResult['issues'] = {
      'a "quoted" \\ id': { status: 'open', level: 'community', levels: [], deadlines: [] },
      I2: {
        status: 'closed',
        level: 'district',
        levels: [
          { level: 'community', at: '2026-03-02T09:00:00+08:00' },
          { level: 'district', at: '2026-03-09T09:00:00+08:00' },
        ],
        deadlines: [
          { department: 'cg', due: '2026-03-16T00:00:00+08:00', outcome: 'missed', provisional: true, overturned: true },
          { department: 'sw', due: '2026-03-17T00:00:00+08:00', outcome: 'met' },
        ],
      },
    };
    expect(Object.keys(issues).map((id) => issueJson(id, issues[id])).join(',\n')).toBe(stringifiedIssues(issues));
  });
});
