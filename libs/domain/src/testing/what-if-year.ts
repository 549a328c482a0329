import { parseScenarioText, readScenario, Scenario } from '../simulate/scenario';
import { MootAppeal } from '../simulate/simulation';

/**
 * A small year for what-if tests, as a scenario file (FORMAT.md): issue I1 whistled to cg and jt on Tue 3 March 2026;
 * cg answers on the fourth working day (late under 3 working days, in time under 5), jt never answers.
 */
export const LONGER_FEEDBACK_YEAR = `
year: 2026
streets: [{ id: st1, name: 东城街道 }]
stations: [{ id: s1, name: 红领工作站一, street: st1 }]
departments: [{ id: cg, name: 区城管委 }, { id: jt, name: 区交通局 }, { id: sw, name: 区水务局 }]
steps:
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: s1, title: 积水 }
  - { at: "2026-03-02T10:00:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T11:00:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-03T09:00:00+08:00", do: whistle, issue: I1, mode: joint, departments: [cg, jt] }
  - { at: "2026-03-09T10:00:00+08:00", do: feedback, issue: I1, department: cg }
`;

/**
 * The same year with both missed deadlines (due Sat 7 March) appealed: cg an hour after its late answer, upheld the
 * next day; jt at `jtAppeals`, overturned on 13 March.
 */
export function appealedYear(jtAppeals = '2026-03-12T10:00:00+08:00'): Scenario {
  const due = '"2026-03-07T00:00:00+08:00"';
  return readScenario(
    parseScenarioText(`${LONGER_FEEDBACK_YEAR}
  - { at: "2026-03-09T11:00:00+08:00", do: appeal, department: cg, issue: I1, due: ${due}, reason: 通知未送达 }
  - { at: "2026-03-10T10:00:00+08:00", do: decideAppeal, department: cg, issue: I1, due: ${due}, outcome: upheld }
  - { at: "${jtAppeals}", do: appeal, department: jt, issue: I1, due: ${due}, reason: 系统故障 }
  - { at: "2026-03-13T10:00:00+08:00", do: decideAppeal, department: jt, issue: I1, due: ${due}, outcome: overturned }
`),
  );
}

/** Worked by hand: under `feedback: { count: 5 }` cg's deadline falls due on 11 March and its answer meets it, so its appeal is moot. */
export const MOOT_UNDER_FIVE_DAYS: MootAppeal = {
  department: 'cg',
  issue: 'I1',
  deadlineId: 'I1#1',
  due: '2026-03-11T00:00:00+08:00',
  appealedAt: '2026-03-09T11:00:00+08:00',
  because: 'met',
  decision: { outcome: 'upheld', at: '2026-03-10T10:00:00+08:00' },
};
