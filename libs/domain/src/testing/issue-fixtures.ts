import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DecisionContext } from '../issue/issue.decide';
import { IssueCommand } from '../issue/issue.commands';
import { organisationOf } from '../issue/organisation';
import { DEFAULT_POLICY, PolicyBook } from '../policy/policy';
import { parseInstant } from '../time/instant';
import { SHANGHAI } from '../time/time-zone';

/** Small factories for decider tests: one street, one station, departments cg, zj, jt and city department city-sw. */
export const testContext: DecisionContext = {
  policy: PolicyBook.of(DEFAULT_POLICY),
  calendar: WorkingDayCalendar.official(),
  zone: SHANGHAI,
  organisation: organisationOf({
    streets: [{ id: 'htl', name: '花亭路街道' }],
    stations: [{ id: 'hbc', name: '花亭北村社区红领工作站', street: 'htl' }],
    departments: [
      { id: 'cg', name: '区城管局' },
      { id: 'zj', name: '区住建局' },
      { id: 'jt', name: '区交通局' },
    ],
    cityDepartments: [{ id: 'city-sw', name: '市水务局' }],
  }),
};

export const at = (text: string) => parseInstant(text);

export const raiseCommand = (when = '2026-03-02T09:00:00+08:00', issueId = 'I1'): IssueCommand => ({
  type: 'RaiseIssue',
  issueId,
  stationId: 'hbc',
  title: '小区路灯损坏',
  fourLists: { problem: '路灯不亮', tasks: '更换灯具', responsibleParty: '区城管局', acceptanceStandard: '夜间照明恢复' },
  at: at(when),
});
